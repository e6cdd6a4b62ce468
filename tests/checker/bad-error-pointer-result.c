// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// An error pointer is a failed result: the helper left the RCU section (or never took the
// mmap lock) where it returns one, so the caller's unlock there ends nothing it holds.
static struct vm_area_struct *pin_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int old;

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

	rcu_read_lock();
	vma = pin_vma(mm, tree_lookup(mm, addr));
	if (IS_ERR_OR_NULL(vma)) {
// CHECK: :[[@LINE+1]]:3: error: 'rcu_read_unlock' releases 'rcu', which is not held here{{$}}
		rcu_read_unlock();
		return NULL;
	}
	rcu_read_unlock();
	return vma;
}

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

	if (IS_ERR(vma)) {
// CHECK: :[[@LINE+1]]:3: error: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which is not held here{{$}}
		mmap_read_unlock(mm);
		return PTR_ERR(vma);
	}
	touch(vma);
	mmap_read_unlock(mm);
	return 0;
}
