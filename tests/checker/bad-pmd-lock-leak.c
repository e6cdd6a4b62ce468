// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
int huge(struct vm_area_struct *vma, pmd_t *pmd)
{
	spinlock_t *ptl = pmd_trans_huge_lock(pmd, vma);

	if (!ptl)
		return 0;
	if (!pmd_present(*pmd))
// CHECK: :[[@LINE+1]]:3: error: 'pmd_lock' of '*ptl' is still held at return
		return -EAGAIN;
	spin_unlock(ptl);
	return 1;
}
