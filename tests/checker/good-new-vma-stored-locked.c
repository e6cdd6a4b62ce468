// RUN: %check %s | count 0
// A new VMA is write-locked before it is stored in the tree (vma_iter_store_gfp and
// vma_iter_store_new attach it, and v7.0 asserts the VMA write lock there): until the mmap
// write lock is released no fault can read-lock it, however long its creator still sets it
// up.  A helper given the new VMA stores it under the lock its caller took.
int brk_like(struct vma_iterator *vmi, struct vm_area_struct *vma, unsigned long addr,
	     unsigned long len, vm_flags_t vm_flags)
{
	struct mm_struct *mm = current->mm;

	if (vma && vma->vm_end == addr) {
		vma_start_write(vma);
		vma->vm_end = addr + len;
		return 0;
	}
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma_set_anonymous(vma);
	vma_set_range(vma, addr, addr + len, addr >> PAGE_SHIFT);
	vm_flags_init(vma, vm_flags);
	vma_start_write(vma);
	if (vma_iter_store_gfp(vmi, vma, GFP_KERNEL))
		goto free_vma;
	mm->map_count++;
	return 0;

free_vma:
	vm_area_free(vma);
	return -ENOMEM;
}

static int link_new(struct mm_struct *mm, struct vm_area_struct *vma)
{
	VMA_ITERATOR(vmi, mm, 0);

	vma_iter_config(&vmi, vma->vm_start, vma->vm_end);
	if (vma_iter_prealloc(&vmi, vma))
		return -ENOMEM;
	vma_iter_store_new(&vmi, vma);
	mm->map_count++;
	return 0;
}

int copy_like(struct vm_area_struct *vma, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *new_vma = vm_area_dup(vma);

	if (!new_vma)
		return -ENOMEM;
	vma_set_range(new_vma, addr, addr + len, addr >> PAGE_SHIFT);
	vma_start_write(new_vma);
	if (link_new(vma->vm_mm, new_vma)) {
		vm_area_free(new_vma);
		return -ENOMEM;
	}
	return 0;
}
