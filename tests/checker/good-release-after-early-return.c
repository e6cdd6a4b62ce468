// RUN: %check %s | count 0
// An upper table is allocated before the lock is taken and freed on failure, so the early
// return holds nothing and every later path releases the lock it took; a debug check in a
// block of its own enters and leaves an RCU read section.
int p4d_alloc_slow(struct mm_struct *mm, pgd_t *pgd, unsigned long address)
{
	p4d_t *new = p4d_alloc_one(mm, address);
	if (!new)
		return -ENOMEM;

	spin_lock(&mm->page_table_lock);
	if (pgd_present(*pgd))
		p4d_free(mm, new);
	else
		pgd_populate(mm, pgd, new);
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

		rcu_read_lock();
		vma_test = mas_find(&test, vms->vma_count - 1);
		BUG_ON(!vma_test);
		rcu_read_unlock();
	}
	return 0;
}
