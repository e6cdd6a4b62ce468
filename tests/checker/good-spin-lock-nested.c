// RUN: %check %s | count 0
// spin_lock_nested takes a page-table lock like spin_lock: the second lock of a class, under a
// lockdep subclass (mm/ passes SINGLE_DEPTH_NESTING).

// The PTE lock reached through ptep_lockptr (v6.11+) and taken nested: a PTE write under it is
// allowed, and spin_unlock releases it.
void install_nested(struct vm_area_struct *vma, pte_t *dst, unsigned long addr, pte_t entry)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl = ptep_lockptr(mm, dst);

	mmap_read_lock(mm);
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	set_pte_at(mm, addr, dst, entry);
	spin_unlock(ptl);
	mmap_read_unlock(mm);
}

// mremap's move_normal_pmd: the destination PMD lock nested in the source one, taken and
// dropped only when the two differ.
bool move_pmd(struct vm_area_struct *vma, pmd_t *old_pmd, pmd_t *new_pmd)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *old_ptl, *new_ptl;
	pmd_t pmd;

	old_ptl = pmd_lock(mm, old_pmd);
	new_ptl = pmd_lockptr(mm, new_pmd);
	if (new_ptl != old_ptl)
		spin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);
	pmd = *old_pmd;
	pmd_clear(old_pmd);
	set_pmd_at(mm, 0, new_pmd, pmd);
	if (new_ptl != old_ptl)
		spin_unlock(new_ptl);
	spin_unlock(old_ptl);
	return true;
}
