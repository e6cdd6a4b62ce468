// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// pmd_lock before pte_lock.
void pte_then_pmd(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	spinlock_t *ptl, *pml;
	pte_t *pte;

	mmap_read_lock(mm);
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte)
		goto out;
// CHECK: :[[@LINE+1]]:8: error: 'pmd_lock' takes 'pmd_lock' of '*pml' while 'pte_lock' of '*ptl' is held, against the lock order (order 'pmd_before_pte')
	pml = pmd_lock(mm, pmd);
	spin_unlock(pml);
	pte_unmap_unlock(pte, ptl);
out:
	mmap_read_unlock(mm);
}
