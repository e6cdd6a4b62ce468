// RUN: %check %s | count 0
// As vma_prepare and vma_complete: the rmap lock is taken and dropped only when the prep
// struct has a file; the caller tests the same field in between.
struct vma_prepare {
	struct vm_area_struct *vma;
	struct file *file;
	struct address_space *mapping;
};

static void prepare(struct vma_prepare *vp)
{
	if (vp->file)
		i_mmap_lock_write(vp->mapping);
}

static void complete(struct vma_prepare *vp)
{
	if (vp->file)
		i_mmap_unlock_write(vp->mapping);
}

static void touch_vma(struct vma_prepare *vp)
{
	vp->vma->vm_pgoff = 0;
}

int adjust(struct vm_area_struct *vma, struct file *file, struct address_space *mapping)
{
	struct vma_prepare vp;

	vp.vma = vma;
	vp.file = file;
	vp.mapping = mapping;
	prepare(&vp);
	if (vp.file)
		touch_vma(&vp);
	complete(&vp);
	return 0;
}
