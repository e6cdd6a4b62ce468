// RUN: %check %s | count 0
// The kernel's own page tables are populated under init_mm's page_table_lock, named through
// the global struct (`&init_mm.page_table_lock`) rather than a pointer to it: the same lock
// as `&mm->page_table_lock` of `mm == &init_mm`, taken and released in pairs.
int kernel_table_alloc(pmd_t *pmd)
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
	spin_unlock(&init_mm.page_table_lock);
	if (new)
		pte_free_kernel(&init_mm, new);
	return 0;
}
