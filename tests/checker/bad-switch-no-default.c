// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Without a default the switch can be skipped: the unlock in it happens on some paths only.
void no_default(struct mm_struct *mm, int kind)
{
	mmap_read_lock(mm);
	switch (kind) {
	case 0:
		mmap_read_unlock(mm);
		break;
	}
// CHECK: :[[@LINE+1]]:1: warning: 'mmap_lock' of 'mm' may still be held at return
}
