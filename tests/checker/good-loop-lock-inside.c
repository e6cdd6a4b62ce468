// RUN: %check %s | count 0
void each_mm(struct mm_struct **mms, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct mm_struct *mm = mms[i];

		mmap_read_lock(mm);
		walk(mm);
		mmap_read_unlock(mm);
	}
}
