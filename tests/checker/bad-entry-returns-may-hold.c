// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A fault handler that code outside the files may call: one branch forgets to drop the PMD
// lock, and `return ret;` does not tell its caller which branch ran.  Nor does returning a
// helper's result when the helper may hold the lock whatever it returns.
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;
	pmd_t *pmd;
	spinlock_t *ptl;
};

static vm_fault_t huge_anon_alloc(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct folio *folio;

	folio = vma_alloc_anon_folio_pmd(vma, vmf->address);
	if (unlikely(!folio))
		return VM_FAULT_FALLBACK;
	vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd);
	if (userfaultfd_missing(vma)) {
		folio_put(folio);
		return handle_userfault(vmf, VM_UFFD_MISSING);
	}
	map_anon_folio_pmd_pf(folio, vmf->pmd, vma, vmf->address);
	spin_unlock(vmf->ptl);
	return 0;
}

vm_fault_t huge_anon_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	vm_fault_t ret;

	if (!thp_vma_suitable_order(vma, vmf->address, PMD_ORDER))
		return VM_FAULT_FALLBACK;
	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd);
		ret = check_stable_address_space(vma->vm_mm);
		if (ret) {
			spin_unlock(vmf->ptl);
		} else if (userfaultfd_missing(vma)) {
			ret = handle_userfault(vmf, VM_UFFD_MISSING);
		} else {
			set_huge_zero_folio(vma->vm_mm, vma, vmf->address, vmf->pmd);
			spin_unlock(vmf->ptl);
		}
// CHECK: :[[@LINE+2]]:3: warning: 'pmd_lock' of '*vmf->ptl' may still be held at return (it is held on some paths only){{$}}
// CHECK: :[[@LINE-11]]:14: note: taken here
		return ret;
	}
// CHECK: :[[@LINE+2]]:2: warning: 'pmd_lock' of '*vmf->ptl' may still be held at return (it is held on some paths only) (through huge_anon_fault -> huge_anon_alloc){{$}}
// CHECK: :[[@LINE+1]]:9: note: taken here
	return huge_anon_alloc(vmf);
}
