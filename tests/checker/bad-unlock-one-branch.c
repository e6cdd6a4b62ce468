// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// May-hold: held on one incoming path only; reported as a warning at return.
int one_branch(struct mm_struct *mm, int fast)
{
	mmap_read_lock(mm);
	if (fast)
		mmap_read_unlock(mm);
// CHECK: :[[@LINE+2]]:2: warning: 'mmap_lock' of 'mm' may still be held at return (it is held on some paths only)
// CHECK: :[[@LINE-4]]:2: note: taken here
	return 0;
}
