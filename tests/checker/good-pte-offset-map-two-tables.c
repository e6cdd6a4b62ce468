// RUN: %check %s | count 0
// Two PTE tables mapped, each its own RCU read section; each pointer tested for NULL
// before its pte_unmap, as move_pages_ptes does.  NULL from pte_offset_map enters no section.
int two(struct mm_struct *mm, pmd_t *src_pmd, pmd_t *dst_pmd, unsigned long addr)
{
	pte_t *src_pte = NULL, *dst_pte = NULL;
	int err = 0;

	mmap_read_lock(mm);
	dst_pte = pte_offset_map(dst_pmd, addr);
	if (!dst_pte) {
		err = -EAGAIN;
		goto out;
	}
	src_pte = pte_offset_map(src_pmd, addr);
	if (!src_pte) {
		err = -EAGAIN;
		goto out;
	}
	if (!pte_same(ptep_get(src_pte), ptep_get(dst_pte))) {
		pte_unmap(src_pte);
		pte_unmap(dst_pte);
		src_pte = dst_pte = NULL;
		err = -EAGAIN;
	}
out:
	if (src_pte)
		pte_unmap(src_pte);
	if (dst_pte)
		pte_unmap(dst_pte);
	mmap_read_unlock(mm);
	return err;
}

// NULL: nothing to leave.
void one(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	pte_t *pte;

	mmap_read_lock(mm);
	pte = pte_offset_map(pmd, addr);
	if (!pte)
		goto out;
	touch(pte);
	pte_unmap(pte);
out:
	mmap_read_unlock(mm);
}
