// RUN: %check %s | count 0
// A retry loop around a callee that may drop the caller's lock and says so through an out
// parameter (`*locked = 0` where a fault released it), itself called through a helper that
// passes the pointer on: the lock is held exactly where `*locked` says, in the loop and
// after it, so the final `if (must_unlock && *locked)` unlock is of a held lock.  The lock
// is the caller's where `*locked` came in set (asserted), the function's where it took it.
static int fault_in(struct vm_area_struct *vma, unsigned long address, unsigned int flags,
		    int *locked)
{
	unsigned int fault_flags = 0;
	vm_fault_t ret;

	if (flags & FOLL_UNLOCKABLE)
		fault_flags |= FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE;
	if (flags & FOLL_NOWAIT)
		fault_flags |= FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_RETRY_NOWAIT;
	ret = handle_mm_fault(vma, address, fault_flags, NULL);
	if (ret & VM_FAULT_COMPLETED) {
		*locked = 0;
		return -EAGAIN;
	}
	if (ret & VM_FAULT_ERROR)
		return -EFAULT;
	if (ret & VM_FAULT_RETRY) {
		if (!(fault_flags & FAULT_FLAG_RETRY_NOWAIT))
			*locked = 0;
		return -EBUSY;
	}
	return 0;
}

static long pin_range(struct mm_struct *mm, unsigned long start, unsigned long nr,
		      unsigned int flags, int *locked)
{
	long i = 0;
	int ret;

	do {
		struct vm_area_struct *vma = find_vma(mm, start);

		if (!vma)
			return i ? i : -EFAULT;
		ret = fault_in(vma, start, flags, locked);
		if (ret == -EBUSY || ret == -EAGAIN)
			return i;
		if (ret)
			return i ? i : ret;
		i++;
		start += PAGE_SIZE;
	} while (--nr);
	return i;
}

static long pin_locked(struct mm_struct *mm, unsigned long start, unsigned long nr,
		       int *locked, unsigned int flags)
{
	long ret, done = 0;
	bool must_unlock = false;

	if (!*locked) {
		if (mmap_read_lock_killable(mm))
			return -EAGAIN;
		must_unlock = true;
		*locked = 1;
	} else
		mmap_assert_locked(mm);

	for (;;) {
		ret = pin_range(mm, start, nr, flags, locked);
		if (!(flags & FOLL_UNLOCKABLE)) {
			done = ret;
			break;
		}
		if (ret > 0) {
			nr -= ret;
			done += ret;
			if (!nr)
				break;
		}
		if (*locked)
			break;
		start += ret << PAGE_SHIFT;
		must_unlock = true;
retry:
		if (fatal_signal_pending(current))
			break;
		ret = mmap_read_lock_killable(mm);
		if (ret)
			break;
		*locked = 1;
		ret = pin_range(mm, start, 1, flags | FOLL_TRIED, locked);
		if (!*locked)
			goto retry;
		if (ret != 1)
			break;
		done++;
		if (!--nr)
			break;
		start += PAGE_SIZE;
	}
	if (must_unlock && *locked) {
		mmap_read_unlock(mm);
		*locked = 0;
	}
	return done;
}

long pin_user_range(unsigned long start, unsigned long nr)
{
	int locked = 0;

	return pin_locked(current->mm, start, nr, &locked, FOLL_UNLOCKABLE);
}
