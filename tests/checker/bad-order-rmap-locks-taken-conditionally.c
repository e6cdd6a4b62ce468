// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The anon_vma lock taken when the VMA has an anon_vma, then the i_mmap lock when it maps a
// file: a VMA that has both takes them against the order, on the paths that hold the first.
static void take_rmap_locks(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		anon_vma_lock_write(vma->anon_vma);
	if (vma->vm_file)
// CHECK: :[[@LINE+1]]:3: error: 'i_mmap_lock_write' takes 'i_mmap_lock' of 'vma->vm_file->f_mapping' while 'anon_vma_lock' of 'vma->anon_vma' is held on some paths, against the lock order
		i_mmap_lock_write(vma->vm_file->f_mapping);
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
