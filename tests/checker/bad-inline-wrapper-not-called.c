// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// hugetlb_zap_begin() and hugetlb_zap_end() are header inlines that call their out-of-line
// halves for a hugetlb VMA (an `inline` macro hint): the zap between them runs with the
// file's i_mmap tree write-locked, as the PMD unsharing it may do asserts; without the
// begin helper it is not.
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
// CHECK: :[[@LINE+1]]:1: warning: 'i_mmap_lock' of 'vma->vm_file->f_mapping' may still be held at return (it is held on some paths only){{$}}
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
// CHECK: :[[@LINE+2]]:3: error: call to 'unmap_one' without 'i_mmap_lock' of 'vma->vm_file->f_mapping' for write (it holds none of its locks), which no caller in the files checked takes: 'i_mmap_assert_write_locked' asserts it (through unmap_one -> unshare_pmd){{$}}
// CHECK: note: needed by {{.*}}bad-inline-wrapper-not-called.c:8: 'i_mmap_assert_write_locked' asserts 'i_mmap_lock' of 'vma->vm_file->f_mapping' held{{$}}
		unmap_one(vma, start, end);
// The end helper releases a lock no caller took.
// CHECK: :[[@LINE+2]]:3: error: call to 'hugetlb_zap_end' without 'i_mmap_lock' of 'vma->vm_file->f_mapping' for write (it holds none of its locks), which no caller in the files checked takes: 'i_mmap_unlock_write' releases it whenever it gets there (through hugetlb_zap_end){{$}}
// CHECK: note: needed by {{.*}}bad-inline-wrapper-not-called.c:30: 'i_mmap_unlock_write' releases 'i_mmap_lock' of 'vma->vm_file->f_mapping', which this function has not taken{{$}}
		hugetlb_zap_end(vma, NULL);
	}
	mmap_read_unlock(current->mm);
	return 0;
}
