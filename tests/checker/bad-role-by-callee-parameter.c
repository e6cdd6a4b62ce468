// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// fork_write_protect's subject is the source VMA (`src_vma` in the callee's definition):
// write-locking the child's VMA instead of the parent's does not meet it.
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
	tmp = vm_area_dup(mpnt);
	if (!tmp) {
		retval = -ENOMEM;
		goto out;
	}
	vma_iter_bulk_store(vmi, tmp);
	vma_start_write(tmp);
// CHECK: :[[@LINE+2]]:11: error: call to 'copy_page_range' (fork_write_protect) without 'vma_lock' of 'mpnt' for write (it holds 'mmap_lock' of 'oldmm' for write and 'vma_lock' of 'tmp' for write)
// CHECK: note: operation 'fork_write_protect' requires {{.*}}; that is mmap_lock.write of 'mpnt->vm_mm' & pte_lock & vma_lock.write of 'mpnt' & write_protect_seq.write of 'mpnt->vm_mm'
	retval = copy_page_range(tmp, mpnt);
out:
	mmap_write_unlock(oldmm);
	return retval;
}
