// RUN: %check %s | count 0
long gup_slow(struct mm_struct *mm, unsigned long start, struct page **pages)
{
	long ret;

	mmap_read_lock(mm);
	ret = get_user_pages(start, 1, FOLL_GET, pages);
	mmap_read_unlock(mm);
	return ret;
}
