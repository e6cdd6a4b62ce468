// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-new-vma-stored-locked.c without the VMA write lock before the store: once the new VMA
// is in the tree a fault can read-lock it while its creator still sets it up.  No caller can
// hold the lock of a VMA the function allocated itself, even one that reuses a parameter's
// name, and an entry's callers elsewhere cannot either: the finding is at the store.
int brk_like(struct vma_iterator *vmi, struct vm_area_struct *vma, unsigned long addr,
	     unsigned long len, vm_flags_t vm_flags)
{
	struct mm_struct *mm = current->mm;

	if (vma && vma->vm_end == addr) {
		vma_start_write(vma);
		vma->vm_end = addr + len;
		return 0;
	}
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma_set_anonymous(vma);
	vma_set_range(vma, addr, addr + len, addr >> PAGE_SHIFT);
	vm_flags_init(vma, vm_flags);
// CHECK: :[[@LINE+1]]:6: error: call to 'vma_iter_store_gfp' (mark_vma_attached) without 'vma_lock' of 'vma' for write (it holds none of its locks): once stored the VMA can be read-locked by a fault
	if (vma_iter_store_gfp(vmi, vma, GFP_KERNEL))
		goto free_vma;
	mm->map_count++;
	return 0;

free_vma:
	vm_area_free(vma);
	return -ENOMEM;
}
