// RUN: %check %s | count 0
// A warning macro's value is its condition (`if (WARN_ON_ONCE(!vma))`): the test settles
// the try's result as the bare condition would.
vm_fault_t fault_locked_vma(struct mm_struct *mm, unsigned long addr, struct pt_regs *regs)
{
	struct vm_area_struct *vma;
	vm_fault_t fault;

	vma = lock_vma_under_rcu(mm, addr);
	if (WARN_ON_ONCE(!vma))
		return VM_FAULT_SIGSEGV;
	fault = handle_mm_fault(vma, addr, FAULT_FLAG_VMA_LOCK, regs);
	if (!(fault & (VM_FAULT_RETRY | VM_FAULT_COMPLETED)))
		vma_end_read(vma);
	return fault;
}
