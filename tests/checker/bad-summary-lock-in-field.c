// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A lookup that stores the table lock it returns holding in its argument: a caller that
// leaves without the matching end function leaks whichever lock the field points at.
struct lookup {
	struct vm_area_struct *vma;
	spinlock_t *lock;
};

static void lookup_set(struct lookup *lk, spinlock_t *lock)
{
	lk->lock = lock;
}

int lookup_start(struct lookup *lk, pmd_t *pmdp, unsigned long addr)
{
	struct mm_struct *mm = lk->vma->vm_mm;
	spinlock_t *lock;
	pte_t *ptep;

	if (pmd_leaf(*pmdp)) {
		lock = pmd_lock(mm, pmdp);
		lookup_set(lk, lock);
		return 0;
	}
	ptep = pte_offset_map_lock(mm, pmdp, addr, &lock);
	if (!ptep)
		return -EINVAL;
	lookup_set(lk, lock);
	return 0;
}

void lookup_end(struct lookup *lk)
{
	if (lk->lock)
		spin_unlock(lk->lock);
}

static int lookup_user(struct vm_area_struct *vma, pmd_t *pmdp, unsigned long addr, int early)
{
	struct lookup lk = { .vma = vma };

	if (lookup_start(&lk, pmdp, addr))
		return -EINVAL;
	if (early)
// CHECK: :[[@LINE+2]]:3: warning: 'pmd_lock' of '*lk.lock' may still be held at return
// CHECK: :[[@LINE+1]]:3: warning: 'pte_lock' of '*lk.lock' may still be held at return
		return -EAGAIN;
	lookup_end(&lk);
	return 0;
}
