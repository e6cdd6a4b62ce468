// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The function takes the lock itself, on one path: the second unlock has nothing to release.
void unbalanced(struct mm_struct *mm, int x)
{
	if (x) {
		mmap_read_lock(mm);
		mmap_read_unlock(mm);
	}
// CHECK: :[[@LINE+1]]:2: error: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which is not held here
	mmap_read_unlock(mm);
}
