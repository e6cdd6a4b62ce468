// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// anon_vma_prepare() takes the anon_vma write lock and page_table_lock itself: its caller
// holds only the mmap read lock (a fault, or madvise installing guard markers).
static int prepare_under_mmap_read(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;
	int err = -EFAULT;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	if (vma)
		err = anon_vma_prepare(vma);
	mmap_read_unlock(mm);
	return err;
}
