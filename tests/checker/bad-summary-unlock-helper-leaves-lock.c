// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A helper takes the rmap locks of a range, another is meant to release them, and each
// forgets one: the lock is left held where the caller returns, and the finding names the
// release helper that was given the lock's owner, here or down a chain of calls.
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
// CHECK: :[[@LINE+3]]:2: warning: 'anon_vma_lock' of 'vp.anon_vma' may still be held at return (it is held on some paths only) (through shrink_range -> range_lock){{$}}
// CHECK: :[[@LINE-4]]:2: note: taken here
// CHECK: :[[@LINE-3]]:2: note: given its owner here, 'range_unlock' releases locks for its caller but leaves this one held (through shrink_range -> range_unlock){{$}}
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
// CHECK: :[[@LINE+3]]:2: warning: 'i_mmap_lock' of 'vma->vm_file->f_mapping' may still be held at return (it is held on some paths only) (through move_range -> move_entry -> take_rmap){{$}}
// CHECK: :[[@LINE-3]]:6: note: taken here
// CHECK: :[[@LINE-4]]:6: note: given its owner here, 'drop_rmap' releases locks for its caller but leaves this one held (through move_range -> move_entry -> drop_rmap){{$}}
	return moved;
}
