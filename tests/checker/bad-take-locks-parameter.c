// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-take-locks-parameter.c with the helper's unlock tested the wrong way round: it
// releases the caller's lock and keeps the one it took, so the hold at its return is not
// the caller's kept.
static void unshare_range(struct vm_area_struct *vma, unsigned long start, bool take_locks)
{
	struct address_space *mapping = vma->vm_file->f_mapping;

	if (take_locks)
		i_mmap_lock_write(mapping);
	else
		i_mmap_assert_write_locked(mapping);
	flush_range(vma, start);
	if (!take_locks)
		i_mmap_unlock_write(mapping);
}

static void split_locked(struct vm_area_struct *vma, unsigned long start)
{
	unshare_range(vma, start, /* take_locks = */ false);
}

int set_ctx(struct vm_area_struct *vma, unsigned long start)
{
	if (start & 1)
		unshare_range(vma, start, /* take_locks = */ true);
// CHECK: :[[@LINE+1]]:2: warning: 'i_mmap_lock' of 'vma->vm_file->f_mapping' may still be held at return
	return 0;
}

int split(struct vm_area_struct *vma, unsigned long start)
{
	i_mmap_lock_write(vma->vm_file->f_mapping);
	split_locked(vma, start);
	i_mmap_unlock_write(vma->vm_file->f_mapping);
// CHECK: :[[@LINE+1]]:2: warning: 'i_mmap_lock' of 'vma->vm_file->f_mapping' may still be held at return
	return 0;
}
