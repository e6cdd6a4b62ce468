// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// Two VMAs locked by a helper that hands them back through out parameters (the second may be
// the first), each taken by a lookup that returns a locked VMA or an error pointer; the
// matching unlock releases the second only when it is another VMA.
static struct vm_area_struct *lock_vma_or_err(struct mm_struct *mm, unsigned long address)
{
	struct vm_area_struct *vma;

	vma = lock_vma_under_rcu(mm, address);
	if (vma)
		return vma;

	mmap_read_lock(mm);
	vma = find_vma_prepared(mm, address);
	if (!IS_ERR(vma)) {
		bool locked = vma_start_read_locked(vma);

		if (!locked)
			vma = ERR_PTR(-EAGAIN);
	}
	mmap_read_unlock(mm);
	return vma;
}

static int lock_both(struct mm_struct *mm, unsigned long dst_start, unsigned long src_start,
		     struct vm_area_struct **dst_vmap, struct vm_area_struct **src_vmap)
{
	struct vm_area_struct *vma;
	int err;

	vma = lock_vma_or_err(mm, dst_start);
	if (IS_ERR(vma))
		return PTR_ERR(vma);

	*dst_vmap = vma;
	if (src_start >= vma->vm_start && src_start < vma->vm_end) {
		*src_vmap = vma;
		return 0;
	}

	*src_vmap = lock_vma_under_rcu(mm, src_start);
	if (likely(*src_vmap))
		return 0;

	vma_end_read(*dst_vmap);

	mmap_read_lock(mm);
	err = find_both_vmas(mm, dst_start, src_start, dst_vmap, src_vmap);
	if (err)
		goto out;

	if (!vma_start_read_locked(*dst_vmap)) {
		err = -EAGAIN;
		goto out;
	}

	if (*dst_vmap == *src_vmap)
		goto out;

	if (!vma_start_read_locked_nested(*src_vmap, SINGLE_DEPTH_NESTING)) {
		vma_end_read(*dst_vmap);
		err = -EAGAIN;
	}
out:
	mmap_read_unlock(mm);
	return err;
}

static void unlock_both(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	vma_end_read(src_vma);
	if (src_vma != dst_vma)
		vma_end_read(dst_vma);
}

static int move_one(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
		    unsigned long dst_addr, unsigned long src_addr)
{
	vma_assert_locked(src_vma);
	vma_assert_locked(dst_vma);
	return 0;
}

ssize_t move_range(struct mm_struct *mm, unsigned long dst_start, unsigned long src_start,
		   unsigned long len)
{
	struct vm_area_struct *src_vma, *dst_vma;
	long err;

	err = lock_both(mm, dst_start, src_start, &dst_vma, &src_vma);
	if (err)
		goto out;

	err = -EINVAL;
	if (src_vma->vm_flags & VM_SHARED)
		goto out_unlock;

	err = move_one(dst_vma, src_vma, dst_start, src_start);

out_unlock:
	unlock_both(dst_vma, src_vma);
out:
	return err;
}
