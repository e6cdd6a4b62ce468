// RUN: %check %s | count 0
// `BUG_ON(mmap_read_trylock(mm))` is how a driver helper asserts its caller holds the mmap
// lock for writing: the read trylock can only fail while a writer holds it, and the code
// treats success as impossible.  The path after it takes nothing and holds the write lock
// as its caller's, so it may change vm_flags; code outside the files checked calls these
// entries from an mmap handler, under the write lock.
int insert_one_page(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	if (addr < vma->vm_start || addr >= vma->vm_end)
		return -EFAULT;
	if (!(vma->vm_flags & VM_MIXEDMAP)) {
		BUG_ON(mmap_read_trylock(vma->vm_mm));
		BUG_ON(vma->vm_flags & VM_PFNMAP);
		vm_flags_set(vma, VM_MIXEDMAP);
	}
	return insert_it(vma, addr, page);
}

int insert_pages(struct vm_area_struct *vma, unsigned long addr, struct page **pages,
		 unsigned long *num)
{
	if (!(vma->vm_flags & VM_MIXEDMAP)) {
		VM_BUG_ON(mmap_read_trylock(vma->vm_mm));
		vm_flags_set(vma, VM_MIXEDMAP);
	}
	return insert_them(vma, addr, pages, num);
}

static int map_pages_at(struct vm_area_struct *vma, struct page **pages, unsigned long num,
			unsigned long offset)
{
	if (offset >= num)
		return -ENXIO;
	return insert_pages(vma, vma->vm_start, pages + offset, &num);
}

int map_all_pages(struct vm_area_struct *vma, struct page **pages, unsigned long num)
{
	return map_pages_at(vma, pages, num, vma->vm_pgoff);
}
