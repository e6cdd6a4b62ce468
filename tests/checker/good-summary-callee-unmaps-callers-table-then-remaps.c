// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// The fault handler maps the PTE table into vmf->pte inside an RCU section and hands it to
// a helper that unmaps it on every path: before it maps the table again (out_map reached
// by a goto), the field still holds the caller's table, so that unmap ends the caller's
// section too; after the new map, the section being ended is the helper's own.
static vm_fault_t fix_protnone(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	spin_lock(vmf->ptl);
	if (unlikely(!pte_same(ptep_get(vmf->pte), vmf->orig_pte))) {
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		return 0;
	}
	if (!worth_moving(vma))
		goto out_map;
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	if (!move_folio(vma))
		return 0;
	vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (unlikely(!vmf->pte))
		return 0;
out_map:
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
