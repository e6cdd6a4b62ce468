// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The page-table freeing helper write-locks every VMA of the list it walks when the caller
// says it holds the mmap write lock: those holds end only with that lock, so the caller's
// teardown that detaches each VMA afterwards has them; run before it, the teardown has not.
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
// CHECK: :[[@LINE+2]]:3: error: call to 'tear_down' without 'vma_lock' of 'vma' for write (it holds none of its locks), which no caller in the files checked takes: the mmap write lock alone leaves page faults running under the VMA's read lock (through tear_down){{$}}
// CHECK: note: needed by {{.*}}bad-callee-write-locks-each-vma-too-late.c:33: call to 'vma_mark_detached' (mark_vma_detached), which requires vma_lock.write{{$}}
		tear_down(mm, &vmi, vma);
		free_tables(&tlb, &unmap);
	}
	mmap_write_unlock(mm);
}
