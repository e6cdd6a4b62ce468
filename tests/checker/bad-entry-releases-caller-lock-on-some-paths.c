// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Called with the source PMD's lock held, it must return having released it; one early
// return forgets to, and its error code is one the other returns give with the lock
// released, so the caller cannot tell whether it still holds the lock.
int move_huge_entry(struct mm_struct *mm, pmd_t *src_pmd, unsigned long src_addr)
{
	spinlock_t *src_ptl = pmd_lockptr(mm, src_pmd);
	pmd_t src_pmdval = *src_pmd;

	lockdep_assert_held(src_ptl);
	if (WARN_ON_ONCE(src_addr & ~HPAGE_PMD_MASK))
// CHECK: :[[@LINE+1]]:3: warning: 'pmd_lock' of '*src_ptl' is still held at return, where other returns release it for the caller (no result or flag tells which){{$}}
		return -EINVAL;
	if (!pmd_trans_huge(src_pmdval)) {
		spin_unlock(src_ptl);
		return -EINVAL;
	}
	move_entry_locked(mm, src_pmd, src_addr);
	spin_unlock(src_ptl);
	return 0;
}
