// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-flag-stored-in-struct.c with brk_it asking the unmap to drop the lock (`unlock` 1):
// the write after it is without the lock.  (The unlock at the end is of a lock held on some
// paths: a callee told to drop it may fail before it does.)
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
	ret = vmi_munmap(mm, start, 1);
	if (ret)
		goto out;
// CHECK: :[[@LINE+1]]:2: error: write to 'mm->map_count' (mm_struct.map_count) without 'mmap_lock' of 'current->mm' for write
	mm->map_count++;
out:
	mmap_write_unlock(mm);
	return ret;
}
