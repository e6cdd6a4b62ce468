// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Attaching an anon_vma under the mmap read lock races with other faults unless
// page_table_lock serialises them; the merge and fork ways need the mmap write lock.
void attach(struct vm_area_struct *vma, struct anon_vma *anon_vma)
{
	struct mm_struct *mm = vma->vm_mm;

	mmap_read_lock(mm);
	if (!vma->anon_vma)
// CHECK: :[[@LINE+1]]:3: error: write to 'vma->anon_vma' (vm_area_struct.anon_vma, NULL -> non-NULL) without 'page_table_lock' of 'vma->vm_mm' or 'mmap_lock' of 'vma->vm_mm' for write (it holds 'mmap_lock' of 'vma->vm_mm' for read): vm_area_struct.anon_vma is the anon_vma in which anonymous folios mapped only by this VMA are filed{{$}}
		vma->anon_vma = anon_vma;
	mmap_read_unlock(mm);
}
