// RUN: %check %s | count 0
// `||` short-circuit: the trylock is only attempted, and held, when vma is non-NULL.
int keep_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	if (!vma || !vma_start_read_locked(vma)) {
		mmap_read_unlock(mm);
		return -ENOENT;
	}
	mmap_read_unlock(mm);
	handle_mm_fault(vma, addr, FAULT_FLAG_VMA_LOCK, NULL);
	vma_end_read(vma);
	return 0;
}
