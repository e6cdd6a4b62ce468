// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The unmap helper drops the mmap lock (downgraded first) only once it cannot fail any
// more, and only when its caller passed `unlock = true`: the caller still holds the lock
// exactly where the helper returned an error, which a caller that skips the unlock then
// leaks.
struct munmap_state {
	struct mm_struct *mm;
	bool unlock;
};

static void init_munmap(struct munmap_state *ms, struct mm_struct *mm, bool unlock)
{
	ms->mm = mm;
	ms->unlock = unlock;
}

static void complete_munmap(struct munmap_state *ms)
{
	if (ms->unlock)
		mmap_write_downgrade(ms->mm);
	free_range(ms->mm);
	if (ms->unlock)
		mmap_read_unlock(ms->mm);
}

static int align_munmap(struct mm_struct *mm, unsigned long start, unsigned long end, bool unlock)
{
	struct munmap_state ms;
	int error;

	init_munmap(&ms, mm, unlock);
	error = gather_range(mm, start, end);
	if (error)
		goto gather_failed;
	complete_munmap(&ms);
	return 0;

gather_failed:
	return error;
}

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long oldbrk;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	oldbrk = mm->brk;
	if (brk <= oldbrk) {
		mm->brk = brk;
		align_munmap(mm, brk, oldbrk, /* unlock = */ true);
		goto success_unlocked;
	}
	if (grow_range(mm, oldbrk, brk) < 0)
		goto out;
	mm->brk = brk;
	mmap_write_unlock(mm);
success_unlocked:
// CHECK: :[[@LINE+1]]:2: warning: 'mmap_lock' of 'current->mm' may still be held at return (it is held on some paths only){{$}}
	return brk;

out:
	mmap_write_unlock(mm);
	return oldbrk;
}
