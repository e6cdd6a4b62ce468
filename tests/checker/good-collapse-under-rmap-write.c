// RUN: %check %s | count 0
// khugepaged's anonymous collapse shuts the range off before it clears the PMD entry: the
// mmap write lock, the VMA's write lock and the anon_vma write lock, then the PMD lock
// around the clear.  pmdp_collapse_flush is listed by the retraction too, which would need
// the PTE lock; the collapse's own rule is met, so nothing is asked of the callers.
int revalidate(struct mm_struct *mm, unsigned long address, struct vm_area_struct **vmap);

static int collapse_range(struct mm_struct *mm, unsigned long address, pmd_t *pmd)
{
	struct vm_area_struct *vma;
	spinlock_t *pmd_ptl;
	pmd_t _pmd;
	int result;

	mmap_write_lock(mm);
	result = revalidate(mm, address, &vma);
	if (result)
		goto out_up_write;
	vma_start_write(vma);
	anon_vma_lock_write(vma->anon_vma);
	pmd_ptl = pmd_lock(mm, pmd);
	_pmd = pmdp_collapse_flush(vma, address, pmd);
	spin_unlock(pmd_ptl);
	anon_vma_unlock_write(vma->anon_vma);
out_up_write:
	mmap_write_unlock(mm);
	return result;
}

int scan_range(struct mm_struct *mm, unsigned long address, pmd_t *pmd)
{
	return collapse_range(mm, address, pmd);
}
