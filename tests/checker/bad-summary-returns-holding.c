// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A helper that returns holding the lock hands it to its caller, which must release it.
static int lock_it(struct mm_struct *mm)
{
	if (mmap_read_lock_killable(mm))
		return -EINTR;
	return 0;
}

SYSCALL_DEFINE1(leaky, unsigned long, addr)
{
	struct mm_struct *mm = current->mm;

	if (lock_it(mm))
		return -EINTR;
// CHECK: :[[@LINE+2]]:2: error: 'mmap_lock' of 'current->mm' is still held at return
// CHECK: note: taken here
	return 0;
}
