// RUN: %check %s | count 0
int branches(struct mm_struct *mm, int fast)
{
	mmap_read_lock(mm);
	if (fast) {
		mmap_read_unlock(mm);
		return 1;
	} else {
		walk(mm);
		mmap_read_unlock(mm);
	}
	return 0;
}
