// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// A lookup that returns holding a table's lock stores the lock pointer in its argument,
// through a helper; the matching end function releases whatever lock the field points at.
struct lookup {
	struct vm_area_struct *vma;
	spinlock_t *lock;
	pte_t *ptep;
};

static void lookup_set(struct lookup *lk, spinlock_t *lock, pte_t *ptep)
{
	lk->lock = lock;
	lk->ptep = ptep;
}

int lookup_start(struct lookup *lk, pmd_t *pmdp, unsigned long addr)
{
	struct mm_struct *mm = lk->vma->vm_mm;
	spinlock_t *lock;
	pte_t *ptep;

	if (pmd_leaf(*pmdp)) {
		lock = pmd_lock(mm, pmdp);
		if (!pmd_present(*pmdp)) {
			spin_unlock(lock);
			return -EINVAL;
		}
		lookup_set(lk, lock, NULL);
		return 0;
	}
	ptep = pte_offset_map_lock(mm, pmdp, addr, &lock);
	if (!ptep)
		return -EINVAL;
	lookup_set(lk, lock, ptep);
	return 0;
}

void lookup_end(struct lookup *lk)
{
	if (lk->lock)
		spin_unlock(lk->lock);
	if (lk->ptep)
		pte_unmap(lk->ptep);
}

static int lookup_user(struct vm_area_struct *vma, pmd_t *pmdp, unsigned long addr)
{
	struct lookup lk = { .vma = vma };

	if (lookup_start(&lk, pmdp, addr))
		return -EINVAL;
	lookup_end(&lk);
	return 0;
}
