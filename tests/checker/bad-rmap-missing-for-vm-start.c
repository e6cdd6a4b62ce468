// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void shift_norm(struct vm_area_struct *vma, unsigned long start)
{
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
// CHECK: :[[@LINE+2]]:2: error: write to 'vma->vm_start' without the locks field 'vm_area_struct.vm_start' requires: write_all
// CHECK: note: any of these would do: anon_vma_lock.write of 'vma->anon_vma' & mmap_lock.write of 'vma->vm_mm' & vma_lock.write of 'vma'; i_mmap_lock.write of 'vma->vm_file->f_mapping'
	vma->vm_start = start;
	mmap_write_unlock(vma->vm_mm);
}
