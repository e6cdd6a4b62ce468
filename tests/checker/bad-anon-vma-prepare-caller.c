// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The first anon_vma is attached under the mmap lock: the VMA lock cannot stand in for it.
static int prepare_under_vma_lock(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = lock_vma_under_rcu(mm, addr);
	int err;

	if (!vma)
		return -EAGAIN;
// CHECK: :[[@LINE+1]]:8: error: call to 'anon_vma_prepare' (anon_vma_prepare) without 'mmap_lock' of 'vma->vm_mm' for read
	err = anon_vma_prepare(vma);
	vma_end_read(vma);
	return err;
}
