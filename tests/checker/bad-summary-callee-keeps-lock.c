// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A fault helper that must drop its caller's PTE lock forgets it on one path: where the
// lock is left held, the finding names the calls down to the helper that kept it.
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
	if (vmf->flags & FAULT_FLAG_UNSHARE)
		return 0;
	pte_unmap_unlock(vmf->pte, vmf->ptl);
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
// CHECK: :[[@LINE+2]]:2: warning: 'pte_lock' of '*vmf.ptl' may still be held at return (it is held on some paths only) (through fault_in -> pte_fault -> wp_page){{$}}
// CHECK: :[[@LINE-3]]:2: note: taken here
	return 0;
}

vm_fault_t fault_write_locked(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address)
{
	struct vm_fault vmf = { .vma = vma, .pmd = pmd, .address = address };

	vmf.pte = pte_offset_map_lock(vma->vm_mm, pmd, address, &vmf.ptl);
	if (!vmf.pte)
		return 0;
// CHECK: :[[@LINE+2]]:2: warning: 'pte_lock' of '*vmf.ptl' may still be held at return (it is held on some paths only), released on some paths only (through fault_write_locked -> wp_page){{$}}
// CHECK: :[[@LINE-4]]:12: note: taken here
	return wp_page(&vmf);
}
