// RUN: %check %s | count 0
// Summaries across functions: a helper's requirement is met by its caller; a helper that
// returns holding the lock (as its result says) is unlocked by its caller; a helper that
// drops its caller's lock is taken into account.
static struct vm_area_struct *find_locked(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	if (mmap_read_lock_killable(mm))
		return NULL;
	vma = find_vma(mm, addr);
	if (!vma) {
		mmap_read_unlock(mm);
		return NULL;
	}
	return vma;
}

static void mark(struct vm_area_struct *vma, vma_flag_t bit)
{
	vma_set_atomic_flag(vma, bit);
}

static void set_flags(struct vm_area_struct *vma, vm_flags_t flags)
{
	vm_flags_set(vma, flags);
}

static void drop(struct mm_struct *mm)
{
	mmap_read_unlock(mm);
}

SYSCALL_DEFINE2(zapone, unsigned long, addr, int, flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = find_locked(mm, addr);

	if (!vma)
		return -EINTR;
	mark(vma, flags);
	drop(mm);
	mmap_write_lock(mm);
	set_flags(vma, flags);
	mmap_write_unlock(mm);
	return 0;
}
