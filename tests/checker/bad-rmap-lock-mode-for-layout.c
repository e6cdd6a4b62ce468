// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Growing an anonymous stack VMA upwards moves it in its anon_vma's interval tree: taking
// the tree's lock for read says the VMA has one, and read does not hide the move from rmap
// walkers.
int grow_up(struct vm_area_struct *vma, unsigned long address)
{
	mmap_assert_write_locked(vma->vm_mm);
	if (unlikely(anon_vma_prepare(vma)))
		return -ENOMEM;
	vma_start_write(vma);
	anon_vma_lock_read(vma->anon_vma);
// CHECK: :[[@LINE+1]]:2: error: write to 'vma->vm_end' needs 'anon_vma_lock' of 'vma->anon_vma' held for write, but it is held for read (field 'vm_area_struct.vm_end')
	vma->vm_end = address;
	anon_vma_unlock_read(vma->anon_vma);
	return 0;
}
