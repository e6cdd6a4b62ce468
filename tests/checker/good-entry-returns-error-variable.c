// RUN: %check %s | count 0
// A function code outside the files may call takes the rmap lock and returns `error`, which
// it may have set to -ENOMEM on the way: it drops the lock before every return.
int expand_down(struct vm_area_struct *vma, unsigned long address)
{
	int error = 0;

	if (address < mmap_min_addr)
		return -EPERM;
	if (unlikely(anon_vma_prepare(vma)))
		return -ENOMEM;
	anon_vma_lock_write(vma->anon_vma);
	if (address < vma->vm_start) {
		unsigned long grow = (vma->vm_start - address) >> PAGE_SHIFT;

		error = -ENOMEM;
		if (grow <= vma->vm_pgoff)
			error = acct_stack_growth(vma, vma->vm_end - address, grow);
	}
	anon_vma_unlock_write(vma->anon_vma);
	return error;
}
