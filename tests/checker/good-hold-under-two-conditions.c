// RUN: %check %s | count 0
// The helper keeps the file's i_mmap lock only where the VMA maps a file *and* the caller
// asked it to: a caller that passes false gets no lock back, whatever the VMA.
static void link_file(struct vm_area_struct *vma, bool hold_rmap_lock)
{
	struct file *file = vma->vm_file;
	struct address_space *mapping;

	if (file) {
		mapping = file->f_mapping;
		i_mmap_lock_write(mapping);
		vma_interval_tree_insert(vma, &mapping->i_mmap);
		if (!hold_rmap_lock)
			i_mmap_unlock_write(mapping);
	}
}

static int link_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_start_write(vma);
	link_file(vma, /* hold_rmap_lock= */false);
	mm->map_count++;
	return 0;
}

SYSCALL_DEFINE1(link_one, unsigned long, addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int err;

	mmap_write_lock(mm);
	vma = vm_area_alloc(mm);
	err = vma ? link_vma(mm, vma) : -ENOMEM;
	mmap_write_unlock(mm);
	return err;
}
