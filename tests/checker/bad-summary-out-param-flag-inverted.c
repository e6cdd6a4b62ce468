// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The flag the callee clears when it drops the lock, tested the wrong way round: the caller
// unlocks exactly on the path where the callee already did.
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
	if (mmap_locked)
		goto out_unlocked;
// CHECK: :[[@LINE+1]]:2: error: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which is not held here
	mmap_read_unlock(mm);
out_unlocked:
	return r;
}
// CHECK: :[[@LINE+1]]:40: warning: 'mmap_lock' of 'mm' may still be held at return
int main_entry(struct mm_struct *mm) { return scan(mm, 1); }
