// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// `start_pte = pte = pte_offset_map_lock(...)` keeps the mapped table in two variables and
// tests the first: the table is locked once that test passes, and unlocked before the
// folio is split and the table mapped and locked again.
static int free_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
			  struct mm_walk *walk)
{
	struct mm_struct *mm = walk->mm;
	spinlock_t *ptl;
	pte_t *start_pte, *pte;
	int nr;

	start_pte = pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!start_pte)
		return 0;
	for (; addr != end; pte += nr, addr += PAGE_SIZE * nr) {
		struct folio *folio;

		nr = 1;
		folio = vm_normal_folio(walk->vma, addr, ptep_get(pte));
		if (!folio || !folio_test_large(folio))
			continue;
		if (!folio_trylock(folio))
			continue;
		pte_unmap_unlock(start_pte, ptl);
		start_pte = NULL;
		split_folio(folio);
		folio_unlock(folio);
		pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
		start_pte = pte;
		if (!start_pte)
			break;
		nr = 0;
	}
	if (start_pte)
		pte_unmap_unlock(start_pte, ptl);
	return 0;
}
