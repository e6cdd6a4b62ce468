// RUN: %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The i_mmap write lock alone hides a file VMA from the rmap only if it has no anon_vma
// (a written-to private file mapping is in both trees).
void shift(struct vm_area_struct *vma, unsigned long pgoff)
{
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
	i_mmap_lock_write(vma->vm_file->f_mapping);
// CHECK: :[[@LINE+2]]:2: note: write to 'vma->vm_pgoff' is allowed by field 'vm_area_struct.vm_pgoff' only if '!has_anon_vma' holds, which the checker cannot see (the locks those conditions would require are not held)
// CHECK: note: field 'vm_area_struct.vm_pgoff' is declared here
	vma->vm_pgoff = pgoff;
	i_mmap_unlock_write(vma->vm_file->f_mapping);
	mmap_write_unlock(vma->vm_mm);
}
