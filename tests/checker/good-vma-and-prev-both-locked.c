// RUN: %check %s | count 0
void adjust_both(struct vm_area_struct *vma, struct vm_area_struct *prev, pgprot_t prot)
{
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
	vma_start_write(prev);
	vma->vm_page_prot = prot;
	prev->vm_page_prot = prot;
	mmap_write_unlock(vma->vm_mm);
}
