// RUN: %check %s | count 0
// An architecture's fault handler, as arch/x86/mm/fault.c writes it: handle_mm_fault drops
// the VMA read lock (FAULT_FLAG_VMA_LOCK) or the mmap read lock when its result has
// VM_FAULT_RETRY or VM_FAULT_COMPLETED, and the caller releases it on every other result.
static vm_fault_t do_user_fault(struct mm_struct *mm, unsigned long address,
				struct pt_regs *regs)
{
	unsigned int flags = FAULT_FLAG_DEFAULT;
	struct vm_area_struct *vma;
	vm_fault_t fault;

	vma = lock_vma_under_rcu(mm, address);
	if (!vma)
		goto lock_mmap;
	fault = handle_mm_fault(vma, address, flags | FAULT_FLAG_VMA_LOCK, regs);
	if (!(fault & (VM_FAULT_RETRY | VM_FAULT_COMPLETED)))
		vma_end_read(vma);
	if (!(fault & VM_FAULT_RETRY))
		return fault;
lock_mmap:
	vma = lock_mm_and_find_vma(mm, address, regs);
	if (!vma)
		return VM_FAULT_SIGSEGV;
	fault = handle_mm_fault(vma, address, flags, regs);
	if (fault & (VM_FAULT_RETRY | VM_FAULT_COMPLETED))
		return fault;
	mmap_read_unlock(mm);
	return fault;
}

// FAULT_FLAG_RETRY_NOWAIT: nothing is dropped, whatever the result.
static int fault_nowait(struct vm_area_struct *vma, unsigned long address)
{
	vm_fault_t ret;

	mmap_read_lock(vma->vm_mm);
	ret = handle_mm_fault(vma, address, FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_RETRY_NOWAIT, NULL);
	mmap_read_unlock(vma->vm_mm);
	return ret & VM_FAULT_RETRY ? -EBUSY : 0;
}
