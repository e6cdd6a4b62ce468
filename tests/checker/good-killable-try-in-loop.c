// RUN: %check %s | count 0
// A try that succeeds in a loop supersedes the may-hold the loop's back edge brings (the
// previous iteration's hold of the same name), as an acquisition does: dup_mmap's
// vma_start_write_killable() of each VMA, then a branch that leaves the loop.
int loop_test(struct mm_struct *mm, struct mm_struct *oldmm, struct vma_iterator *vmi)
{
	struct vm_area_struct *mpnt;
	int retval = 0;
	unsigned long charge = 0;

	mmap_write_lock(mm);
	for_each_vma(*vmi, mpnt) {
		retval = vma_start_write_killable(mpnt);
		if (retval < 0)
			goto loop_out;
		if (mpnt->vm_flags & VM_ACCOUNT) {
			unsigned long len;
			len = vma_pages(mpnt);

			if (security_vm_enough_memory_mm(oldmm, len))
				goto fail_nomem;
			charge = len;
		}
		vm_flags_reset(mpnt, 0);
	}
loop_out:
	mmap_write_unlock(mm);
	return retval;
fail_nomem:
	mmap_write_unlock(mm);
	return -ENOMEM;
}
