// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// non-NULL -> NULL has a stricter rule than attaching.
void detach(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;

	mmap_read_lock(mm);
	spin_lock(&mm->page_table_lock);
// CHECK: :[[@LINE+1]]:2: error: write to 'vma->anon_vma' (vm_area_struct.anon_vma, non-NULL -> NULL) without 'mmap_lock' of 'vma->vm_mm' for write (it holds 'mmap_lock' of 'vma->vm_mm' for read): vm_area_struct.anon_vma is the anon_vma in which anonymous folios mapped only by this VMA are filed{{$}}
	vma->anon_vma = NULL;
	spin_unlock(&mm->page_table_lock);
	mmap_read_unlock(mm);
}
