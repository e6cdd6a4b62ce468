// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The warning's condition is inverted: the branch that returns is the one where the VMA
// was locked.
vm_fault_t fault_locked_vma(struct mm_struct *mm, unsigned long addr, struct pt_regs *regs)
{
	struct vm_area_struct *vma;
	vm_fault_t fault;

	vma = lock_vma_under_rcu(mm, addr);
	if (WARN_ON_ONCE(vma))
// CHECK: :[[@LINE+1]]:3: error: 'vma_lock' of 'vma' is still held at return{{$}}
		return VM_FAULT_SIGSEGV;
// CHECK: :[[@LINE+1]]:10: error: call to 'handle_mm_fault' (page_fault) without 'vma_lock' of 'vma' for read or 'mmap_lock' of 'vma->vm_mm' for read (it holds none of its locks): the VMA must not change or be unmapped while the fault installs into it{{$}}
	fault = handle_mm_fault(vma, addr, FAULT_FLAG_VMA_LOCK, regs);
	if (!(fault & (VM_FAULT_RETRY | VM_FAULT_COMPLETED)))
// CHECK: :[[@LINE+1]]:3: error: 'vma_end_read' releases 'vma_lock' of 'vma', which is not held here{{$}}
		vma_end_read(vma);
	return fault;
}
