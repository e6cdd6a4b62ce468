// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
int install_unchecked(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr, pte_t entry)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pte_t *pte;

	mmap_read_lock(mm);
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
// CHECK: :[[@LINE+1]]:2: error: call to 'set_pte_at' without the locks operation 'install' requires
	set_pte_at(mm, addr, pte, entry);
	pte_unmap_unlock(pte, ptl);
	mmap_read_unlock(mm);
	return 0;
}
