// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Broken variants of a lock held while a pointer is set: the final unlock missing, the test
// inverted, the PMD lock released where `pml` is NULL.

static int swapin_walk_leak(struct vm_area_struct *vma, pmd_t *pmd, unsigned long start,
			    unsigned long end)
{
	pte_t *ptep = NULL;
	spinlock_t *ptl;
	unsigned long addr;

	mmap_assert_locked(vma->vm_mm);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		if (!ptep++) {
			ptep = pte_offset_map_lock(vma->vm_mm, pmd, addr, &ptl);
			if (!ptep)
				break;
		}
		if (!pte_present(ptep_get(ptep)))
			continue;
		pte_unmap_unlock(ptep, ptl);
		ptep = NULL;
	}
// CHECK: :[[@LINE+2]]:2: warning: 'pte_lock' of '*ptl' may still be held at return (it is held on some paths only)
// CHECK: :[[@LINE-10]]:11: note: taken here
	return 0;
}

static int swapin_walk_inverted(struct vm_area_struct *vma, pmd_t *pmd, unsigned long start,
				unsigned long end)
{
	pte_t *ptep = NULL;
	spinlock_t *ptl;
	unsigned long addr;

	mmap_assert_locked(vma->vm_mm);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		if (!ptep++) {
			ptep = pte_offset_map_lock(vma->vm_mm, pmd, addr, &ptl);
			if (!ptep)
				break;
		}
		pte_unmap_unlock(ptep, ptl);
		ptep = NULL;
	}
	if (!ptep)
// CHECK: :[[@LINE+1]]:3: error: 'pte_unmap_unlock' releases 'pte_lock' of '*ptl', which is not held here
		pte_unmap_unlock(ptep, ptl);
	return 0;
}

static void unlock_unset_pml(struct mm_struct *mm, pmd_t *pmd, bool early)
{
	spinlock_t *pml = NULL;

	if (early)
		pml = pmd_lock(mm, pmd);
	if (!pml)
// CHECK: :[[@LINE+1]]:3: error: 'spin_unlock' releases 'pmd_lock' of '*pml', which is not held here
		spin_unlock(pml);
	else
		spin_unlock(pml);
}
