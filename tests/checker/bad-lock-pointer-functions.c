// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// What a lock-pointer function gives is a lock not yet taken: writing before spin_lock(), or
// unlocking it twice, or never, is reported on it.

void pte_fault_unlocked(struct vm_fault *vmf, pte_t entry)
{
	struct vm_area_struct *vma = vmf->vma;

	mmap_read_lock(vma->vm_mm);
	vmf->ptl = pte_lockptr(vma->vm_mm, vmf->pmd);
// CHECK: :[[@LINE+1]]:2: error: call to 'set_pte_at' (install) without 'pte_lock' (it holds 'mmap_lock' of 'vmf->vma->vm_mm' for read): entries are changed only under the lock of their table
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
	spin_lock(vmf->ptl);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
// CHECK: :[[@LINE+1]]:2: error: 'spin_unlock' releases 'pte_lock' of '*vmf->ptl', which is not held here
	spin_unlock(vmf->ptl);
	mmap_read_unlock(vma->vm_mm);
}

int install_rw_nolock_leak(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr, pte_t entry)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pmd_t pmdval;
	pte_t *pte;

	pte = pte_offset_map_rw_nolock(mm, pmd, addr, &pmdval, &ptl);
	if (!pte)
		return -EAGAIN;
	spin_lock(ptl);
	pte_unmap(pte);
// CHECK: :[[@LINE+2]]:2: error: 'pte_lock' of '*ptl' is still held at return
// CHECK: :[[@LINE-3]]:2: note: taken here
	return 0;
}
