// RUN: %check %s | count 0
// VMA write locks are never released one by one: mmap_write_unlock ends them.
void modify(struct vm_area_struct *vma, pgprot_t prot)
{
	struct mm_struct *mm = vma->vm_mm;

	mmap_write_lock(mm);
	vma_start_write(vma);
	vma->vm_page_prot = prot;
	mmap_write_unlock(mm);
}
