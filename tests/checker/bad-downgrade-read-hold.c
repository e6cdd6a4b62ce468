// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void downgrade_read(struct mm_struct *mm)
{
	mmap_read_lock(mm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_write_downgrade' needs 'mmap_lock' of 'mm' held for write, but it is held for read
	mmap_write_downgrade(mm);
	mmap_read_unlock(mm);
}
