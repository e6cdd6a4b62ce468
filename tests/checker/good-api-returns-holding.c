// RUN: %check %s | count 0
// A function the spec declares as returning with the lock held (pmd_lock) is not a leak.
spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd)
{
	spinlock_t *ptl = pmd_lockptr(mm, pmd);

	spin_lock(ptl);
	return ptl;
}
