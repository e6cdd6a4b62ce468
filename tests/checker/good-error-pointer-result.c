// RUN: %check %s | count 0
// Results tested with the error-pointer macros of err.h (kernel_macros.hints `errptr`): a
// helper entered under RCU leaves the section when it fails, with NULL or an error pointer,
// and keeps it when it returns a valid pointer.  IS_ERR_OR_NULL true is a failure, false a
// valid pointer; an error pointer is a failed result, as NULL is.
static struct vm_area_struct *pin_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int old;

	if (vma->vm_lock_seq == mm->lock_seq) {
		vma = NULL;
		goto fail;
	}
	if (!get_ref(vma, &old)) {
		vma = old ? NULL : ERR_PTR(-EAGAIN);
		goto fail;
	}
	return vma;
fail:
	rcu_read_unlock();
	return vma;
}

struct vm_area_struct *find_pinned(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

again:
	rcu_read_lock();
	vma = tree_lookup(mm, addr);
	if (!vma) {
		rcu_read_unlock();
		return NULL;
	}
	vma = pin_vma(mm, vma);
	if (IS_ERR_OR_NULL(vma)) {
		if (PTR_ERR(vma) == -EAGAIN)
			goto again;
		return NULL;
	}
	rcu_read_unlock();
	return vma;
}

/* Called inside an RCU read section, and returns inside it: re-enters it where pin_vma left it. */
struct vm_area_struct *next_pinned(struct mm_struct *mm, struct vma_iterator *vmi)
{
	struct vm_area_struct *vma;

again:
	vma = vma_next(vmi);
	if (!vma)
		return NULL;
	vma = pin_vma(mm, vma);
	if (IS_ERR_OR_NULL(vma)) {
		rcu_read_lock();
		if (PTR_ERR(vma) == -EAGAIN)
			goto again;
		return NULL;
	}
	return vma;
}

/* A valid pointer is returned with the mmap lock held, an error pointer without it. */
static struct vm_area_struct *find_under_mmap_lock(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	if (mmap_read_lock_killable(mm))
		return ERR_PTR(-EINTR);
	vma = find_vma(mm, addr);
	if (vma)
		return vma;
	mmap_read_unlock(mm);
	return ERR_PTR(-ENOENT);
}

int use_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_under_mmap_lock(mm, addr);

	if (IS_ERR(vma))
		return PTR_ERR(vma);
	touch(vma);
	mmap_read_unlock(mm);
	return 0;
}
