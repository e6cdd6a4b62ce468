// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The helper keeps the file's i_mmap lock only where the VMA maps a file *and* the caller
// asked it to: a caller that passes true must release it where the VMA maps a file.
static void link_file(struct vm_area_struct *vma, bool hold_rmap_lock)
{
	struct file *file = vma->vm_file;
	struct address_space *mapping;

	if (file) {
		mapping = file->f_mapping;
		i_mmap_lock_write(mapping);
		vma_interval_tree_insert(vma, &mapping->i_mmap);
		if (!hold_rmap_lock)
			i_mmap_unlock_write(mapping);
	}
}

static int link_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_start_write(vma);
	link_file(vma, /* hold_rmap_lock= */true);
	mm->map_count++;
	return 0;
}

SYSCALL_DEFINE1(link_one, unsigned long, addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int err;

	mmap_write_lock(mm);
	vma = vm_area_alloc(mm);
	err = vma ? link_vma(mm, vma) : -ENOMEM;
	mmap_write_unlock(mm);
// CHECK: :[[@LINE+1]]:2: warning: 'i_mmap_lock' of 'vma->vm_file->f_mapping' may still be held at return (it is held on some paths only) (through link_one -> link_vma -> link_file){{$}}
	return err;
}
