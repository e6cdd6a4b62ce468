// RUN: %check %s | count 0
// A flag that says whether the mmap lock is still held, tested before returning: the
// path where it says "dropped" returns holding nothing.
int scan(struct mm_struct *mm, int x)
{
	bool mmap_locked = true;

	mmap_read_lock(mm);
	if (x) {
		mmap_read_unlock(mm);
		mmap_locked = false;
	}
	if (!mmap_locked)
		return -EAGAIN;
	mmap_read_unlock(mm);
	return 0;
}

