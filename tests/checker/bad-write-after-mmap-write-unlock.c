// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void too_late(struct vm_area_struct *vma, pgprot_t prot)
{
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
	mmap_write_unlock(vma->vm_mm);
// CHECK: :[[@LINE+1]]:2: error: write to 'vma->vm_page_prot' (vm_area_struct.vm_page_prot) without 'mmap_lock' of 'vma->vm_mm' for write and 'vma_lock' of 'vma' for write (it holds none of its locks): enough to change most VMA metadata: the mmap lock for writing (excluding every other mmap lock holder) and the VMA's own write lock (excluding page faults and other VMA-lock readers){{$}}
	vma->vm_page_prot = prot;
}
