// RUN: %check %s | count 0
// A helper of the files checked that only ever returns false makes the branch needing it true
// dead; a helper that drops the caller's read hold and returns holding the write lock as its
// result says hands the caller a write hold (not the read hold back).
static inline bool upgrade_trylock(struct mm_struct *mm)
{
	/* not implemented */
	return false;
}

static inline bool upgrade_carefully(struct mm_struct *mm, struct pt_regs *regs)
{
	mmap_read_unlock(mm);
	if (regs && !user_mode(regs))
		return false;
	return !mmap_write_lock_killable(mm);
}

struct vm_area_struct *lock_and_grow(struct mm_struct *mm, unsigned long addr, struct pt_regs *regs)
{
	struct vm_area_struct *vma;

	if (!mmap_read_trylock(mm))
		return NULL;
	vma = find_vma(mm, addr);
	if (!upgrade_trylock(mm)) {
		if (!upgrade_carefully(mm, regs))
			return NULL;
		vma = find_vma(mm, addr);
		if (!vma)
			goto fail;
	}
	vm_flags_set(vma, VM_GROWSDOWN);
	mmap_write_downgrade(mm);
	return vma;
fail:
	mmap_write_unlock(mm);
	return NULL;
}
