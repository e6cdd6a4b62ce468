// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Per-object identity: write-locking `vma` does not write-lock `prev`.
void adjust(struct vm_area_struct *vma, struct vm_area_struct *prev, pgprot_t prot)
{
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
	vma->vm_page_prot = prot;
// CHECK: :[[@LINE+2]]:2: error: write to 'prev->vm_page_prot' without the locks field 'vm_area_struct.vm_page_prot' requires: write_most
// CHECK: note: it needs mmap_lock.write of 'prev->vm_mm' & vma_lock.write of 'prev'
	prev->vm_page_prot = prot;
	mmap_write_unlock(vma->vm_mm);
}
