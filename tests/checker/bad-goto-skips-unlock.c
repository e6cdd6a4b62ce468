// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
int skip_unlock(struct mm_struct *mm, unsigned long start)
{
	int err = 0;

	mmap_write_lock(mm);
	if (!find_vma(mm, start)) {
		err = -ENOMEM;
		goto out;
	}
	mmap_write_unlock(mm);
out:
// CHECK: :[[@LINE+2]]:2: warning: 'mmap_lock' of 'mm' may still be held at return (it is held on some paths only)
// CHECK: :[[@LINE-8]]:2: note: taken here
	return err;
}
