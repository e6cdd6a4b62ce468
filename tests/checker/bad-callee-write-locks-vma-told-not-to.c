// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The helper write-locks the VMA only where the descriptor says the caller holds the mmap
// write lock; a caller that set the flag false has no VMA write lock after the call.
struct unmap_desc {
	struct vm_area_struct *first;
	bool mm_wr_locked;
};

void free_tables(struct mmu_gather *tlb, struct unmap_desc *unmap)
{
	struct vm_area_struct *vma = unmap->first;

	if (unmap->mm_wr_locked)
		vma_start_write(vma);
	unlink_anon_vmas(vma);
}

static void tear_down(struct mm_struct *mm, struct vm_area_struct *vma)
{
	mmap_assert_write_locked(mm);
	vma_mark_detached(vma);
}

void exit_one(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct mmu_gather tlb;
	struct unmap_desc unmap;

	mmap_write_lock(mm);
	unmap.first = vma;
	unmap.mm_wr_locked = false;
	free_tables(&tlb, &unmap);
// CHECK: :[[@LINE+2]]:2: error: call to 'tear_down' without 'vma_lock' of 'vma' for write (it holds none of its locks), which no caller in the files checked takes: the mmap write lock alone leaves page faults running under the VMA's read lock (through tear_down){{$}}
// CHECK: note: needed by {{.*}}bad-callee-write-locks-vma-told-not-to.c:21: call to 'vma_mark_detached' (mark_vma_detached), which requires vma_lock.write{{$}}
	tear_down(mm, vma);
	mmap_write_unlock(mm);
}
