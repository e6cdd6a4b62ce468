// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Without its spin_lock, the unlock that every successful path reaches releases a lock the
// function never takes, in the body or in a plain block of its own: an early return on
// failure does not make it the caller's.
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

int gather_checked(struct vma_munmap_struct *vms, struct ma_state *mas_detach)
{
	if (vms->vma_count == 0)
		return -EINVAL;
	{
		MA_STATE(test, mas_detach->tree, 0, 0);
		struct vm_area_struct *vma_test;

		vma_test = mas_find(&test, vms->vma_count - 1);
		BUG_ON(!vma_test);
// CHECK: :[[@LINE+1]]:3: error: 'rcu_read_unlock' releases 'rcu', which this function never takes and no caller in the files checked holds
		rcu_read_unlock();
	}
	return 0;
}
