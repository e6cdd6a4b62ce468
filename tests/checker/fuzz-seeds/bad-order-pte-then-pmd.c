void pte_then_pmd(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	spinlock_t *ptl, *pml;
	pte_t *pte;

	mmap_read_lock(mm);
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte)
		goto out;
	pml = pmd_lock(mm, pmd);
	spin_unlock(pml);
	pte_unmap_unlock(pte, ptl);
out:
	mmap_read_unlock(mm);
}
