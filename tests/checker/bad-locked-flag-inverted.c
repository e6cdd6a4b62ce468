// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The flag tested the wrong way round: the path that returns early still holds the lock.
int scan(struct mm_struct *mm, int x)
{
	bool mmap_locked = true;

	mmap_read_lock(mm);
	if (x) {
		mmap_read_unlock(mm);
		mmap_locked = false;
	}
	if (mmap_locked)
// CHECK: :[[@LINE+1]]:3: error: 'mmap_lock' of 'mm' is still held at return
		return -EAGAIN;
// CHECK: :[[@LINE+1]]:2: error: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which is not held here
	mmap_read_unlock(mm);
	return 0;
}
