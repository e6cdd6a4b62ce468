// RUN: %check %s | count 0
// As khugepaged's hpage_collapse_scan_pmd: the callee that drops the mmap lock is called
// only on one branch, the out parameter cleared after it, and other paths join at a label
// with facts of their own; the caller's flag still says whether the lock is held.
static void collapse(struct mm_struct *mm)
{
	mmap_read_unlock(mm);
	work(mm);
}

static int scan_pmd(struct mm_struct *mm, bool *mmap_locked, int x)
{
	int result = 0, none = 0;

	if (x > 4) {
		result = -EINVAL;
		goto out;
	}
	if (x > 2)
		none = 1;
	if (result == 0) {
		collapse(mm);
		*mmap_locked = false;
	}
out:
	trace(none, result);
	return result;
}

static int scan(struct mm_struct *mm, int n)
{
	int i, progress = 0;

	if (!mmap_read_trylock(mm))
		goto out_unlocked;
	for (i = 0; i < n; i++) {
		bool mmap_locked = true;

		scan_pmd(mm, &mmap_locked, i);
		progress++;
		if (!mmap_locked)
			goto out_unlocked;
	}
	mmap_read_unlock(mm);
out_unlocked:
	return progress;
}

int scan_entry(struct mm_struct *mm) { return scan(mm, 3); }
