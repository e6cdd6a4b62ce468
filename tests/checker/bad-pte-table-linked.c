// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A PTE table reached through a copy of a live PMD entry is linked: other threads reach it,
// and changing its entries needs its lock, even through a local copy of the entry.
static void fill_live(struct vm_area_struct *vma, unsigned long haddr, pmd_t *pmd)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t pmdval = pmdp_get(pmd);
	pte_t *pte;
	int i;

	pte = pte_offset_map(&pmdval, haddr);
	for (i = 0; i < 512; i++)
		set_pte_at(mm, haddr + i * PAGE_SIZE, pte + i, pfn_pte(0, vma->vm_page_prot));
	pte_unmap(pte);
}

SYSCALL_DEFINE2(fill, unsigned long, addr, pmd_t *, pmd)
{
	struct vm_area_struct *vma;

	mmap_read_lock(current->mm);
	vma = find_vma(current->mm, addr);
// CHECK: :[[@LINE+2]]:2: error: call to 'fill_live' without 'pte_lock' (it holds 'mmap_lock' of 'current->mm' for read), which no caller in the files checked takes
// CHECK: note: needed by
	fill_live(vma, addr, pmd);
	mmap_read_unlock(current->mm);
	return 0;
}
