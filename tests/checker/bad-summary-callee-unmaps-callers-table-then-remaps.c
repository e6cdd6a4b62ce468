// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The helper leaves the caller's table mapped on one path (it returns before out_map's
// unmap): after the call the caller's RCU section may still be open.
static vm_fault_t fix_protnone(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	if (!worth_moving(vma))
		return 0;
	spin_lock(vmf->ptl);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	if (!move_folio(vma))
		return 0;
	vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (unlikely(!vmf->pte))
		return 0;
	rebuild_entry(vmf, vma);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return 0;
}

static vm_fault_t handle_entry(struct vm_fault *vmf)
{
	pmd_t dummy_pmdval;

	vmf->pte = pte_offset_map_rw_nolock(vmf->vma->vm_mm, vmf->pmd, vmf->address,
					    &dummy_pmdval, &vmf->ptl);
	if (unlikely(!vmf->pte))
		return 0;
	vmf->orig_pte = ptep_get_lockless(vmf->pte);
	if (pte_protnone(vmf->orig_pte))
// CHECK: :[[@LINE+1]]:3: warning: 'rcu' may still be held at return (it is held on some paths only), released on some paths only (through handle_entry -> fix_protnone){{$}}
		return fix_protnone(vmf);
	pte_unmap(vmf->pte);
	return 0;
}

vm_fault_t handle_fault(struct vm_area_struct *vma, unsigned long address)
{
	struct vm_fault vmf = { .vma = vma, .address = address };

	vmf.pmd = find_pmd(vma, address);
	return handle_entry(&vmf);
}
