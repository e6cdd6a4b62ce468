// RUN: %check %s | count 0
// NULL -> non-NULL: mmap read lock plus page_table_lock (anon_vma_prepare).
void attach(struct vm_area_struct *vma, struct anon_vma *anon_vma)
{
	struct mm_struct *mm = vma->vm_mm;

	mmap_read_lock(mm);
	spin_lock(&mm->page_table_lock);
	if (!vma->anon_vma)
		vma->anon_vma = anon_vma;
	spin_unlock(&mm->page_table_lock);
	mmap_read_unlock(mm);
}
