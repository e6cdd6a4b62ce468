// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The result is used before the NULL test that makes it locked.
vm_fault_t fault_unchecked(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = lock_vma_under_rcu(mm, addr);

// CHECK: :[[@LINE+1]]:2: error: call to 'handle_mm_fault' (page_fault) without 'vma_lock' of 'vma' for read or 'mmap_lock' of 'vma->vm_mm' for read (it holds none of its locks): the VMA must not change or be unmapped while the fault installs into it{{$}}
	handle_mm_fault(vma, addr, FAULT_FLAG_VMA_LOCK, NULL);
	if (vma)
		vma_end_read(vma);
	return 0;
}
