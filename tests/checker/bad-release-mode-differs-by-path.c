// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-release-mode-differs-by-path.c with the early path taking the read lock instead of
// the write lock: both paths reach the label holding the mmap lock, one for read and one
// for write, and the write unlock there is wrong on the first.
void exit_like(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	mmap_read_lock(mm);
	vma = vma_next(&vmi);
	if (!vma) {
		mmap_read_unlock(mm);
		mmap_read_lock(mm);
		goto destroy;
	}
	flush_cache_mm(mm);
	mmap_read_unlock(mm);

	mmap_write_lock(mm);
	mt_clear_in_rcu(&mm->mm_mt);

destroy:
	__mt_destroy(&mm->mm_mt);
// CHECK: :[[@LINE+2]]:2: error: 'mmap_write_unlock' releases a write hold of 'mmap_lock' of 'mm', but on some paths it is held for read
// CHECK: :[[@LINE-12]]:3: note: taken for read here
	mmap_write_unlock(mm);
}
