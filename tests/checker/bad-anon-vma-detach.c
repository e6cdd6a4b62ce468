// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// non-NULL -> NULL has a stricter rule than attaching.
void detach(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;

	mmap_read_lock(mm);
	spin_lock(&mm->page_table_lock);
// CHECK: :[[@LINE+1]]:2: error: write to 'vma->anon_vma' without the locks field 'vm_area_struct.anon_vma (non-NULL -> NULL)' requires: mmap_lock.write & vma_lock.write & anon_vma_lock.write
	vma->anon_vma = NULL;
	spin_unlock(&mm->page_table_lock);
	mmap_read_unlock(mm);
}
