// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// A fault helper that drops its caller's PTE lock on every path, whatever it returns: no
// caller is left holding it.
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;
	unsigned int flags;
	pmd_t *pmd;
	pte_t *pte;
	spinlock_t *ptl;
};

static vm_fault_t wp_page(struct vm_fault *vmf)
{
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	if (vmf->flags & FAULT_FLAG_UNSHARE)
		return 0;
	return wp_page_copy(vmf);
}

static vm_fault_t pte_fault(struct vm_fault *vmf)
{
	vmf->pte = pte_offset_map_lock(vmf->vma->vm_mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (!vmf->pte)
		return 0;
	if (vmf->flags & FAULT_FLAG_WRITE)
		return wp_page(vmf);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return 0;
}

SYSCALL_DEFINE1(fault_in, unsigned long, address)
{
	struct vm_fault vmf = { .vma = find_vma(current->mm, address), .address = address };

	mmap_read_lock(current->mm);
	pte_fault(&vmf);
	mmap_read_unlock(current->mm);
	return 0;
}

vm_fault_t fault_write_locked(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address)
{
	struct vm_fault vmf = { .vma = vma, .pmd = pmd, .address = address };

	vmf.pte = pte_offset_map_lock(vma->vm_mm, pmd, address, &vmf.ptl);
	if (!vmf.pte)
		return 0;
	return wp_page(&vmf);
}
