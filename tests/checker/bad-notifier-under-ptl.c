// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// mmu_notifier_invalidate_range_start may sleep: never under the PTL.
void notify(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr, struct mmu_notifier_range *range)
{
	spinlock_t *ptl;
	pte_t *pte;

	mmap_read_lock(vma->vm_mm);
	pte = pte_offset_map_lock(vma->vm_mm, pmd, addr, &ptl);
	if (!pte)
		goto out;
// CHECK: :[[@LINE+1]]:2: error: call to 'mmu_notifier_invalidate_range_start' must not run with 'pte_lock' of '*ptl' held (operation 'mmu_notifier_invalidate')
	mmu_notifier_invalidate_range_start(range);
	pte_unmap_unlock(pte, ptl);
out:
	mmap_read_unlock(vma->vm_mm);
}
