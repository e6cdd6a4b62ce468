// RUN: %check %s | count 0
// Walking a mapped PTE table by pointer arithmetic (`src_pte += nr`) keeps the pointer
// inside the table it was mapped from: its RCU section is still the one a copy taken before
// the walk (`orig_src_pte`) names, and unmapping through the copy ends it.
int copy_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
	       pmd_t *dst_pmd, pmd_t *src_pmd, unsigned long addr, unsigned long end)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm, *src_mm = src_vma->vm_mm;
	pte_t *orig_src_pte, *orig_dst_pte, *src_pte, *dst_pte;
	spinlock_t *src_ptl, *dst_ptl;
	pmd_t dummy_pmdval;
	int ret = 0, nr;

	dst_pte = pte_alloc_map_lock(dst_mm, dst_pmd, addr, &dst_ptl);
	if (!dst_pte)
		return -ENOMEM;
	src_pte = pte_offset_map_rw_nolock(src_mm, src_pmd, addr, &dummy_pmdval, &src_ptl);
	if (!src_pte) {
		pte_unmap_unlock(dst_pte, dst_ptl);
		return 0;
	}
	spin_lock_nested(src_ptl, SINGLE_DEPTH_NESTING);
	orig_src_pte = src_pte;
	orig_dst_pte = dst_pte;
	do {
		nr = copy_entries(dst_vma, src_vma, dst_pte, src_pte, addr, end);
		if (nr < 0) {
			ret = nr;
			break;
		}
	} while (dst_pte += nr, src_pte += nr, addr += PAGE_SIZE * nr, addr != end);
	pte_unmap_unlock(orig_src_pte, src_ptl);
	pte_unmap_unlock(orig_dst_pte, dst_ptl);
	return ret;
}
