// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A lock helper that takes the i_mmap lock for read, where its release helper ends a write
// hold: the caller holds the lock in one mode and hands it to a release of the other, which
// leaves its hold where it was.
static void take_rmap_locks(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		i_mmap_lock_read(vma->vm_file->f_mapping);
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
// CHECK: :[[@LINE+2]]:2: error: call to 'drop_rmap_locks' releases a write hold of 'i_mmap_lock' of 'pmc->old->vm_file->f_mapping', but it is held for read
// CHECK: :[[@LINE-3]]:2: note: taken for read here
	drop_rmap_locks(pmc->old);
// CHECK: :[[@LINE+3]]:2: warning: 'i_mmap_lock' of 'pmc->old->vm_file->f_mapping' may still be held at return (it is held on some paths only) (through move_entry -> take_rmap_locks){{$}}
// CHECK: :[[@LINE-6]]:2: note: taken here
// CHECK: :[[@LINE-3]]:2: note: given its owner here, 'drop_rmap_locks' releases locks for its caller but leaves this one held (through move_entry -> drop_rmap_locks){{$}}
	return moved;
}
