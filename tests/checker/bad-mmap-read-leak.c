// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Forgetting the unlock: reported at the closing brace, with where it was taken.
void leak(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	do_something(mm);
// CHECK: :[[@LINE+2]]:1: error: 'mmap_lock' of 'mm' is still held at return
// CHECK: :[[@LINE-3]]:2: note: taken here
}
