void macro_heavy(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	for_each_thing(mm, x) do_it(x) +;
}

void fine(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
}
