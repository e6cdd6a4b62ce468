// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
int by_kind_leak(struct mm_struct *mm, int kind)
{
	mmap_read_lock(mm);
	switch (kind) {
	case 0:
// CHECK: :[[@LINE+1]]:3: error: 'mmap_lock' of 'mm' is still held at return
		return 0;
	default:
		break;
	}
	mmap_read_unlock(mm);
	return 1;
}
