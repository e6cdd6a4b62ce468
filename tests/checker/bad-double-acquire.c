// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void twice(struct mm_struct *mm)
{
	mmap_read_lock(mm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_write_lock' takes 'mmap_lock' of 'mm', which is already held here
	mmap_write_lock(mm);
	mmap_write_unlock(mm);
	mmap_read_unlock(mm);
}
