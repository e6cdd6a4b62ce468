// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
int inverted(struct mm_struct *mm)
{
	if (mmap_read_trylock(mm))
// CHECK: :[[@LINE+1]]:3: error: 'mmap_lock' of 'mm' is still held at return
		return -EAGAIN;
// CHECK: :[[@LINE+1]]:2: error: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which is not held here
	mmap_read_unlock(mm);
	return 0;
}
