// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A call may write through `&vma` whatever its name: what the path knew of `vma` (NULL, from
// its initialiser) is gone after it, so the branch that needs it non-NULL is checked.  A call
// that names nothing the spec knows must not keep the old value alive.
static void lookup_then_write_lock(void)
{
	struct vm_area_struct *vma = NULL;

	lookup_cached(&vma);
	if (vma)
// CHECK: :[[@LINE+1]]:3: error: 'vma_start_write' takes 'vma_lock' of 'vma' for write without 'mmap_lock' of 'vma->vm_mm' for write (it holds none of its locks)
		vma_start_write(vma);
}
