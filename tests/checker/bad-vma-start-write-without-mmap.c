// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A static function nothing calls: no caller can hold anything on entry.
static void write_lock_vma(struct vm_area_struct *vma)
{
// CHECK: :[[@LINE+2]]:2: error: 'vma_start_write' takes 'vma_lock' of 'vma' for write without 'mmap_lock' of 'vma->vm_mm' for write (it holds none of its locks): a VMA write lock can only be taken by a task that already holds the mmap lock of the VMA's mm for writing{{$}}
// CHECK: requirements.rules:{{[0-9]+}}:{{[0-9]+}}: note: relation 'vma_write_needs_mmap_write' is declared here
	vma_start_write(vma);
}
