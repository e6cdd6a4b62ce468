// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void lock_each_time(struct mm_struct *mm, int n)
{
	while (n--) {
		mmap_read_lock(mm);
		work(mm);
	}
// CHECK: :[[@LINE+1]]:1: warning: 'mmap_lock' of 'mm' may still be held at return
}
