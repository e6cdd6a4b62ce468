// RUN: %check %s | count 0
// Without split page-table locks the PTE lock is the PMD lock: code that holds the PMD lock
// takes the PTE lock only `if (ptl != pml)`, and drops it under the same test.  On the branch
// where the two pointers are equal, holding one is holding the other.

// khugepaged's retract_page_tables: the PTE table is retracted under both locks.
void retract_one(struct address_space *mapping, struct vm_area_struct *vma, pmd_t *pmd,
		 unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *pml, *ptl;
	pmd_t pgt_pmd;
	bool success = false;

	i_mmap_lock_read(mapping);
	pml = pmd_lock(mm, pmd);
	if (!pmd_present(pmdp_get(pmd)))
		goto drop_pml;
	ptl = pte_lockptr(mm, pmd);
	if (ptl != pml)
		spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	pgt_pmd = pmdp_collapse_flush(vma, addr, pmd);
	success = true;
	if (ptl != pml)
		spin_unlock(ptl);
drop_pml:
	spin_unlock(pml);
	i_mmap_unlock_read(mapping);
	if (success)
		mm_dec_nr_ptes(mm);
}

// zap_pte_table_if_empty's error path: dropping the PTE lock drops the PMD lock when they are
// one; only a distinct PMD lock is dropped after it.
bool clear_if_empty(struct mm_struct *mm, pmd_t *pmd, unsigned long addr, pmd_t *pmdval)
{
	spinlock_t *pml, *ptl;
	pte_t *start_pte;

	pml = pmd_lock(mm, pmd);
	start_pte = pte_offset_map_rw_nolock(mm, pmd, addr, pmdval, &ptl);
	if (!start_pte) {
		spin_unlock(pml);
		return false;
	}
	if (ptl != pml)
		spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	if (!pte_none(ptep_get(start_pte))) {
		pte_unmap(start_pte);
		spin_unlock(ptl);
		if (ptl != pml)
			spin_unlock(pml);
		return false;
	}
	pte_unmap(start_pte);
	pmd_clear(pmd);
	if (ptl != pml)
		spin_unlock(ptl);
	spin_unlock(pml);
	return true;
}
