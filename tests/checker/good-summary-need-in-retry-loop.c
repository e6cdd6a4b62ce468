// RUN: %check %s | count 0
// A fault helper that needs the mmap read lock, and takes it again whenever the fault
// dropped it; its caller holds the lock before the loop, so every call has it, the first
// included.
static int fault_one(struct mm_struct *mm, unsigned long address, unsigned int flags,
		     bool *unlocked)
{
	struct vm_area_struct *vma;
	vm_fault_t ret;

again:
	vma = find_vma(mm, address);
	if (!vma)
		return -EFAULT;
	ret = handle_mm_fault(vma, address, flags, NULL);
	if (ret & VM_FAULT_COMPLETED) {
		mmap_read_lock(mm);
		*unlocked = true;
		return 0;
	}
	if (ret & VM_FAULT_ERROR)
		return -EFAULT;
	if (ret & VM_FAULT_RETRY) {
		mmap_read_lock(mm);
		*unlocked = true;
		flags |= FAULT_FLAG_TRIED;
		goto again;
	}
	return 0;
}

size_t fault_in_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr;
	bool unlocked = false;

	mmap_read_lock(mm);
	for (addr = start; addr && addr < end; addr += PAGE_SIZE)
		if (fault_one(mm, addr, FAULT_FLAG_WRITE, &unlocked))
			break;
	mmap_read_unlock(mm);
	return end - addr;
}
