// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A helper declared `__releases(ptl)` drops whatever lock its caller passes; the fault path
// hands it the PTE lock it took through `vmf->ptl` on one path and forgets it on the other.
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;
	pmd_t *pmd;
	pte_t *pte;
	pte_t orig_pte;
	spinlock_t *ptl;
};

void entry_wait_on_locked(softleaf_t entry, spinlock_t *ptl)
	__releases(ptl)
{
	struct folio *folio = softleaf_to_folio(entry);

	if (!folio_try_get(folio)) {
		spin_unlock(ptl);
		return;
	}
	spin_unlock(ptl);
	folio_wait_bit(folio, PG_locked);
	folio_put(folio);
}

static vm_fault_t swap_fault(struct vm_fault *vmf, softleaf_t entry)
{
	vmf->pte = pte_offset_map_lock(vmf->vma->vm_mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (!vmf->pte)
		return 0;
	if (!pte_same(ptep_get(vmf->pte), vmf->orig_pte)) {
		pte_unmap(vmf->pte);
		return VM_FAULT_RETRY;
	}
	pte_unmap(vmf->pte);
	entry_wait_on_locked(entry, vmf->ptl);
	return 0;
}

SYSCALL_DEFINE2(swap_wait, unsigned long, address, pmd_t *, pmd)
{
	struct vm_fault vmf = { .vma = find_vma(current->mm, address), .address = address, .pmd = pmd };

	mmap_read_lock(current->mm);
	swap_fault(&vmf, softleaf_from_pte(vmf.orig_pte));
	mmap_read_unlock(current->mm);
// CHECK: :[[@LINE+2]]:2: warning: 'pte_lock' of '*vmf.ptl' may still be held at return (it is held on some paths only) (through swap_wait -> swap_fault){{$}}
// CHECK: :[[@LINE-3]]:2: note: taken here
	return 0;
}
