// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-mapped-table-lock-taken.c with the spin_lock removed: the table was mapped here, so
// its lock is no lock the caller could have taken for this function.
static pte_t read_dst_pte(struct mm_struct *mm, pmd_t *dst_pmd, unsigned long dst_addr)
{
	spinlock_t *dst_ptl;
	pmd_t dst_pmdval;
	pte_t *dst_pte;
	pte_t orig_dst_pte;

	dst_pte = pte_offset_map_rw_nolock(mm, dst_pmd, dst_addr, &dst_pmdval, &dst_ptl);
	if (!dst_pte)
		return __pte(0);
	orig_dst_pte = ptep_get(dst_pte);
// CHECK: :[[@LINE+1]]:2: error: 'spin_unlock' releases 'pte_lock' of '*dst_ptl', which is not held here
	spin_unlock(dst_ptl);
	pte_unmap(dst_pte);
	return orig_dst_pte;
}

pte_t peek_pte(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	pte_t pte;

	mmap_read_lock(mm);
	pte = read_dst_pte(mm, pmd, addr);
	mmap_read_unlock(mm);
	return pte;
}
