// RUN: %check %s | count 0
// A fault helper takes the PTE lock through vmf->ptl, which its caller only looked up: the
// helper's own pte_unmap_unlock() says the pointer is a PTE table's lock, and every path
// drops it.
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;
	pmd_t *pmd;
	pte_t *pte;
	pte_t orig_pte;
	spinlock_t *ptl;
};

static vm_fault_t numa_fault(struct vm_fault *vmf)
{
	pte_t old_pte;

	spin_lock(vmf->ptl);
	old_pte = ptep_get(vmf->pte);
	if (unlikely(!pte_same(old_pte, vmf->orig_pte))) {
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		return 0;
	}
	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, pte_mkyoung(old_pte));
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return 0;
}

SYSCALL_DEFINE2(numa_touch, unsigned long, address, pmd_t *, pmd)
{
	struct vm_fault vmf = { .vma = find_vma(current->mm, address), .address = address, .pmd = pmd };
	pmd_t pmdval;

	mmap_read_lock(current->mm);
	vmf.pte = pte_offset_map_rw_nolock(current->mm, pmd, address, &pmdval, &vmf.ptl);
	if (vmf.pte) {
		vmf.orig_pte = ptep_get_lockless(vmf.pte);
		numa_fault(&vmf);
	}
	mmap_read_unlock(current->mm);
	return 0;
}
