// RUN: %check %s | count 0
// An operation's role is bound to the argument the callee's own definition names like it:
// fork_write_protect's subject is the source VMA, `src_vma` in copy_page_range(dst_vma,
// src_vma), so dup_mmap-style code that write-locks the parent's VMA (not the child's new one,
// reachable only through the child's mm) meets it.
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	struct mm_struct *src_mm = src_vma->vm_mm;
	pte_t *pte = src_vma->vm_private_data;

	raw_write_seqcount_begin(&src_mm->write_protect_seq);
	spin_lock(ptep_lockptr(src_mm, pte));
	spin_unlock(ptep_lockptr(src_mm, pte));
	raw_write_seqcount_end(&src_mm->write_protect_seq);
	return 0;
}

static int fork_one(struct mm_struct *oldmm, struct vm_area_struct *mpnt,
		    struct vma_iterator *vmi)
{
	struct vm_area_struct *tmp;
	int retval;

	mmap_write_lock(oldmm);
	retval = vma_start_write_killable(mpnt);
	if (retval < 0)
		goto out;
	tmp = vm_area_dup(mpnt);
	if (!tmp) {
		retval = -ENOMEM;
		goto out;
	}
	vma_iter_bulk_store(vmi, tmp);
	retval = copy_page_range(tmp, mpnt);
out:
	mmap_write_unlock(oldmm);
	return retval;
}
