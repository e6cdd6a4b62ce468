// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void write_lock_under_read(struct vm_area_struct *vma)
{
	mmap_read_lock(vma->vm_mm);
// CHECK: :[[@LINE+1]]:2: error: 'vma_start_write' takes 'vma_lock' of 'vma' for write without 'mmap_lock' of 'vma->vm_mm' for write (it holds 'mmap_lock' of 'vma->vm_mm' for read): a VMA write lock can only be taken by a task that already holds the mmap lock of the VMA's mm for writing{{$}}
	vma_start_write(vma);
	mmap_read_unlock(vma->vm_mm);
}
