// RUN: %check %s | count 0
// The flag pattern: a may-hold released under a test is not "unlock of a lock not held".
int maybe_locked(struct mm_struct *mm, int need)
{
	bool locked = false;

	if (need) {
		mmap_read_lock(mm);
		locked = true;
	}
	walk_lockless(mm);
	if (locked)
		mmap_read_unlock(mm);
	return 0;
}
