// RUN: %check %s | count 0
int killable(struct mm_struct *mm)
{
	if (mmap_read_lock_killable(mm))
		return -EINTR;
	walk(mm);
	mmap_read_unlock(mm);
	return 0;
}
