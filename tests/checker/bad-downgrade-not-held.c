// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void downgrade_released(struct mm_struct *mm)
{
	mmap_write_lock(mm);
	mmap_write_unlock(mm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_write_downgrade' downgrades 'mmap_lock' of 'mm', which is not held here
	mmap_write_downgrade(mm);
}
