// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The spec lists zap_page_range_single under 'zap', which asks for (stable) & (pte_lock@pte).
// Defined in the files checked, its body shows that it takes the PTE lock itself: its callers
// need only the rest (stable), which this caller does not hold.
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

	vma = find_vma(current->mm, addr);
	if (vma)
// CHECK: :[[@LINE+1]]:3: error: call to 'zap_page_range_single' (zap) without 'mmap_lock' of 'vma->vm_mm' for read, 'vma_lock' of 'vma' for read, 'anon_vma_lock' of 'vma->anon_vma' for read or 'i_mmap_lock' of 'vma->vm_file->f_mapping' for read (it holds none of its locks): the VMA must not change or go away while its entries are cleared{{$}}
		zap_page_range_single(vma, addr, PAGE_SIZE, NULL);
	return 0;
}
