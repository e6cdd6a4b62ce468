int ternary(struct mm_struct *mm, int write)
{
	write ? mmap_write_lock(mm) : mmap_read_lock(mm);
	work(mm);
	return 0;
}
