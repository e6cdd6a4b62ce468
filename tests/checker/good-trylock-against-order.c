// RUN: %check %s | count 0
// A trylock cannot deadlock, so taking it against the order is allowed.
int try_reverse(struct mm_struct *mm)
{
	spin_lock(&mm->page_table_lock);
	if (!mmap_read_trylock(mm)) {
		spin_unlock(&mm->page_table_lock);
		return -EAGAIN;
	}
	mmap_read_unlock(mm);
	spin_unlock(&mm->page_table_lock);
	return 0;
}
