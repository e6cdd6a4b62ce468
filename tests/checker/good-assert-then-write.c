// RUN: %check %s | count 0
// Asserts make a lock held from that point, and are not "taken here" (no leak at return).
void set_prot(struct vm_area_struct *vma, pgprot_t prot)
{
	mmap_assert_write_locked(vma->vm_mm);
	vma_assert_write_locked(vma);
	vma->vm_page_prot = prot;
}
