// RUN: %check %s | count 0
// A helper that takes the lock itself when its flag parameter says so and otherwise asserts
// that its caller holds it, releasing exactly what it took: called with the flag clear under
// the caller's lock, and with it set holding nothing.  Neither caller gains or loses a hold.
static void unshare_range(struct vm_area_struct *vma, unsigned long start, bool take_locks)
{
	struct address_space *mapping = vma->vm_file->f_mapping;

	if (take_locks)
		i_mmap_lock_write(mapping);
	else
		i_mmap_assert_write_locked(mapping);
	flush_range(vma, start);
	if (take_locks)
		i_mmap_unlock_write(mapping);
}

static void split_locked(struct vm_area_struct *vma, unsigned long start)
{
	unshare_range(vma, start, /* take_locks = */ false);
}

int set_ctx(struct vm_area_struct *vma, unsigned long start)
{
	if (start & 1)
		unshare_range(vma, start, /* take_locks = */ true);
	return 0;
}

int split(struct vm_area_struct *vma, unsigned long start)
{
	i_mmap_lock_write(vma->vm_file->f_mapping);
	split_locked(vma, start);
	i_mmap_unlock_write(vma->vm_file->f_mapping);
	return 0;
}
