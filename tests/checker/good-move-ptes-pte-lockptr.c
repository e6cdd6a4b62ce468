// RUN: %check %s | count 0
// mremap's move_ptes (Linux 6.1): the destination PTL comes from pte_lockptr(mm, pmd), a
// pointer function of the PTE lock, and is taken nested only when it is not the source PTL
// (split PTLs); it is released under the same test, so it is never left held.
void move_ptes_61(struct vm_area_struct *vma, pmd_t *old_pmd, unsigned long old_addr,
		  unsigned long old_end, pmd_t *new_pmd, unsigned long new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *old_pte, *new_pte, pte;
	spinlock_t *old_ptl, *new_ptl;

	mmap_write_lock(mm);
	old_pte = pte_offset_map_lock(mm, old_pmd, old_addr, &old_ptl);
	if (!old_pte)
		goto out;
	new_pte = pte_offset_map(new_pmd, new_addr);
	new_ptl = pte_lockptr(mm, new_pmd);
	if (new_ptl != old_ptl)
		spin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);
	for (; old_addr < old_end; old_pte++, old_addr += PAGE_SIZE,
				   new_pte++, new_addr += PAGE_SIZE) {
		if (pte_none(*old_pte))
			continue;
		pte = ptep_get_and_clear(mm, old_addr, old_pte);
		set_pte_at(mm, new_addr, new_pte, pte);
	}
	if (new_ptl != old_ptl)
		spin_unlock(new_ptl);
	pte_unmap(new_pte - 1);
	pte_unmap_unlock(old_pte - 1, old_ptl);
out:
	mmap_write_unlock(mm);
}
