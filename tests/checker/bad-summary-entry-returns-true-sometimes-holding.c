// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The result does not tell the caller: one `return true;` holds the lock, another does not.
bool read_lock_unless_stack(struct mm_struct *mm, struct vm_area_struct *vma, bool write)
{
	if (!write) {
		mmap_read_lock(mm);
// CHECK: :[[@LINE+1]]:3: error: 'mmap_lock' of 'mm' is still held at return
		return true;
	}
	if (!(vma->vm_flags & VM_GROWSDOWN))
		return true;
	return false;
}
