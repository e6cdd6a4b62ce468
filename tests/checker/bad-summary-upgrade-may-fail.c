// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The upgrade helper may succeed without the write lock: after the join only a read hold or
// a write hold is known, which does not meet a write requirement.
static inline bool upgrade_trylock(struct mm_struct *mm)
{
	return atomic_long_try_cmpxchg_acquire(&mm->count, 1, 2);
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
// CHECK: :[[@LINE+1]]:2: error: call to 'vm_flags_set' (change_vma_flags) without 'mmap_lock' of 'vma->vm_mm' for write (it holds none of its locks): the helpers write-lock the VMA themselves, which needs the mmap write lock{{$}}
	vm_flags_set(vma, VM_GROWSDOWN);
	mmap_write_downgrade(mm);
	return vma;
fail:
	mmap_write_unlock(mm);
	return NULL;
}
