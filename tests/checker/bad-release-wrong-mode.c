// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A write hold dropped with the read unlock.
void mixup(struct mm_struct *mm)
{
	mmap_write_lock(mm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_read_unlock' releases a read hold of 'mmap_lock' of 'mm', but it is held for write
	mmap_read_unlock(mm);
}
