// RUN: %check %s | count 0
// cleanup.h: `scoped_guard(mmap_read_lock, mm) stmt` holds the mmap read lock in stmt only;
// the compiler releases it at the end of the statement and on every jump out of it.
int mark_in_scope(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	scoped_guard(mmap_read_lock, mm) {
		vma = find_vma(mm, addr);
		if (!vma)
			return -EFAULT;
		vma_set_atomic_flag(vma, 0);
	}
	/* Released here: taking it again is no double acquisition. */
	mmap_write_lock(mm);
	mmap_write_unlock(mm);
	return 0;
}

void one_statement(struct mm_struct *mm, struct vm_area_struct *vma)
{
	scoped_guard(mmap_read_lock, mm)
		vma_set_atomic_flag(vma, 0);
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
}

void in_a_loop(struct mm_struct *mm, struct vm_area_struct **vmas, int n)
{
	for (int i = 0; i < n; i++) {
		scoped_guard(mmap_read_lock, mm) {
			if (!vmas[i])
				continue;
			vma_set_atomic_flag(vmas[i], 0);
		}
	}
}
