// RUN: %check %s | count 0
// The plainest pattern: read-lock, look, unlock.
int count_vmas(struct mm_struct *mm)
{
	int n;

	mmap_read_lock(mm);
	n = mm_count_vmas(mm);
	mmap_read_unlock(mm);
	return n;
}
