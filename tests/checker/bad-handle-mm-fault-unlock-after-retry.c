// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// After VM_FAULT_RETRY the VMA lock is gone: releasing it again, and testing the result the
// wrong way round, are both caught.
static vm_fault_t vma_fault(struct mm_struct *mm, unsigned long address, struct pt_regs *regs)
{
	unsigned int flags = FAULT_FLAG_DEFAULT;
	struct vm_area_struct *vma;
	vm_fault_t fault;

	vma = lock_vma_under_rcu(mm, address);
	if (!vma)
		return VM_FAULT_RETRY;
	fault = handle_mm_fault(vma, address, flags | FAULT_FLAG_VMA_LOCK, regs);
	if (fault & VM_FAULT_RETRY) {
// CHECK: :[[@LINE+1]]:3: error: 'vma_end_read' releases 'vma_lock' of 'vma', which is not held here
		vma_end_read(vma);
		return fault;
	}
	// Nor is a result without the bits released here: the lock leaks.
// CHECK: :[[@LINE+1]]:2: warning: 'vma_lock' of 'vma' may still be held at return
	return fault;
}

static vm_fault_t inverted(struct mm_struct *mm, unsigned long address, struct pt_regs *regs)
{
	unsigned int flags = FAULT_FLAG_DEFAULT;
	struct vm_area_struct *vma;
	vm_fault_t fault;

	vma = lock_vma_under_rcu(mm, address);
	if (!vma)
		return VM_FAULT_RETRY;
	fault = handle_mm_fault(vma, address, flags | FAULT_FLAG_VMA_LOCK, regs);
	if (fault & (VM_FAULT_RETRY | VM_FAULT_COMPLETED))
// CHECK: :[[@LINE+1]]:3: error: 'vma_end_read' releases 'vma_lock' of 'vma', which is not held here
		vma_end_read(vma);
// CHECK: :[[@LINE+1]]:2: warning: 'vma_lock' of 'vma' may still be held at return
	return fault;
}

// Without FAULT_FLAG_VMA_LOCK it is the mmap lock that VM_FAULT_COMPLETED has dropped.
static int gup_fault(struct vm_area_struct *vma, unsigned long address)
{
	vm_fault_t ret;

	mmap_read_lock(vma->vm_mm);
	ret = handle_mm_fault(vma, address, FAULT_FLAG_ALLOW_RETRY, NULL);
	if (ret & VM_FAULT_COMPLETED)
// CHECK: :[[@LINE+1]]:3: error: 'mmap_read_unlock' releases 'mmap_lock' of 'vma->vm_mm', which is not held here
		mmap_read_unlock(vma->vm_mm);
// CHECK: :[[@LINE+1]]:2: warning: 'mmap_lock' of 'vma->vm_mm' may still be held at return
	return 0;
}
