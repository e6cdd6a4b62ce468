// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Without its spin_lock, the unlock that every successful path reaches releases a lock the
// function never takes: an early return on failure does not make it the caller's.
int p4d_alloc_slow(struct mm_struct *mm, pgd_t *pgd, unsigned long address)
{
	p4d_t *new = p4d_alloc_one(mm, address);
	if (!new)
		return -ENOMEM;

	if (pgd_present(*pgd))
		p4d_free(mm, new);
	else
		pgd_populate(mm, pgd, new);
// CHECK: :[[@LINE+1]]:2: error: 'spin_unlock' releases 'page_table_lock' of 'mm', which this function never takes and no caller in the files checked holds
	spin_unlock(&mm->page_table_lock);
	return 0;
}
