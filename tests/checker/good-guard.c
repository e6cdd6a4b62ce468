// RUN: %check %s | count 0
// cleanup.h guards: `guard(mmap_read_lock)(mm)` holds the mmap read lock to the end of the
// scope, where the compiler releases it (never a leak).
int mark_under_guard(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	guard(mmap_read_lock)(mm);
	vma = find_vma(mm, addr);
	if (!vma)
		return -EFAULT;
	vma_set_atomic_flag(vma, 0);
	return 0;
}
