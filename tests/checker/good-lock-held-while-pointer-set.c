// RUN: %check %s | count 0
// A page-table lock held exactly while a pointer is non-NULL: the PTE pointer a map-and-lock
// helper returned, or the lock pointer pmd_lock() returned.  Where paths meet with the pointer
// NULL on one of them, the next test of the pointer says whether the lock is held.

// madvise's swapin_walk_pmd_entry: the table stays locked across iterations while `ptep` is
// set, and is unlocked after the loop only if it still is.
static int swapin_walk(struct vm_area_struct *vma, pmd_t *pmd, unsigned long start,
		       unsigned long end)
{
	pte_t *ptep = NULL;
	spinlock_t *ptl;
	unsigned long addr;

	mmap_assert_locked(vma->vm_mm);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t pte;

		if (!ptep++) {
			ptep = pte_offset_map_lock(vma->vm_mm, pmd, addr, &ptl);
			if (!ptep)
				break;
		}
		pte = ptep_get(ptep);
		if (!pte_present(pte))
			continue;
		pte_unmap_unlock(ptep, ptl);
		ptep = NULL;
		read_swap_cache(pte);
	}
	if (ptep)
		pte_unmap_unlock(ptep, ptl);
	return 0;
}

// khugepaged's try_collapse_pte_mapped_thp: the PMD lock is taken early on one path only, and
// `pml` says which; the PTE lock is taken under it only where the two differ.
static void clear_table(struct mm_struct *mm, struct vm_area_struct *vma, pmd_t *pmd,
			unsigned long haddr, bool early)
{
	spinlock_t *pml = NULL, *ptl;
	pte_t *start_pte;
	pmd_t pgt_pmd;

	mmap_read_lock(mm);
	if (early)
		pml = pmd_lock(mm, pmd);
	start_pte = pte_offset_map_rw_nolock(mm, pmd, haddr, &pgt_pmd, &ptl);
	if (!start_pte)
		goto abort;
	if (!pml)
		spin_lock(ptl);
	else if (ptl != pml)
		spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	clear_ptes(mm, haddr, start_pte, HPAGE_PMD_NR);
	if (!pml)
		spin_unlock(ptl);
	if (!pml) {
		pml = pmd_lock(mm, pmd);
		if (ptl != pml)
			spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	}
	pgt_pmd = pmdp_collapse_flush(vma, haddr, pmd);
	spin_unlock(ptl);
	pte_unmap(start_pte);
	if (ptl != pml)
		spin_unlock(pml);
	mmap_read_unlock(mm);
	return;
abort:
	if (pml)
		spin_unlock(pml);
	mmap_read_unlock(mm);
}
