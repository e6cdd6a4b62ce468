// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A backward goto is an edge of the control-flow graph like a loop's: the retry path is
// analysed, so a label reached again without the lock no longer counts as holding it.
void retry_without_lock(struct vm_area_struct *vma)
{
	mmap_write_lock(vma->vm_mm);
retry:
// CHECK: :[[@LINE+1]]:2: error: 'vma_start_write' takes 'vma_lock' of 'vma' for write without 'mmap_lock' of 'vma->vm_mm' for write (it holds none of its locks): a VMA write lock can only be taken by a task that already holds the mmap lock of the VMA's mm for writing{{$}}
	vma_start_write(vma);
	if (busy(vma)) {
		mmap_write_unlock(vma->vm_mm);
		goto retry;
	}
	mmap_write_unlock(vma->vm_mm);
}

void retry_retaking_lock(struct vm_area_struct *vma)
{
retry:
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
	if (busy(vma)) {
		mmap_write_unlock(vma->vm_mm);
		goto retry;
	}
	mmap_write_unlock(vma->vm_mm);
}
