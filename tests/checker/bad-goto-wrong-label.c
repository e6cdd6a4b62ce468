// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The error path jumps past the anon_vma unlock.
int wrong_label(struct mm_struct *mm, struct anon_vma *anon_vma)
{
	int err;

	mmap_read_lock(mm);
	anon_vma_lock_write(anon_vma);
	err = link(anon_vma);
	if (err)
		goto out_mmap;
	anon_vma_unlock_write(anon_vma);
out_mmap:
	mmap_read_unlock(mm);
// CHECK: :[[@LINE+1]]:2: warning: 'anon_vma_lock' of 'anon_vma' may still be held at return
	return err;
}
