// RUN: %check %s | count 0
// A helper that takes the mmap lock in a mode kept in a struct, and its matching unlock
// helper (madvise_lock/madvise_unlock in v7.0): the caller holds the lock on some paths,
// which satisfies what its callees need and is released by the unlock helper.
struct behavior {
	struct mm_struct *mm;
	int mode;
};

static int lock_for(struct behavior *b)
{
	switch (b->mode) {
	case 1:
		if (mmap_write_lock_killable(b->mm))
			return -EINTR;
		break;
	case 2:
		mmap_read_lock(b->mm);
		break;
	}
	return 0;
}

static void unlock_for(struct behavior *b)
{
	switch (b->mode) {
	case 1:
		mmap_write_unlock(b->mm);
		break;
	case 2:
		mmap_read_unlock(b->mm);
		break;
	}
}

static void mark(struct vm_area_struct *vma, vma_flag_t bit)
{
	vma_set_atomic_flag(vma, bit);
}

SYSCALL_DEFINE2(markit, unsigned long, addr, int, mode)
{
	struct behavior b = { .mm = current->mm, .mode = mode };
	struct vm_area_struct *vma;

	if (lock_for(&b))
		return -EINTR;
	vma = find_vma(b.mm, addr);
	if (vma)
		mark(vma, 0);
	unlock_for(&b);
	return 0;
}
