// RUN: %check %s | count 0
int killable_lt(struct mm_struct *mm)
{
	int err = mmap_read_lock_killable(mm);

	if (err < 0)
		return err;
	mmap_read_unlock(mm);
	return 0;
}
