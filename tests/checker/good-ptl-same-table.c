// RUN: %check %s | count 0
// Page-table locks are identified by the table where the code names it: the lock that
// pte_offset_map_lock() took for the table under `pmd` is the one pte_lockptr(mm, pmd) finds,
// so pte_unmap_unlock() through that pointer releases the hold.  The PTE table under another PMD
// entry has a lock of its own.
static void unlock_by_table(struct vm_area_struct *vma, pmd_t *pmd, pmd_t *other,
			    unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl, *same, *ptl2;
	pte_t *pte;

	mmap_read_lock(mm);
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte) {
		mmap_read_unlock(mm);
		return;
	}
	ptl2 = pte_lockptr(mm, other);
	if (ptl2 != ptl) {
		spin_lock_nested(ptl2, SINGLE_DEPTH_NESTING);
		spin_unlock(ptl2);
	}
	same = pte_lockptr(mm, pmd);
	pte_unmap_unlock(pte, same);
	mmap_read_unlock(mm);
}
