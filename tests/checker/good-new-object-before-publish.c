// RUN: %check %s | count 0
// A VMA fresh from vm_area_alloc()/vm_area_dup() is detached and in no tree: until a store
// into the mm's tree (vma_iter_store_new) or an rmap link publishes it, no other thread can
// reach it, so its fields are written without the locks its readers take (spec `constructor`
// and `publish` of vm_area_struct).  The same holds through a helper that is given it.

static void set_range(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		      pgoff_t pgoff)
{
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
}

static int map_new(struct mm_struct *mm, struct vma_iterator *vmi, unsigned long addr,
		   unsigned long len)
{
	struct vm_area_struct *vma;

	mmap_write_lock(mm);
	vma = vm_area_alloc(mm);
	if (!vma) {
		mmap_write_unlock(mm);
		return -ENOMEM;
	}
	set_range(vma, addr, addr + len, addr >> PAGE_SHIFT);
	vma->vm_page_prot = vm_get_page_prot(0);
	vma_start_write(vma);
	vma_iter_store_new(vmi, vma);
	mm->map_count++;
	mmap_write_unlock(mm);
	return 0;
}

static int split_like(struct vma_iterator *vmi, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *new;

	mmap_write_lock(vma->vm_mm);
	new = vm_area_dup(vma);
	if (!new) {
		mmap_write_unlock(vma->vm_mm);
		return -ENOMEM;
	}
	new->vm_end = addr;
	new->anon_vma = NULL;
	vma_start_write(new);
	vma_iter_store_new(vmi, new);
	mmap_write_unlock(vma->vm_mm);
	return 0;
}

/* A constructor's own definition: the object it returns is new there too. */
static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *anon_vma;

	anon_vma = kmem_cache_alloc(anon_vma_cachep, GFP_KERNEL);
	if (anon_vma) {
		anon_vma->num_children = 0;
		anon_vma->num_active_vmas = 0;
	}
	return anon_vma;
}

static int prepare(struct vm_area_struct *vma)
{
	struct anon_vma *anon_vma = anon_vma_alloc();

	if (!anon_vma)
		return -ENOMEM;
	anon_vma->num_children++;
	mmap_read_lock(vma->vm_mm);
	anon_vma_lock_write(anon_vma);
	spin_lock(&vma->vm_mm->page_table_lock);
	vma->anon_vma = anon_vma;
	anon_vma->num_active_vmas++;
	spin_unlock(&vma->vm_mm->page_table_lock);
	anon_vma_unlock_write(anon_vma);
	mmap_read_unlock(vma->vm_mm);
	return 0;
}
