// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// Called with the source PMD's lock held: one function releases it on every return, the
// other keeps it exactly where it returns -EAGAIN, so the caller knows from the result.
int move_huge_entry(struct mm_struct *mm, pmd_t *src_pmd, unsigned long src_addr)
{
	spinlock_t *src_ptl = pmd_lockptr(mm, src_pmd);
	pmd_t src_pmdval = *src_pmd;

	lockdep_assert_held(src_ptl);
	if (WARN_ON_ONCE(src_addr & ~HPAGE_PMD_MASK)) {
		spin_unlock(src_ptl);
		return -EINVAL;
	}
	if (!pmd_trans_huge(src_pmdval)) {
		spin_unlock(src_ptl);
		return -EINVAL;
	}
	move_entry_locked(mm, src_pmd, src_addr);
	spin_unlock(src_ptl);
	return 0;
}

int try_move_huge_entry(struct mm_struct *mm, pmd_t *src_pmd, unsigned long src_addr)
{
	spinlock_t *src_ptl = pmd_lockptr(mm, src_pmd);

	lockdep_assert_held(src_ptl);
	if (!pmd_trans_huge(*src_pmd))
		return -EAGAIN;
	move_entry_locked(mm, src_pmd, src_addr);
	spin_unlock(src_ptl);
	return 0;
}
