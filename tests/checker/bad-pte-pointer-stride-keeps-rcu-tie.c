// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The walk keeps the pointer inside its table, so the RCU section is still open after the
// loop: leaving without unmapping the table leaves it open.
void count_present(struct mm_struct *mm, pmd_t *pmd, unsigned long addr, unsigned long end,
		   int *count)
{
	pte_t *pte;
	pmd_t pmdval;
	spinlock_t *ptl;
	int n = 0;

	pte = pte_offset_map_rw_nolock(mm, pmd, addr, &pmdval, &ptl);
	if (!pte)
		return;
	do {
		if (pte_present(ptep_get(pte)))
			n++;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	*count = n;
// CHECK: :[[@LINE+1]]:1: error: 'rcu' is still held at return{{$}}
}
