// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Per-object identity: write-locking `vma` does not write-lock `prev`.
void adjust(struct vm_area_struct *vma, struct vm_area_struct *prev, pgprot_t prot)
{
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
	vma->vm_page_prot = prot;
// CHECK: :[[@LINE+2]]:2: error: write to 'prev->vm_page_prot' (vm_area_struct.vm_page_prot) without 'vma_lock' of 'prev' for write (it holds 'mmap_lock' of 'vma->vm_mm' for write and 'vma_lock' of 'vma' for write): enough to change most VMA metadata: the mmap lock for writing (excluding every other mmap lock holder) and the VMA's own write lock (excluding page faults and other VMA-lock readers){{$}}
// CHECK: note: field 'vm_area_struct.vm_page_prot' requires write_most; that is mmap_lock.write of 'prev->vm_mm' & vma_lock.write of 'prev'{{$}}
	prev->vm_page_prot = prot;
	mmap_write_unlock(vma->vm_mm);
}
