// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// `start_pte = pte = pte_offset_map_lock(...)` keeps the mapped table in two variables and
// tests the first: the table is locked once that test passes, so mapping and locking it
// again before unlocking (the unlock before the split forgotten) takes its lock twice.
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
		start_pte = NULL;
		split_folio(folio);
		folio_unlock(folio);
// CHECK: :[[@LINE+2]]:9: error: 'pte_offset_map_lock' takes 'pte_lock' of '*ptl', which is already held here
// CHECK: :[[@LINE-16]]:20: note: taken here
		pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
		start_pte = pte;
		if (!start_pte)
			break;
		nr = 0;
	}
	if (start_pte)
		pte_unmap_unlock(start_pte, ptl);
// CHECK: :[[@LINE+2]]:2: warning: 'pte_lock' of '*ptl' may still be held at return (it is held on some paths only)
// CHECK: :[[@LINE-26]]:20: note: taken here
	return 0;
}
