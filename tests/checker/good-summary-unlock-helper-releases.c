// RUN: %check %s | count 0
// One helper takes the rmap locks of a range and another releases every one it took,
// directly or down a chain of calls: nothing is left held.
struct vma_prepare {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct address_space *mapping;
};

static void range_lock(struct vma_prepare *vp)
{
	if (vp->mapping)
		i_mmap_lock_write(vp->mapping);
	if (vp->anon_vma)
		anon_vma_lock_write(vp->anon_vma);
}

static void range_unlock(struct vma_prepare *vp)
{
	if (vp->anon_vma)
		anon_vma_unlock_write(vp->anon_vma);
	if (vp->mapping)
		i_mmap_unlock_write(vp->mapping);
}

static int shrink_range(struct vm_area_struct *vma, unsigned long end)
{
	struct vma_prepare vp = {
		.vma = vma,
		.anon_vma = vma->anon_vma,
		.mapping = vma->vm_file ? vma->vm_file->f_mapping : NULL,
	};

	range_lock(&vp);
	shrink_accounting(vma, end);
	range_unlock(&vp);
	return 0;
}

static void take_rmap(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		i_mmap_lock_write(vma->vm_file->f_mapping);
	if (vma->anon_vma)
		anon_vma_lock_write(vma->anon_vma);
}

static void drop_rmap(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		anon_vma_unlock_write(vma->anon_vma);
	if (vma->vm_file)
		i_mmap_unlock_write(vma->vm_file->f_mapping);
}

static bool move_entry(struct vm_area_struct *vma, unsigned long old_addr)
{
	bool moved;

	take_rmap(vma);
	moved = move_one_entry(vma, old_addr);
	drop_rmap(vma);
	return moved;
}

static int move_range(struct vm_area_struct *vma, unsigned long old_addr)
{
	int moved = 0;

	if (move_entry(vma, old_addr))
		moved = 1;
	return moved;
}
