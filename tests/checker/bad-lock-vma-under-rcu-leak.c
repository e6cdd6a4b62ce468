// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
vm_fault_t fault_leak(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = lock_vma_under_rcu(mm, addr);

	if (!vma)
		return VM_FAULT_RETRY;
	// The result is ignored: unless it had VM_FAULT_RETRY or VM_FAULT_COMPLETED, the VMA
	// lock is still held here.
	handle_mm_fault(vma, addr, FAULT_FLAG_VMA_LOCK, NULL);
// CHECK: :[[@LINE+1]]:2: warning: 'vma_lock' of 'vma' may still be held at return
	return 0;
}
