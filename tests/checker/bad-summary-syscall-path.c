// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A requirement no caller meets is reported once, at the root of the call path (once
// for both calls of set_one: one finding per unmet requirement).
static void set_one(struct vm_area_struct *vma, vm_flags_t flags)
{
	vm_flags_set(vma, flags);
}

static void set_two(struct vm_area_struct *vma, vm_flags_t flags)
{
	set_one(vma, flags);
	set_one(vma->vm_next, flags);
}

SYSCALL_DEFINE2(settwo, unsigned long, addr, vm_flags_t, flags)
{
	struct vm_area_struct *vma;

	mmap_read_lock(current->mm);
	vma = find_vma(current->mm, addr);
// CHECK: :[[@LINE+2]]:2: error: call to 'set_two' without 'mmap_lock' of 'vma->vm_mm' for write (it holds 'mmap_lock' of 'current->mm' for read), which no caller in the files checked takes: the helpers write-lock the VMA themselves, which needs the mmap write lock (through set_two -> set_one){{$}}
// CHECK: note: needed by {{.*}}bad-summary-syscall-path.c:6: call to 'vm_flags_set' (change_vma_flags), which requires mmap_lock.write{{$}}
	set_two(vma, flags);
	mmap_read_unlock(current->mm);
	return 0;
}
