// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// v7.0: vm_flags_set takes the VMA write lock itself, so the mmap write lock is enough;
// vm_flags_reset only asserts it, so the caller must have taken it.
void set_then_reset(struct vm_area_struct *vma, vm_flags_t flags)
{
	mmap_write_lock(vma->vm_mm);
	vm_flags_set(vma, flags);
// CHECK: :[[@LINE+1]]:2: error: call to 'vm_flags_reset' (reset_vma_flags) without 'vma_lock' of 'vma' for write (it holds 'mmap_lock' of 'vma->vm_mm' for write): vm_flags_reset only asserts the VMA write lock, which faults under the VMA lock wait for{{$}}
	vm_flags_reset(vma, flags);
	mmap_write_unlock(vma->vm_mm);
}

void atomic_flag(struct vm_area_struct *vma, vma_flag_t bit)
{
	mmap_read_lock(vma->vm_mm);
	vma_set_atomic_flag(vma, bit);
	mmap_read_unlock(vma->vm_mm);
}
