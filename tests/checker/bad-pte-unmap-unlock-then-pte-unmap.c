// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// pte_unmap_unlock already left the RCU section of the table mapped without its lock:
// unmapping it again leaves a section this path is no longer in.
static int touch_locked(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr)
{
	spinlock_t *ptl;
	pte_t *pte;

	mmap_read_lock(vma->vm_mm);
	pte = pte_offset_map_ro_nolock(vma->vm_mm, pmd, addr, &ptl);
	if (!pte) {
		mmap_read_unlock(vma->vm_mm);
		return 0;
	}
	spin_lock(ptl);
	touch(pte);
	pte_unmap_unlock(pte, ptl);
// CHECK: :[[@LINE+1]]:2: error: 'pte_unmap' releases 'rcu', which is not held here
	pte_unmap(pte);
	mmap_read_unlock(vma->vm_mm);
	return 1;
}
