// RUN: %check %s | count 0
void ordered(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	spin_lock(&mm->page_table_lock);
	spin_unlock(&mm->page_table_lock);
	mmap_read_unlock(mm);
}
