// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The helper gives a new VMA its file and write-locks the file's i_mmap tree for it, then
// hands the VMA back through an out parameter: the lock is the caller's, named through
// what it got back, and a caller that does not release it leaks it.
static int new_vma(struct mm_struct *mm, struct file *file, struct vm_area_struct **vmap)
{
	struct vm_area_struct *vma;

	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_file = file;
	i_mmap_lock_write(vma->vm_file->f_mapping);
	*vmap = vma;
	return 0;
}

SYSCALL_DEFINE1(map_one, int, fd)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = NULL;
	int error;

	mmap_write_lock(mm);
	error = new_vma(mm, fget(fd), &vma);
	if (error)
		goto out;
out:
	mmap_write_unlock(mm);
// CHECK: :[[@LINE+1]]:2: warning: 'i_mmap_lock' of 'vma->vm_file->f_mapping' may still be held at return (it is held on some paths only) (through map_one -> new_vma){{$}}
	return error;
}
