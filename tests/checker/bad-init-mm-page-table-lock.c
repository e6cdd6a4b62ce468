// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-init-mm-page-table-lock.c with the lock call dropped, and with the unlock dropped:
// init_mm's page_table_lock named through the global struct is still a lock the checker
// pairs.
int kernel_table_alloc_unlocked(pmd_t *pmd)
{
	pte_t *new = pte_alloc_one_kernel(&init_mm);

	if (!new)
		return -ENOMEM;

	if (likely(pmd_none(*pmd))) {
		smp_wmb();
		pmd_populate_kernel(&init_mm, pmd, new);
		new = NULL;
	}
// CHECK: :[[@LINE+1]]:2: error: 'spin_unlock' releases 'page_table_lock' of '&init_mm', which this function never takes and no caller in the files checked holds
	spin_unlock(&init_mm.page_table_lock);
	if (new)
		pte_free_kernel(&init_mm, new);
	return 0;
}

int kernel_table_alloc_leak(pmd_t *pmd)
{
	pte_t *new = pte_alloc_one_kernel(&init_mm);

	if (!new)
		return -ENOMEM;

	spin_lock(&init_mm.page_table_lock);
	if (likely(pmd_none(*pmd))) {
		smp_wmb();
		pmd_populate_kernel(&init_mm, pmd, new);
		new = NULL;
	}
	if (new)
		pte_free_kernel(&init_mm, new);
// CHECK: :[[@LINE+1]]:2: error: 'page_table_lock' of '&init_mm' is still held at return
	return 0;
}
