// Mutation tool fixture (mutate_test.py): kernel-style code written for the test, one
// function per mutation kind, and a lock the spec does not know.

static void fixture_change(struct mm_struct *mm, struct vm_area_struct *vma)
{
	mmap_write_lock(mm);
	vma_start_write(vma);
	anon_vma_lock_write(vma->anon_vma);
	fixture_update(vma, "mmap_read_lock(mm);"); /* mmap_read_lock(mm); */
	anon_vma_unlock_write(vma->anon_vma);
	mmap_write_unlock(mm);
}

static int fixture_count(struct mm_struct *mm, struct driver *drv)
{
	int n;

	spin_lock(&drv->lock);
	spin_lock(&mm->page_table_lock);
	n = drv->count;
	spin_unlock(&mm->page_table_lock);
	spin_unlock(&drv->lock);
	return n;
}
