// RUN: %check %s | count 0
// The page-fault pattern of process_addrs.rst: per-VMA lock first, mmap lock as fallback.
vm_fault_t fault(struct mm_struct *mm, unsigned long addr, struct pt_regs *regs)
{
	struct vm_area_struct *vma;
	vm_fault_t ret;

	vma = lock_vma_under_rcu(mm, addr);
	if (!vma)
		goto lock_mmap;
	ret = handle_mm_fault(vma, addr, FAULT_FLAG_VMA_LOCK, regs);
	vma_end_read(vma);
	return ret;

lock_mmap:
	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	ret = handle_mm_fault(vma, addr, 0, regs);
	mmap_read_unlock(mm);
	return ret;
}
