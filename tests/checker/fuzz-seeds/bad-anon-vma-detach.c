void detach(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;

	mmap_read_lock(mm);
	spin_lock(&mm->page_table_lock);
	vma->anon_vma = NULL;
	spin_unlock(&mm->page_table_lock);
	mmap_read_unlock(mm);
}
