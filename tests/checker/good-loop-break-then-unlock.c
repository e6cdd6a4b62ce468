// RUN: %check %s | count 0
void scan_locked(struct mm_struct *mm, int n)
{
	int i = 0;

	mmap_read_lock(mm);
	while (i < n) {
		if (scan_one(mm, i))
			break;
		i++;
	}
	mmap_read_unlock(mm);
}
