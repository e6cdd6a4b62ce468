// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A lock helper that takes the mmap lock in a mode it keeps in a struct, and its unlock
// helper that forgets the write mode: the caller's write hold, handed to a helper that
// ends only a read hold, is left held.
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
// CHECK: :[[@LINE+2]]:2: error: call to 'range_unlock' releases a read hold of 'mmap_lock' of 'rb.mm', but it is held for write{{$}}
// CHECK: :[[@LINE-5]]:10: note: taken for write here
	range_unlock(&rb);
// CHECK: :[[@LINE+3]]:2: warning: 'mmap_lock' of 'rb.mm' may still be held at return (it is held on some paths only) (through do_range -> range_lock){{$}}
// CHECK: :[[@LINE-8]]:10: note: taken here
// CHECK: :[[@LINE-3]]:2: note: given its owner here, 'range_unlock' releases locks for its caller but leaves this one held (through do_range -> range_unlock){{$}}
	return error;
}
