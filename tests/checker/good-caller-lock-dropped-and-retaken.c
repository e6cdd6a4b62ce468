// RUN: %check %s | count 0
// The caller's mmap read lock is dropped for a long allocation and taken again before each
// later release (khugepaged's collapse): every release has a hold to end.
int collapse(struct mm_struct *mm, unsigned long address)
	__releases(&mm->mmap_lock)
{
	struct folio *folio;
	int result;

	mmap_read_unlock(mm);
	result = alloc_folio(&folio, mm);
	if (result)
		return result;
	mmap_read_lock(mm);
	result = revalidate(mm, address);
	if (result) {
		mmap_read_unlock(mm);
		return result;
	}
	mmap_read_unlock(mm);
	mmap_write_lock(mm);
	result = collapse_locked(mm, address, folio);
	mmap_write_unlock(mm);
	return result;
}
