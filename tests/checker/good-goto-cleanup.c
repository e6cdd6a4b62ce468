// RUN: %check %s | count 0
// Kernel-style error handling: every exit path goes through the unlock label.
int do_madvise_one(struct mm_struct *mm, unsigned long start)
{
	struct vm_area_struct *vma;
	int err = 0;

	mmap_write_lock(mm);
	vma = find_vma(mm, start);
	if (!vma) {
		err = -ENOMEM;
		goto out_unlock;
	}
	if (vma->vm_start > start) {
		err = -EINVAL;
		goto out_unlock;
	}
	err = apply(vma);
out_unlock:
	mmap_write_unlock(mm);
	return err;
}
