// RUN: %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Growing an anonymous stack VMA upwards moves it in its anon_vma's interval tree: the tree
// is write-locked around the change.
int grow_up(struct vm_area_struct *vma, unsigned long address)
{
	mmap_assert_write_locked(vma->vm_mm);
	if (unlikely(anon_vma_prepare(vma)))
		return -ENOMEM;
	vma_start_write(vma);
	anon_vma_lock_write(vma->anon_vma);
// CHECK: :[[@LINE+1]]:2: note: write to 'vma->vm_end' is allowed by field 'vm_area_struct.vm_end' only if '!file_backed' holds
	vma->vm_end = address;
	anon_vma_unlock_write(vma->anon_vma);
	return 0;
}
