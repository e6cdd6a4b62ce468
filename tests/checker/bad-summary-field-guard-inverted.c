// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The callee takes the rmap lock only when the prep struct has a file; the caller releases
// it on the other branch, where it was never taken.
struct vma_prepare {
	struct file *file;
	struct address_space *mapping;
};

static void prepare(struct vma_prepare *vp)
{
	if (vp->file)
		i_mmap_lock_write(vp->mapping);
}

int adjust(struct file *file, struct address_space *mapping)
{
	struct vma_prepare vp;

	vp.file = file;
	vp.mapping = mapping;
	prepare(&vp);
	if (!vp.file)
// CHECK: :[[@LINE+1]]:3: error: 'i_mmap_unlock_write' releases 'i_mmap_lock' of 'vp.mapping', which is not held here
		i_mmap_unlock_write(vp.mapping);
// CHECK: :[[@LINE+1]]:2: warning: 'i_mmap_lock' of 'vp.mapping' may still be held at return
	return 0;
}
