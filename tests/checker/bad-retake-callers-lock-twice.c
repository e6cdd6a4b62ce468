// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Taking back the caller's mmap lock after dropping it makes it the caller's hold again
// (never a leak), but taking it a second time still deadlocks.
int wait_unlocked(struct mm_struct *mm)
{
	mmap_read_unlock(mm);
	wait_for_writer(mm);
	mmap_read_lock(mm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_read_lock' takes 'mmap_lock' of 'mm', which is already held here{{$}}
	mmap_read_lock(mm);
	return 0;
}
