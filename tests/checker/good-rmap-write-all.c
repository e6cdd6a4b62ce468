// RUN: %check %s | count 0
// vm_start/vm_end/vm_pgoff: mmap write, VMA write and the rmap write lock (write_all).
void shift(struct vm_area_struct *vma, struct address_space *mapping, unsigned long pgoff)
{
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
	i_mmap_lock_write(vma->vm_file->f_mapping);
	vma->vm_pgoff = pgoff;
	i_mmap_unlock_write(vma->vm_file->f_mapping);
	mmap_write_unlock(vma->vm_mm);
}
