// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// Collapsing a populated PTE table into a huge PMD entry shuts the range off with the mmap
// and VMA write locks and the anon_vma write lock; the PMD entry is cleared under the PMD
// lock alone, and the PTE lock is taken only afterwards, through the entry's copy.
static void collapse(struct mm_struct *mm, struct vm_area_struct *vma, pmd_t *pmd,
		     unsigned long address)
{
	spinlock_t *pmd_ptl, *pte_ptl;
	pmd_t _pmd;
	pte_t *pte;

	mmap_write_lock(mm);
	vma_start_write(vma);
	anon_vma_lock_write(vma->anon_vma);
	pmd_ptl = pmd_lock(mm, pmd);
	_pmd = pmdp_collapse_flush(vma, address, pmd);
	spin_unlock(pmd_ptl);
	pte = pte_offset_map_lock(mm, &_pmd, address, &pte_ptl);
	if (pte)
		pte_unmap_unlock(pte, pte_ptl);
	anon_vma_unlock_write(vma->anon_vma);
	mmap_write_unlock(mm);
}
