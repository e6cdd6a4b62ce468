// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Broken variants of the `if (ptl != pml)` pattern: the equal branch makes one pointer the
// other's lock, not a free pass.

// The PTE lock never taken: pointers found, nothing locked.
static void retract_without_ptl(struct address_space *mapping, struct vm_area_struct *vma, pmd_t *pmd,
			 unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *pml, *ptl;

	i_mmap_lock_read(mapping);
	pml = pmd_lock(mm, pmd);
	ptl = pte_lockptr(mm, pmd);
// CHECK: :[[@LINE+1]]:2: error: call to 'pmdp_collapse_flush' (retract_pte_table; collapse_to_huge_pmd is not met either) without 'pte_lock' (it holds 'i_mmap_lock' of 'mapping' for read and 'pmd_lock' of '*pml')
	pmdp_collapse_flush(vma, addr, pmd);
	spin_unlock(pml);
	i_mmap_unlock_read(mapping);
}

// The distinct PTE lock is not dropped: only where the two are one lock does dropping the
// PMD lock drop it.
static void retract_keeps_ptl(struct address_space *mapping, struct vm_area_struct *vma, pmd_t *pmd,
		       unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *pml, *ptl;

	i_mmap_lock_read(mapping);
	pml = pmd_lock(mm, pmd);
	ptl = pte_lockptr(mm, pmd);
	if (ptl != pml)
		spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	pmdp_collapse_flush(vma, addr, pmd);
	spin_unlock(pml);
	i_mmap_unlock_read(mapping);
// CHECK: :[[@LINE+2]]:1: warning: 'pte_lock' of '*ptl' may still be held at return (it is held on some paths only)
// CHECK: :[[@LINE-5]]:3: note: taken here
}

// The test inverted: where the two are one lock, dropping the PTE lock dropped the PMD lock,
// and the equal branch drops it again; where they are two, the PMD lock is left held.
static void zap_drops_twice(struct mm_struct *mm, pmd_t *pmd, unsigned long addr, pmd_t *pmdval)
{
	spinlock_t *pml, *ptl;
	pte_t *pte;

	pml = pmd_lock(mm, pmd);
	pte = pte_offset_map_rw_nolock(mm, pmd, addr, pmdval, &ptl);
	if (!pte) {
		spin_unlock(pml);
		return;
	}
	if (ptl != pml)
		spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	pte_unmap(pte);
	spin_unlock(ptl);
	if (ptl == pml)
// CHECK: :[[@LINE+1]]:3: error: 'spin_unlock' releases 'pmd_lock' of '*pml', which is not held here
		spin_unlock(pml);
// CHECK: :[[@LINE+2]]:1: warning: 'pmd_lock' of '*pml' may still be held at return (it is held on some paths only)
// CHECK: :[[@LINE-14]]:8: note: taken here
}

// mremap's move_ptes without the nested lock: on the branch where the two PTLs differ the
// destination PTL was never taken, so its unlock is of a lock not held.
static void move_without_nested(struct mm_struct *mm, pmd_t *old_pmd, pmd_t *new_pmd,
				unsigned long old_addr, unsigned long new_addr)
{
	spinlock_t *old_ptl, *new_ptl;
	pte_t *old_pte, *new_pte;
	pmd_t dummy;

	old_pte = pte_offset_map_lock(mm, old_pmd, old_addr, &old_ptl);
	if (!old_pte)
		return;
	new_pte = pte_offset_map_rw_nolock(mm, new_pmd, new_addr, &dummy, &new_ptl);
	if (!new_pte) {
		pte_unmap_unlock(old_pte, old_ptl);
		return;
	}
	if (new_ptl != old_ptl)
// CHECK: :[[@LINE+1]]:3: error: 'spin_unlock' releases 'pte_lock' of '*new_ptl', which is not held here
		spin_unlock(new_ptl);
	pte_unmap(new_pte);
	pte_unmap_unlock(old_pte, old_ptl);
}
