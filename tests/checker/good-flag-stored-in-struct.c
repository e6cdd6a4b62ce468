// RUN: %check %s | count 0
// A flag saying whether to drop the caller's lock goes into a struct in one callee (an init
// function) and is tested in another, two calls down: the callers see it as their own
// `unlock` argument, so passing 0 keeps the lock held and passing the caller's own flag
// leaves it held exactly where that flag is clear (do_vmi_munmap's `unlock`).
struct munmap_state { bool unlock; unsigned long nr_pages; };

static void init_state(struct munmap_state *vms, bool unlock)
{
	vms->unlock = unlock;
	vms->nr_pages = 0;
}

static void complete_state(struct munmap_state *vms)
{
	struct mm_struct *mm = current->mm;

	if (vms->unlock)
		mmap_write_downgrade(mm);
	zap(mm);
	if (vms->unlock)
		mmap_read_unlock(mm);
}

static int align_munmap(struct mm_struct *mm, unsigned long start, bool unlock)
{
	struct munmap_state vms;
	int error;

	init_state(&vms, unlock);
	error = gather(&vms);
	if (error)
		return error;
	complete_state(&vms);
	return 0;
}

int vmi_munmap(struct mm_struct *mm, unsigned long start, bool unlock)
{
	if (!start) {
		if (unlock)
			mmap_write_unlock(mm);
		return 0;
	}
	return align_munmap(mm, start, unlock);
}

int vm_munmap_it(unsigned long start, bool unlock)
{
	struct mm_struct *mm = current->mm;
	int ret;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	ret = vmi_munmap(mm, start, unlock);
	if (ret || !unlock)
		mmap_write_unlock(mm);
	return ret;
}

int brk_it(unsigned long start)
{
	struct mm_struct *mm = current->mm;
	int ret;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	ret = vmi_munmap(mm, start, 0);
	if (ret)
		goto out;
	mm->map_count++;
out:
	mmap_write_unlock(mm);
	return ret;
}
