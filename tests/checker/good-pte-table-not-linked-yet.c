// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// Entries of a PTE table reached through a PMD entry built in the function's own frame are
// filled before the table is linked into the page tables: no other thread can reach it, so
// its lock is not needed (the split of a huge PMD fills the withdrawn table so).
static void fill_table(struct vm_area_struct *vma, unsigned long haddr, pmd_t *pmd,
		       pgtable_t pgtable)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t _pmd;
	pte_t *pte;
	int i;

	pmd_populate(mm, &_pmd, pgtable);
	pte = pte_offset_map(&_pmd, haddr);
	for (i = 0; i < 512; i++)
		set_pte_at(mm, haddr + i * PAGE_SIZE, pte + i, pfn_pte(0, vma->vm_page_prot));
	pte_unmap(pte);
	pmd_populate(mm, pmd, pgtable);
}

SYSCALL_DEFINE2(fill, unsigned long, addr, pmd_t *, pmd)
{
	struct vm_area_struct *vma;

	mmap_read_lock(current->mm);
	vma = find_vma(current->mm, addr);
	fill_table(vma, addr, pmd, NULL);
	mmap_read_unlock(current->mm);
	return 0;
}
