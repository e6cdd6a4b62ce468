// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A caller that never takes the mmap read lock the fault helper needs: the helper returns
// holding it on some paths, so later iterations may have it, but the first one does not.
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

	for (addr = start; addr && addr < end; addr += PAGE_SIZE)
// CHECK: :[[@LINE+1]]:7: error: call to 'fault_one' without 'vma_lock' for read or 'mmap_lock' for read (it holds none of its locks), which no caller in the files checked takes: the VMA must not change or be unmapped while the fault installs into it (through fault_one)
		if (fault_one(mm, addr, FAULT_FLAG_WRITE, &unlocked))
			break;
	mmap_read_unlock(mm);
	return end - addr;
}
