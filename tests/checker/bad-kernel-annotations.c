// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
static noinline int __must_check leaky(struct mm_struct *mm)
{
	mmap_read_lock(mm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_lock' of 'mm' is still held at return
	return 0;
}
