// RUN: %check %s | count 0
// A trylock cannot wait, so it may take the mmap lock under a VMA read lock, as v7.0's
// __vmf_anon_prepare does (relation no_mmap_lock_under_vma_read forbids waiting only).
int anon_prepare(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = lock_vma_under_rcu(mm, addr);

	if (!vma)
		return -EAGAIN;
	if (!mmap_read_trylock(vma->vm_mm)) {
		vma_end_read(vma);
		return -EAGAIN;
	}
	mmap_read_unlock(vma->vm_mm);
	vma_end_read(vma);
	return 0;
}
