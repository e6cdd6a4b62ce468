// RUN: %check %s | count 0
// The page-table freeing helper write-locks every VMA of the list it walks when the caller
// says it holds the mmap write lock: those holds end only with that lock, so the caller's
// teardown that detaches each VMA afterwards has them.
struct unmap_desc {
	struct ma_state *mas;
	struct vm_area_struct *first;
	unsigned long tree_end;
	bool mm_wr_locked;
};

void free_tables(struct mmu_gather *tlb, struct unmap_desc *unmap)
{
	struct vm_area_struct *vma = unmap->first;

	do {
		struct vm_area_struct *next = mas_find(unmap->mas, unmap->tree_end - 1);

		if (unmap->mm_wr_locked)
			vma_start_write(vma);
		unlink_anon_vmas(vma);
		vma = next;
	} while (vma);
}

static unsigned long tear_down(struct mm_struct *mm, struct vma_iterator *vmi,
			       struct vm_area_struct *vma)
{
	unsigned long nr = 0;

	mmap_assert_write_locked(mm);
	do {
		vma_mark_detached(vma);
		nr++;
		vma = vma_next(vmi);
	} while (vma);
	return nr;
}

void exit_all(struct mm_struct *mm)
{
	struct mmu_gather tlb;
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);
	struct unmap_desc unmap;

	mmap_write_lock(mm);
	vma = vma_next(&vmi);
	if (vma) {
		unmap.first = vma;
		unmap.mm_wr_locked = true;
		free_tables(&tlb, &unmap);
		tear_down(mm, &vmi, vma);
	}
	mmap_write_unlock(mm);
}
