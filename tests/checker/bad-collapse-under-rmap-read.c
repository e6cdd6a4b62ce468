// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-collapse-under-rmap-write.c under the anon_vma read lock: rmap walkers share it, so
// they still reach the table whose entry is cleared.  The retraction pmdp_collapse_flush
// also serves would need the PTE lock, which callers could hold; but the code meant the
// collapse, and the weaker mode it took itself is the finding, in the function.
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
	anon_vma_lock_read(vma->anon_vma);
	pmd_ptl = pmd_lock(mm, pmd);
// CHECK: :[[@LINE+2]]:9: error: call to 'pmdp_collapse_flush' needs 'anon_vma_lock' of 'vma->anon_vma' held for write, but it is held for read (operation 'collapse_to_huge_pmd')
// CHECK: :[[@LINE-3]]:2: note: taken for read here
	_pmd = pmdp_collapse_flush(vma, address, pmd);
	spin_unlock(pmd_ptl);
	anon_vma_unlock_read(vma->anon_vma);
out_up_write:
	mmap_write_unlock(mm);
	return result;
}

int scan_range(struct mm_struct *mm, unsigned long address, pmd_t *pmd)
{
	return collapse_range(mm, address, pmd);
}
