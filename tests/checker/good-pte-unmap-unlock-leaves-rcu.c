// RUN: %check %s | count 0
// A table mapped without its lock, then locked with spin_lock: pte_unmap_unlock drops the
// lock and leaves the RCU section the map entered, as handle_pte_fault does.
static int touch_locked(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr)
{
	spinlock_t *ptl;
	pte_t *pte;

	mmap_read_lock(vma->vm_mm);
	pte = pte_offset_map_ro_nolock(vma->vm_mm, pmd, addr, &ptl);
	if (!pte) {
		mmap_read_unlock(vma->vm_mm);
		return 0;
	}
	spin_lock(ptl);
	touch(pte);
	pte_unmap_unlock(pte, ptl);
	mmap_read_unlock(vma->vm_mm);
	return 1;
}

// A table mapped and locked by pte_offset_map_lock: its section is not modelled, and the
// unlock ends nothing else (the caller's RCU section stays).
static void inside_rcu(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	spinlock_t *ptl;
	pte_t *pte;

	mmap_read_lock(mm);
	rcu_read_lock();
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (pte)
		pte_unmap_unlock(pte, ptl);
	rcu_read_unlock();
	mmap_read_unlock(mm);
}
