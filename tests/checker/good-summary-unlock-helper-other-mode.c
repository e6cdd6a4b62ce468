// RUN: %check %s | count 0
// A lock helper that takes the mmap lock in a mode it keeps in a struct, and its unlock
// helper that ends the hold in the mode the struct says.
enum range_lock_mode { RANGE_NO_LOCK, RANGE_WRITE_LOCK, RANGE_READ_LOCK };

struct range_behavior {
	struct mm_struct *mm;
	enum range_lock_mode lock_mode;
	int behavior;
};

static int range_lock(struct range_behavior *rb)
{
	struct mm_struct *mm = rb->mm;
	enum range_lock_mode lock_mode = rb->behavior ? RANGE_WRITE_LOCK : RANGE_READ_LOCK;

	switch (lock_mode) {
	case RANGE_NO_LOCK:
		break;
	case RANGE_WRITE_LOCK:
		if (mmap_write_lock_killable(mm))
			return -EINTR;
		break;
	case RANGE_READ_LOCK:
		mmap_read_lock(mm);
		break;
	}
	rb->lock_mode = lock_mode;
	return 0;
}

static void range_unlock(struct range_behavior *rb)
{
	struct mm_struct *mm = rb->mm;

	switch (rb->lock_mode) {
	case RANGE_NO_LOCK:
		return;
	case RANGE_WRITE_LOCK:
		mmap_write_unlock(mm);
		break;
	case RANGE_READ_LOCK:
		mmap_read_unlock(mm);
		break;
	}
}

int do_range(struct mm_struct *mm, int behavior)
{
	struct range_behavior rb = {
		.mm = mm,
		.behavior = behavior,
	};
	int error;

	error = range_lock(&rb);
	if (error)
		return error;
	error = apply_range(&rb);
	range_unlock(&rb);
	return error;
}
