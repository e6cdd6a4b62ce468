// RUN: %check %s | count 0
// The table walker installs entries without the PTE lock only on the no_vma path, which the
// walk struct's flag selects; a caller whose designated initializer leaves the flag zero
// never reaches it.
struct mm_walk {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	bool no_vma;
};

static void install_range(pte_t *pte, unsigned long addr, struct mm_walk *walk, pte_t entry)
{
	set_pte_at(walk->mm, addr, pte, entry);
}

static int walk_table(pmd_t *pmd, unsigned long addr, struct mm_walk *walk, pte_t entry)
{
	pte_t *pte;
	spinlock_t *ptl;

	mmap_assert_locked(walk->mm);
	if (walk->no_vma) {
		pte = pte_offset_map(pmd, addr);
		if (pte) {
			install_range(pte, addr, walk, entry);
			pte_unmap(pte);
		}
	} else {
		pte = pte_offset_map_lock(walk->mm, pmd, addr, &ptl);
		if (pte) {
			install_range(pte, addr, walk, entry);
			pte_unmap_unlock(pte, ptl);
		}
	}
	return 0;
}

SYSCALL_DEFINE2(fill_one, unsigned long, addr, pte_t, entry)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	pmd_t *pmd;
	int err = -EFAULT;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	pmd = mm_find_pmd(mm, addr);
	if (vma && pmd) {
		struct mm_walk walk = { .mm = mm, .vma = vma };

		err = walk_table(pmd, addr, &walk, entry);
	}
	mmap_read_unlock(mm);
	return err;
}
