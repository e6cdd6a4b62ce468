// RUN: %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The spec lists zap_page_range_single under 'zap', which asks for (stable) & (pte_lock@pte).
// Defined in the files checked, its body shows that it takes the PTE lock itself: its callers
// need only the rest (stable: here the mmap read lock).
void zap_page_range_single(struct vm_area_struct *vma, unsigned long addr, unsigned long size,
			   struct zap_details *details)
{
	spinlock_t *ptl;
// CHECK: :[[@LINE+1]]:15: note: call to 'pte_offset_map_lock' is allowed by operation 'traverse' only if 'irqs_disabled' holds
	pte_t *pte = pte_offset_map_lock(vma->vm_mm, pmd_off(vma->vm_mm, addr), addr, &ptl);

	if (!pte)
		return;
	pte_clear(vma->vm_mm, addr, pte);
	pte_unmap_unlock(pte, ptl);
}

SYSCALL_DEFINE1(zapone, unsigned long, addr)
{
	struct vm_area_struct *vma;

	mmap_read_lock(current->mm);
	vma = find_vma(current->mm, addr);
	if (vma)
		zap_page_range_single(vma, addr, PAGE_SIZE, NULL);
	mmap_read_unlock(current->mm);
	return 0;
}
