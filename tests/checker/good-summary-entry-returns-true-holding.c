// RUN: %check %s | count 0
// A function code outside the files can call that returns true holding the lock and false
// without it tells its callers by its result, as a `try ... when true` API does.
bool read_lock_unless_stack(struct mm_struct *mm, struct vm_area_struct *vma, bool write)
{
	if (!write) {
		mmap_read_lock(mm);
		return true;
	}
	if (!(vma->vm_flags & VM_GROWSDOWN))
		return false;
	mmap_write_lock(mm);
	if (vma->vm_start > 4096) {
		mmap_write_unlock(mm);
		return false;
	}
	mmap_write_downgrade(mm);
	return true;
}
