// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// A lookup returns a VMA it read-locked, or an error pointer where it could not lock one; its
// callers test the result with IS_ERR only, as err.h's users do.  IS_ERR false says NULL or
// valid, and a NULL VMA has no lock to hold: where the result is no error pointer, the VMA's
// lock is held, also for the caller's caller that gets the VMA through an out parameter.
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

static int lock_for_move(struct mm_struct *mm, unsigned long address,
			 struct vm_area_struct **vmap)
{
	struct vm_area_struct *vma;

	vma = lock_vma_or_err(mm, address);
	if (IS_ERR(vma))
		return PTR_ERR(vma);

	*vmap = vma;
	return 0;
}

int mark_through_out_param(struct mm_struct *mm, unsigned long address)
{
	struct vm_area_struct *vma;
	int err;

	err = lock_for_move(mm, address, &vma);
	if (err)
		return err;
	vma_set_atomic_flag(vma, 0);
	vma_end_read(vma);
	return 0;
}

int mark_result(struct mm_struct *mm, unsigned long address)
{
	struct vm_area_struct *vma = lock_vma_or_err(mm, address);

	if (IS_ERR(vma))
		return PTR_ERR(vma);
	vma_set_atomic_flag(vma, 0);
	vma_end_read(vma);
	return 0;
}
