// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void unlock_downgraded(struct mm_struct *mm)
{
	mmap_write_lock(mm);
	mmap_write_downgrade(mm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_write_unlock' releases a write hold of 'mmap_lock' of 'mm', but it is held for downgraded
	mmap_write_unlock(mm);
}
