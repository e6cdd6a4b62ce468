// RUN: %check %s | count 0
// vm_start/vm_end/vm_pgoff: mmap write, VMA write and the write lock of each rmap tree that
// links the VMA (write_all; v7.0 vma_prepare takes i_mmap before anon_vma).
void shift(struct vm_area_struct *vma, struct address_space *mapping, unsigned long pgoff)
{
	mmap_write_lock(vma->vm_mm);
	vma_start_write(vma);
	i_mmap_lock_write(vma->vm_file->f_mapping);
	anon_vma_lock_write(vma->anon_vma);
	vma->vm_pgoff = pgoff;
	anon_vma_unlock_write(vma->anon_vma);
	i_mmap_unlock_write(vma->vm_file->f_mapping);
	mmap_write_unlock(vma->vm_mm);
}
