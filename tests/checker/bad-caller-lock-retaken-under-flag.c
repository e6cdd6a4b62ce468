// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The collapse's flag test is inverted: on the first round, where the caller's mmap read lock
// is still held, it takes the lock again, and only its own hold is dropped around the scan.
// It returns holding a read lock of its own on top of the caller's, which the syscall's one
// unlock leaves held.
struct madvise_behavior {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	int behavior;
	bool lock_dropped;
};

int collapse(struct vm_area_struct *vma, unsigned long start, unsigned long end,
	     bool *lock_dropped)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr;
	bool mmap_locked = true;
	int result = 0;

	if (!thp_allowed(vma))
		return -EINVAL;

	for (addr = start; addr < end; addr += HPAGE_PMD_SIZE) {
		if (mmap_locked) {
			mmap_read_lock(mm);
			mmap_locked = true;
			result = revalidate(mm, addr, &vma);
			if (result)
				goto out_nolock;
		}
		mmap_assert_locked(mm);
		mmap_read_unlock(mm);
		mmap_locked = false;
		*lock_dropped = true;
		result = scan_file(mm, addr);
		if (result)
			goto out_maybelock;
	}

out_maybelock:
	/* The caller expects the lock held on return. */
	if (!mmap_locked)
		mmap_read_lock(mm);
out_nolock:
	mmap_assert_locked(mm);
	return result;
}

static int willneed(struct madvise_behavior *madv_behavior)
{
	struct mm_struct *mm = madv_behavior->mm;
	struct file *file = get_file(madv_behavior->vma->vm_file);

	madv_behavior->lock_dropped = true;
	mmap_read_unlock(mm);
	vfs_fadvise(file, POSIX_FADV_WILLNEED);
	fput(file);
	mmap_read_lock(mm);
	return 0;
}

static int vma_behavior(struct madvise_behavior *madv_behavior)
{
	struct vm_area_struct *vma = madv_behavior->vma;

	switch (madv_behavior->behavior) {
	case MADV_WILLNEED:
		return willneed(madv_behavior);
	case MADV_COLLAPSE:
		return collapse(vma, vma->vm_start, vma->vm_end,
				&madv_behavior->lock_dropped);
	}
	return -EINVAL;
}

SYSCALL_DEFINE2(advise_at, unsigned long, start, int, behavior)
{
	struct madvise_behavior madv_behavior = {
		.mm = current->mm,
		.behavior = behavior,
	};
	int error;

	mmap_read_lock(madv_behavior.mm);
	madv_behavior.vma = find_vma(madv_behavior.mm, start);
	error = vma_behavior(&madv_behavior);
	mmap_read_unlock(madv_behavior.mm);
// CHECK: :[[@LINE+1]]:2: warning: 'mmap_lock' of 'madv_behavior.vma->vm_mm' may still be held at return (it is held on some paths only) (through advise_at -> vma_behavior -> collapse)
	return error;
}
