// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The asserted failure of a read trylock says a writer holds the lock: under the read lock
// the trylock would succeed, and a caller that holds only the read lock does not meet it.
int insert_one_page(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	if (!(vma->vm_flags & VM_MIXEDMAP)) {
		BUG_ON(mmap_read_trylock(vma->vm_mm));
		vm_flags_set(vma, VM_MIXEDMAP);
	}
	return insert_it(vma, addr, page);
}

int insert_under_read_lock(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	int ret;

	mmap_read_lock(vma->vm_mm);
	if (!(vma->vm_flags & VM_MIXEDMAP)) {
// CHECK: :[[@LINE+1]]:3: error: 'BUG_ON(mmap_read_trylock)' asserts 'mmap_lock' of 'vma->vm_mm' held for write, but it is held for read{{$}}
		BUG_ON(mmap_read_trylock(vma->vm_mm));
// CHECK: :[[@LINE+1]]:3: error: call to 'vm_flags_set' needs 'mmap_lock' of 'vma->vm_mm' held for write, but it is held for read (operation 'change_vma_flags'){{$}}
		vm_flags_set(vma, VM_MIXEDMAP);
	}
	ret = insert_it(vma, addr, page);
	mmap_read_unlock(vma->vm_mm);
	return ret;
}

static long fault_and_map(struct mm_struct *mm, struct vm_area_struct *vma, struct page *page)
{
	long ret;

	mmap_read_lock(mm);
// CHECK: :[[@LINE+1]]:8: error: call to 'insert_one_page' without 'mmap_lock' of 'vma->vm_mm' for write (it holds 'mmap_lock' of 'mm' for read), which no caller in the files checked takes: 'BUG_ON(mmap_read_trylock)' asserts it (through insert_one_page){{$}}
	ret = insert_one_page(vma, vma->vm_start, page);
	mmap_read_unlock(mm);
	return ret;
}
