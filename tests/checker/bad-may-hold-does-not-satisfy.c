// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A lock held on some paths only does not satisfy a requirement.
void partial(struct vm_area_struct *vma, unsigned long addr, int locked)
{
	if (!locked)
		mmap_read_lock(vma->vm_mm);
// CHECK: :[[@LINE+1]]:2: error: call to 'handle_mm_fault' (page_fault) without 'vma_lock' of 'vma' for read or 'mmap_lock' of 'vma->vm_mm' for read (it holds none of its locks):
	handle_mm_fault(vma, addr, 0, NULL);
	if (!locked)
		mmap_read_unlock(vma->vm_mm);
}
