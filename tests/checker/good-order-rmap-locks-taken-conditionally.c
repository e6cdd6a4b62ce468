// RUN: %check %s | count 0
// mremap's rmap lock helpers take each tree's lock only when the VMA is in that tree, the
// i_mmap tree first; the caller releases them with the matching helper.
static void take_rmap_locks(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		i_mmap_lock_write(vma->vm_file->f_mapping);
	if (vma->anon_vma)
		anon_vma_lock_write(vma->anon_vma);
}

static void drop_rmap_locks(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		anon_vma_unlock_write(vma->anon_vma);
	if (vma->vm_file)
		i_mmap_unlock_write(vma->vm_file->f_mapping);
}

bool move_entry(struct pagetable_move_control *pmc, void *old_entry, void *new_entry)
{
	bool moved;

	take_rmap_locks(pmc->old);
	moved = move_normal_entry(pmc, old_entry, new_entry);
	drop_rmap_locks(pmc->old);
	return moved;
}
