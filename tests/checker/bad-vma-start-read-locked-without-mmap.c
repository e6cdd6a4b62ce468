// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A static function nothing calls: no caller can hold anything on entry.
// v7.0's vma_start_read_locked asserts the mmap lock: it is not a way to read-lock a VMA
// without it (lock_vma_under_rcu is).
static int keep_vma(struct vm_area_struct *vma)
{
// CHECK: :[[@LINE+1]]:7: error: call to 'vma_start_read_locked' (read_lock_vma_under_mmap) without 'mmap_lock' of 'vma->vm_mm' for read (it holds none of its locks): the mmap lock keeps VMA writers out, which is why the read lock cannot fail{{$}}
	if (!vma_start_read_locked(vma))
		return -EAGAIN;
	vma_end_read(vma);
	return 0;
}
