// RUN: %check %s | count 0
// A callee drops the caller's mmap lock and clears the caller's flag through a pointer (as
// khugepaged's hpage_collapse_scan_pmd does with *mmap_locked); the caller's test of the flag
// says whether it still holds the lock.
static int scan_pmd(struct mm_struct *mm, bool *mmap_locked, int x)
{
	if (x) {
		mmap_read_unlock(mm);
		*mmap_locked = false;
		return 1;
	}
	return 0;
}

static int scan(struct mm_struct *mm, int x)
{
	bool mmap_locked = true;
	int r;

	mmap_read_lock(mm);
	r = scan_pmd(mm, &mmap_locked, x);
	if (!mmap_locked)
		goto out_unlocked;
	mmap_read_unlock(mm);
out_unlocked:
	return r;
}
int main_entry(struct mm_struct *mm) { return scan(mm, 1); }
