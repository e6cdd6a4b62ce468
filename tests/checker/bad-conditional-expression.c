// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The `?:` operator joins its two arms like an if/else.
int ternary(struct mm_struct *mm, int write)
{
	write ? mmap_write_lock(mm) : mmap_read_lock(mm);
	work(mm);
// CHECK: :[[@LINE+1]]:2: warning: 'mmap_lock' of 'mm' may still be held at return
	return 0;
}
