// RUN: %check %s | count 0
// hugetlb_zap_begin() and hugetlb_zap_end() are header inlines that call their out-of-line
// halves for a hugetlb VMA (an `inline` macro hint): the zap between them runs with the
// file's i_mmap tree write-locked, as the PMD unsharing it may do asserts.
static void unshare_pmd(struct vm_area_struct *vma, unsigned long addr)
{
	i_mmap_assert_write_locked(vma->vm_file->f_mapping);
}

static void unmap_one(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	if (vma->vm_file)
		unshare_pmd(vma, start);
}

void __hugetlb_zap_begin(struct vm_area_struct *vma, unsigned long *start, unsigned long *end)
{
	if (!vma->vm_file)
		return;
	if (vma->vm_file)
		i_mmap_lock_write(vma->vm_file->f_mapping);
}

void __hugetlb_zap_end(struct vm_area_struct *vma, struct zap_details *details)
{
	if (!vma->vm_file)
		return;
	i_mmap_unlock_write(vma->vm_file->f_mapping);
}

SYSCALL_DEFINE2(zap_one, unsigned long, start, unsigned long, end)
{
	struct vm_area_struct *vma;

	mmap_read_lock(current->mm);
	vma = find_vma(current->mm, start);
	if (vma) {
		hugetlb_zap_begin(vma, &start, &end);
		unmap_one(vma, start, end);
		hugetlb_zap_end(vma, NULL);
	}
	mmap_read_unlock(current->mm);
	return 0;
}
