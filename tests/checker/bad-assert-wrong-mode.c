// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void assert_wrong(struct mm_struct *mm)
{
	mmap_read_lock(mm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_assert_write_locked' asserts 'mmap_lock' of 'mm' held for write, but it is held for read
	mmap_assert_write_locked(mm);
	mmap_read_unlock(mm);
}
