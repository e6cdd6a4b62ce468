// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// process_addrs.rst: never take the mmap lock while holding a VMA read lock.
vm_fault_t nested(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = lock_vma_under_rcu(mm, addr);

	if (!vma)
		return VM_FAULT_RETRY;
// CHECK: :[[@LINE+1]]:2: error: 'mmap_read_lock' takes 'mmap_lock' of 'mm' while 'vma_lock' of 'vma' is held for read (relation 'no_mmap_lock_under_vma_read')
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
	vma_end_read(vma);
	return 0;
}
