// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// An entry that takes the PMD lock on some paths and returns the flag that says which: its
// caller's test of the result tells, so returning holding it is no leak.
struct vm_fault {
	struct vm_area_struct *vma;
	pmd_t *pmd;
	spinlock_t *ptl;
};

int huge_pmd_lock_if(struct vm_fault *vmf)
{
	int locked = 0;

	if (!pmd_trans_huge(*vmf->pmd))
		return 0;
	if (pmd_present(*vmf->pmd)) {
		vmf->ptl = pmd_lock(vmf->vma->vm_mm, vmf->pmd);
		locked = 1;
	}
	return locked;
}
