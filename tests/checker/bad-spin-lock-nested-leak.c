// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A lock taken with spin_lock_nested must be released like any other.
void install_nested_leak(struct vm_area_struct *vma, pte_t *dst, unsigned long addr, pte_t entry)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl = ptep_lockptr(mm, dst);

	mmap_read_lock(mm);
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	set_pte_at(mm, addr, dst, entry);
	mmap_read_unlock(mm);
// CHECK: :[[@LINE+2]]:1: error: 'pte_lock' of '*ptl' is still held at return
// CHECK: :[[@LINE-4]]:2: note: taken here
}

// move_normal_pmd without the matching "if (new_ptl != old_ptl) spin_unlock(new_ptl)": the
// nested lock is held on one path, so it may still be held at return.
bool move_pmd_leak(struct vm_area_struct *vma, pmd_t *old_pmd, pmd_t *new_pmd)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *old_ptl, *new_ptl;

	old_ptl = pmd_lock(mm, old_pmd);
	new_ptl = pmd_lockptr(mm, new_pmd);
	if (new_ptl != old_ptl)
		spin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);
	set_pmd_at(mm, 0, new_pmd, pmdp_get(old_pmd));
	spin_unlock(old_ptl);
// CHECK: :[[@LINE+2]]:2: warning: 'pmd_lock' of '*new_ptl' may still be held at return (it is held on some paths only)
// CHECK: :[[@LINE-4]]:3: note: taken here
	return true;
}
