// RUN: %check %s | count 0
// Install a PTE: the VMA is stable under the mmap read lock and the PTL is held.
int install_one(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr, pte_t entry)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pte_t *pte;

	mmap_read_lock(mm);
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte) {
		mmap_read_unlock(mm);
		return -EAGAIN;
	}
	set_pte_at(mm, addr, pte, entry);
	pte_unmap_unlock(pte, ptl);
	mmap_read_unlock(mm);
	return 0;
}
