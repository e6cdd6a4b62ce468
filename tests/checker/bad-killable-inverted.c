// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Zero means held: unlocking on the nonzero branch is wrong.
int killable_wrong(struct mm_struct *mm)
{
	if (mmap_write_lock_killable(mm)) {
// CHECK: :[[@LINE+1]]:3: error: 'mmap_write_unlock' releases 'mmap_lock' of 'mm', which is not held here
		mmap_write_unlock(mm);
		return -EINTR;
	}
	return 0;
// CHECK: :[[@LINE-1]]:2: error: 'mmap_lock' of 'mm' is still held at return
}
