// RUN: %check %s | count 0
void zap_one(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr)
{
	spinlock_t *ptl;
	pte_t *pte;

	mmap_read_lock(vma->vm_mm);
	pte = pte_offset_map_lock(vma->vm_mm, pmd, addr, &ptl);
	if (pte) {
		zap_pte_range(vma, pte, addr);
		pte_unmap_unlock(pte, ptl);
	}
	mmap_read_unlock(vma->vm_mm);
}
