// RUN: %check %s | count 0
// `mm` and `vma->vm_mm` may be the same object; the checker assumes so rather than guess
// they differ (see checker/README.md).
void fault_in(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	mmap_read_lock(mm);
	handle_mm_fault(vma, addr, 0, NULL);
	mmap_read_unlock(mm);
}
