// RUN: %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// vm_start needs the write lock of each rmap tree that links the VMA (v7.0 vma_prepare):
// with none held, the write is allowed only for a VMA in neither tree, which the checker
// cannot see, so it says so.
void shift_norm(struct vm_area_struct *vma, unsigned long start)
{
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
// CHECK: :[[@LINE+2]]:2: note: write to 'vma->vm_start' is allowed by field 'vm_area_struct.vm_start' only if '!has_anon_vma', '!file_backed' holds, which the checker cannot see (the locks those conditions would require are not held)
// CHECK: note: field 'vm_area_struct.vm_start' is declared here
	vma->vm_start = start;
	mmap_write_unlock(vma->vm_mm);
}
