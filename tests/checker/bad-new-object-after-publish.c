// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Once a new VMA is published (stored into the mm's tree, linked into a file's i_mmap, or
// stored through a pointer), other threads can reach it: its fields need their locks again.

static void set_end(struct vm_area_struct *vma, unsigned long end)
{
	vma->vm_end = end;
}

static void store_then_set(struct vma_iterator *vmi, struct vm_area_struct *vma,
			   unsigned long end)
{
	vma_iter_store_new(vmi, vma);
	vma->vm_end = end;
}

static int written_after_store(struct mm_struct *mm, struct vma_iterator *vmi,
			       unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma;

	mmap_write_lock(mm);
	vma = vm_area_alloc(mm);
	if (!vma) {
		mmap_write_unlock(mm);
		return -ENOMEM;
	}
	vma->vm_start = addr;
// CHECK: :[[@LINE+1]]:2: error: call to 'vma_iter_store_new' (mark_vma_attached) without 'vma_lock' of 'vma' for write (it holds none of its locks)
	vma_iter_store_new(vmi, vma);
	mmap_write_unlock(mm);
// CHECK: :[[@LINE+1]]:2: error: write to 'vma->vm_end' (vm_area_struct.vm_end) without 'mmap_lock' of 'vma->vm_mm' for write and 'vma_lock' of 'vma' for write (it holds none of its locks)
	vma->vm_end = addr + len;
	return 0;
}

static int helper_after_file_link(struct vm_area_struct *orig, unsigned long end)
{
	struct vm_area_struct *new = vm_area_dup(orig);

	if (!new)
		return -ENOMEM;
	vma_interval_tree_insert(new, &new->vm_file->f_mapping->i_mmap);
// CHECK: :[[@LINE+1]]:2: error: call to 'set_end' without 'mmap_lock' of 'new->vm_mm' for write and 'vma_lock' of 'new' for write (it holds none of its locks), which no caller in the files checked takes
	set_end(new, end);
	return 0;
}

/* The callee publishes it before it writes: the caller's fresh VMA does not excuse that. */
static int callee_publishes_first(struct vma_iterator *vmi, struct vm_area_struct *orig)
{
	struct vm_area_struct *new = vm_area_dup(orig);

	if (!new)
		return -ENOMEM;
// CHECK: :[[@LINE+2]]:2: error: call to 'store_then_set' without 'vma_lock' of 'new' for write (it holds none of its locks), which no caller in the files checked takes: once stored
// CHECK: :[[@LINE+1]]:2: error: call to 'store_then_set' without 'mmap_lock' of 'new->vm_mm' for write
	store_then_set(vmi, new, orig->vm_end);
	return 0;
}

static int stored_through_pointer(struct vm_area_struct *orig, struct vm_area_struct **vmap)
{
	struct vm_area_struct *vma = vm_area_dup(orig);

	if (!vma)
		return -ENOMEM;
	*vmap = vma;
// CHECK: :[[@LINE+1]]:2: error: write to 'vma->vm_pgoff' (vm_area_struct.vm_pgoff) without 'mmap_lock' of 'vma->vm_mm' for write and 'vma_lock' of 'vma' for write (it holds none of its locks)
	vma->vm_pgoff = 0;
	return 0;
}

/* Published on one path only: after the join it may be reachable. */
static int published_on_one_path(struct vma_iterator *vmi, struct vm_area_struct *orig, int now)
{
	struct vm_area_struct *new = vm_area_dup(orig);

	if (!new)
		return -ENOMEM;
// CHECK: :[[@LINE+2]]:3: error: call to 'vma_iter_store_new' (mark_vma_attached) without 'vma_lock' of 'new' for write
	if (now)
		vma_iter_store_new(vmi, new);
// CHECK: :[[@LINE+1]]:2: error: write to 'new->vm_start' (vm_area_struct.vm_start) without 'mmap_lock' of 'new->vm_mm' for write and 'vma_lock' of 'new' for write (it holds none of its locks)
	new->vm_start = orig->vm_start;
	return 0;
}
