// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
int install_unchecked(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr, pte_t entry)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pte_t *pte;

	mmap_read_lock(mm);
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
// CHECK: :[[@LINE+1]]:2: error: call to 'set_pte_at' (install) without 'pte_lock' (it holds 'mmap_lock' of 'vma->vm_mm' for read): entries are changed only under the lock of their table{{$}}
	set_pte_at(mm, addr, pte, entry);
	pte_unmap_unlock(pte, ptl);
	mmap_read_unlock(mm);
	return 0;
}
