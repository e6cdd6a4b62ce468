// RUN: %check %s | count 0
void skip_some(struct mm_struct *mm, int n)
{
	for (int i = 0; i < n; i++) {
		mmap_read_lock(mm);
		if (skip(mm, i)) {
			mmap_read_unlock(mm);
			continue;
		}
		work(mm, i);
		mmap_read_unlock(mm);
	}
}
