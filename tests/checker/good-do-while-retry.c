// RUN: %check %s | count 0
int retry(struct mm_struct *mm)
{
	int ret;

	do {
		mmap_read_lock(mm);
		ret = attempt(mm);
		mmap_read_unlock(mm);
	} while (ret == -EAGAIN);
	return ret;
}
