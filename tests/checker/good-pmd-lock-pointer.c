// RUN: %check %s | count 0
// pmd_lock returns the lock; spin_unlock on the same pointer releases it.
void split(struct mm_struct *mm, pmd_t *pmd)
{
	spinlock_t *ptl;

	mmap_read_lock(mm);
	ptl = pmd_lock(mm, pmd);
	touch(pmd);
	spin_unlock(ptl);
	mmap_read_unlock(mm);
}

// The lock pointer may live in a structure (vmf->ptl) rather than a local.
void fault_huge(struct vm_fault *vmf, struct vm_area_struct *vma)
{
	mmap_read_lock(vma->vm_mm);
	vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd);
	spin_unlock(vmf->ptl);
	vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd);
	spin_unlock(vmf->ptl);
	mmap_read_unlock(vma->vm_mm);
}
