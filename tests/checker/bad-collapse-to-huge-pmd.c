// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A collapse that does not write-lock the anon_vma leaves rmap walkers running into the
// table whose PMD entry it clears: neither the collapse nor the retraction rules are met.
static void collapse_no_rmap_lock(struct mm_struct *mm, struct vm_area_struct *vma, pmd_t *pmd,
				  unsigned long address)
{
	spinlock_t *pmd_ptl;

	mmap_write_lock(mm);
	vma_start_write(vma);
	pmd_ptl = pmd_lock(mm, pmd);
// CHECK: :[[@LINE+1]]:8: error: call to 'pmdp_collapse_flush' (retract_pte_table; collapse_to_huge_pmd is not met either) without 'pte_lock'
	(void)pmdp_collapse_flush(vma, address, pmd);
	spin_unlock(pmd_ptl);
	mmap_write_unlock(mm);
}
