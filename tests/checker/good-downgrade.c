// RUN: %check %s | count 0
// mmap_write_downgrade turns the write hold into a read hold; the read unlock releases it.
void shrink(struct mm_struct *mm)
{
	mmap_write_lock(mm);
	detach_vmas(mm);
	mmap_write_downgrade(mm);
	free_detached(mm);
	mmap_read_unlock(mm);
}
