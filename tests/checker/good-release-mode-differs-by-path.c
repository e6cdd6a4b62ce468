// RUN: %check %s | count 0
// Every path reaches the label holding the mmap write lock, whichever way it got there, so
// the write unlock there fits all of them.  A function that takes the read lock itself or
// else relies on its caller's write lock (an assert) releases only what it took, under the
// same test: the asserted mode is not one it ends.
void exit_like(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	mmap_read_lock(mm);
	vma = vma_next(&vmi);
	if (!vma) {
		mmap_read_unlock(mm);
		mmap_write_lock(mm);
		goto destroy;
	}
	flush_cache_mm(mm);
	mmap_read_unlock(mm);

	mmap_write_lock(mm);
	mt_clear_in_rcu(&mm->mm_mt);

destroy:
	__mt_destroy(&mm->mm_mt);
	mmap_write_unlock(mm);
}

static void walk_maybe_locked(struct mm_struct *mm, unsigned long start, bool take_locks)
{
	struct vm_area_struct *vma;

	if (take_locks)
		mmap_read_lock(mm);
	else
		mmap_assert_write_locked(mm);
	vma = find_vma(mm, start);
	if (vma)
		flush_cache_range(vma, start, vma->vm_end);
	if (take_locks)
		mmap_read_unlock(mm);
}

void walk_all(struct mm_struct *mm)
{
	walk_maybe_locked(mm, 0, true);
}
