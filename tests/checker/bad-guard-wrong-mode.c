// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A read guard does not allow what needs the mmap write lock.
int flags_under_read_guard(struct vm_area_struct *vma, vm_flags_t flags)
{
	guard(mmap_read_lock)(vma->vm_mm);
// CHECK: :[[@LINE+1]]:2: error: call to 'vm_flags_set' needs 'mmap_lock' of 'vma->vm_mm' held for write, but it is held for read
	vm_flags_set(vma, flags);
	return 0;
}
