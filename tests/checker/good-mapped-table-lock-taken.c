// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// A PTE table mapped without its lock, whose lock pointer the map call returns; the entry is
// read under the lock taken through that pointer.
static pte_t read_dst_pte(struct mm_struct *mm, pmd_t *dst_pmd, unsigned long dst_addr)
{
	spinlock_t *dst_ptl;
	pmd_t dst_pmdval;
	pte_t *dst_pte;
	pte_t orig_dst_pte;

	dst_pte = pte_offset_map_rw_nolock(mm, dst_pmd, dst_addr, &dst_pmdval, &dst_ptl);
	if (!dst_pte)
		return __pte(0);
	spin_lock(dst_ptl);
	orig_dst_pte = ptep_get(dst_pte);
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
