// RUN: %check %s | count 0
int set_brk(struct mm_struct *mm, unsigned long brk)
{
	mmap_write_lock(mm);
	mm->brk = brk;
	mmap_write_unlock(mm);
	return 0;
}
