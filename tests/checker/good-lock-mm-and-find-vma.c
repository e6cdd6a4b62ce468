// RUN: %check %s | count 0
vm_fault_t arch_fault(struct mm_struct *mm, unsigned long address, struct pt_regs *regs)
{
	struct vm_area_struct *vma;
	vm_fault_t fault;

	vma = lock_mm_and_find_vma(mm, address, regs);
	if (unlikely(!vma))
		return VM_FAULT_SIGSEGV;
	fault = handle_mm_fault(vma, address, 0, regs);
	mmap_read_unlock(mm);
	return fault;
}
