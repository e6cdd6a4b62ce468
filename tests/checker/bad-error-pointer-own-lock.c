// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-error-pointer-own-lock.c with the unlocks left out: where the lookup's result is no
// error pointer its VMA's lock is held, so each caller returns holding it.
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
// CHECK: :[[@LINE+2]]:2: error: 'vma_lock' of 'vma' is still held at return (through mark_through_out_param -> lock_for_move -> lock_vma_or_err){{$}}
// CHECK: :[[@LINE-5]]:8: note: taken here
	return 0;
}

int mark_result(struct mm_struct *mm, unsigned long address)
{
	struct vm_area_struct *vma = lock_vma_or_err(mm, address);

	if (IS_ERR(vma))
		return PTR_ERR(vma);
	vma_set_atomic_flag(vma, 0);
// CHECK: :[[@LINE+2]]:2: error: 'vma_lock' of 'vma' is still held at return (through mark_result -> lock_vma_or_err){{$}}
// CHECK: :[[@LINE-6]]:31: note: taken here
	return 0;
}
