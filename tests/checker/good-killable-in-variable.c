// RUN: %check %s | count 0
int killable_ret(struct mm_struct *mm)
{
	int ret;

	ret = mmap_write_lock_killable(mm);
	if (ret)
		return ret;
	mm->map_count = 0;
	mmap_write_unlock(mm);
	return 0;
}
