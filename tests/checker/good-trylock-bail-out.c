// RUN: %check %s | count 0
// process_addrs.rst: a trylock is held only on the branch where it succeeded.
int try_walk(struct mm_struct *mm)
{
	if (!mmap_read_trylock(mm))
		return -EAGAIN;
	walk(mm);
	mmap_read_unlock(mm);
	return 0;
}
