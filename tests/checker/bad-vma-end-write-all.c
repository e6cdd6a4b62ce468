// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void end_all(struct vm_area_struct *vma, pgprot_t prot)
{
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
	vma_end_write_all(vma->vm_mm);
// CHECK: :[[@LINE+1]]:2: error: write to 'vma->vm_page_prot' (vm_area_struct.vm_page_prot) without 'vma_lock' of 'vma' for write (it holds 'mmap_lock' of 'vma->vm_mm' for write): enough to change most VMA metadata: the mmap lock for writing (excluding every other mmap lock holder) and the VMA's own write lock (excluding page faults and other VMA-lock readers){{$}}
	vma->vm_page_prot = prot;
	mmap_write_unlock(vma->vm_mm);
}
