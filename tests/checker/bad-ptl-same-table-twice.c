// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Page-table locks are identified by the table where the code names it: a second pointer at
// the lock of the table already locked is the same lock, and taking it again deadlocks.
static void relock_same_table(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl, *again;
	pte_t *pte;

	mmap_read_lock(mm);
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte) {
		mmap_read_unlock(mm);
		return;
	}
	again = pte_lockptr(mm, pmd);
// CHECK: :[[@LINE+2]]:2: error: 'spin_lock_nested' takes 'pte_lock' of '*again', which is already held here
// CHECK: :[[@LINE-7]]:8: note: taken here
	spin_lock_nested(again, SINGLE_DEPTH_NESTING);
	spin_unlock(again);
	pte_unmap_unlock(pte, ptl);
	mmap_read_unlock(mm);
}
