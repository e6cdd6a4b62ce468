// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The flag the callee clears when it drops the mmap lock, tested the wrong way round: the
// caller returns holding the lock, and unlocks it where the callee already did.
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

static int scan_once(struct mm_struct *mm, int x)
{
	bool mmap_locked = true;

	mmap_read_lock(mm);
	scan_pmd(mm, &mmap_locked, x);
	if (mmap_locked)
		return 1;
// CHECK: :[[@LINE+1]]:2: error: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which is not held here
	mmap_read_unlock(mm);
	return 0;
}

// The caller is the one left holding it (scan_once returns 1 holding it).
// CHECK: :[[@LINE+1]]:40: error: 'mmap_lock' of 'mm' is still held at return
int scan_entry(struct mm_struct *mm) { return scan_once(mm, 3); }
