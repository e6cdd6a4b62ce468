// RUN: %check %s | count 0
// Lock-pointer functions (`pointer` in rules/locks.rules) find a page-table lock without
// taking it; spin_lock() on what they give takes that lock.

// handle_pte_fault (v7.0): the PTL pointer is kept in the fault struct.
vm_fault_t pte_fault_locked(struct vm_fault *vmf, pte_t entry)
{
	struct vm_area_struct *vma = vmf->vma;

	mmap_read_lock(vma->vm_mm);
	vmf->ptl = pte_lockptr(vma->vm_mm, vmf->pmd);
	spin_lock(vmf->ptl);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	mmap_read_unlock(vma->vm_mm);
	return 0;
}

// The lock handed out through pte_offset_map_rw_nolock's out parameter.
int install_rw_nolock(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr, pte_t entry)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pmd_t pmdval;
	pte_t *pte;

	mmap_read_lock(mm);
	pte = pte_offset_map_rw_nolock(mm, pmd, addr, &pmdval, &ptl);
	if (!pte) {
		mmap_read_unlock(mm);
		return -EAGAIN;
	}
	spin_lock(ptl);
	if (pmd_same(pmdval, pmdp_get_lockless(pmd)))
		set_pte_at(mm, addr, pte, entry);
	spin_unlock(ptl);
	pte_unmap(pte);
	mmap_read_unlock(mm);
	return 0;
}

// A trylock on a pmd_lockptr() result, as zap_pte_table_if_empty does.
bool try_pmd(struct mm_struct *mm, pmd_t *pmd)
{
	spinlock_t *pml = pmd_lockptr(mm, pmd);

	if (!spin_trylock(pml))
		return false;
	pmd_clear(pmd);
	spin_unlock(pml);
	return true;
}
