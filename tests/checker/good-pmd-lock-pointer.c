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
