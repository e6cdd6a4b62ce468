// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// An entry installed from an rmap walk: the anon_vma lock and the PTL are held, which the
// spec rejects for install.  The finding says what is held and gives the rejection's reason,
// not the general reason of the clause that is not met.  (Static and uncalled: a root, so the
// finding is here rather than a contract for callers outside the file.)
static int install_from_rmap(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr, pte_t entry)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pte_t *pte;

	anon_vma_lock_write(vma->anon_vma);
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte) {
		anon_vma_unlock_write(vma->anon_vma);
		return -EAGAIN;
	}
// CHECK: :[[@LINE+2]]:2: error: call to 'set_pte_at' (install) without 'mmap_lock' for read or 'vma_lock' for read (it holds 'anon_vma_lock' of 'vma->anon_vma' for write and 'pte_lock' of '*ptl'): an rmap lock alone does not keep the range from reaching free_pgtables between the zap and the table teardown, so an entry installed then would be freed from under its mapping{{$}}
// CHECK: note: operation 'install' requires (any { mmap_lock: mmap_lock.read; vma_lock: vma_lock.read; }) & (pte_lock@pte); any of these would do:
	set_pte_at(mm, addr, pte, entry);
	pte_unmap_unlock(pte, ptl);
	anon_vma_unlock_write(vma->anon_vma);
	return 0;
}
