// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// Helpers lock and unlock two page-table locks through pointer parameters (the same lock
// when both entries are in one table); the entries are changed between them.  Only the
// caller knows the pointers are PTE locks: it found them with pte_offset_map_rw_nolock.
void lock_two_ptls(spinlock_t *ptl1, spinlock_t *ptl2)
	__acquires(ptl1)
	__acquires(ptl2)
{
	if (ptl1 > ptl2)
		swap(ptl1, ptl2);
	spin_lock(ptl1);
	if (ptl1 != ptl2)
		spin_lock_nested(ptl2, SINGLE_DEPTH_NESTING);
	else
		__acquire(ptl2);
}

void unlock_two_ptls(spinlock_t *ptl1, spinlock_t *ptl2)
	__releases(ptl1)
	__releases(ptl2)
{
	spin_unlock(ptl1);
	if (ptl1 != ptl2)
		spin_unlock(ptl2);
	else
		__release(ptl2);
}

static int move_zero_pte(struct mm_struct *mm, unsigned long dst_addr, pte_t *dst_pte,
			 pte_t *src_pte, spinlock_t *dst_ptl, spinlock_t *src_ptl)
{
	lock_two_ptls(dst_ptl, src_ptl);
	if (!pte_none(ptep_get(dst_pte))) {
		unlock_two_ptls(dst_ptl, src_ptl);
		return -EAGAIN;
	}
	ptep_clear(mm, dst_addr, src_pte);
	set_pte_at(mm, dst_addr, dst_pte, pte_mkspecial(pfn_pte(my_zero_pfn(dst_addr), PAGE_READONLY)));
	unlock_two_ptls(dst_ptl, src_ptl);
	return 0;
}

static long move_pte_range(struct mm_struct *mm, pmd_t *dst_pmd, pmd_t *src_pmd,
			   unsigned long dst_addr, unsigned long src_addr)
{
	spinlock_t *src_ptl, *dst_ptl;
	pte_t *src_pte, *dst_pte;
	pmd_t dummy_pmdval;
	long ret;

	dst_pte = pte_offset_map_rw_nolock(mm, dst_pmd, dst_addr, &dummy_pmdval, &dst_ptl);
	if (!dst_pte)
		return -EAGAIN;
	src_pte = pte_offset_map_rw_nolock(mm, src_pmd, src_addr, &dummy_pmdval, &src_ptl);
	if (!src_pte) {
		pte_unmap(dst_pte);
		return -EAGAIN;
	}
	ret = move_zero_pte(mm, dst_addr, dst_pte, src_pte, dst_ptl, src_ptl);
	pte_unmap(src_pte);
	pte_unmap(dst_pte);
	return ret;
}

long move_range(struct mm_struct *mm, pmd_t *dst_pmd, pmd_t *src_pmd, unsigned long dst_addr,
		unsigned long src_addr)
{
	long ret;

	mmap_read_lock(mm);
	ret = move_pte_range(mm, dst_pmd, src_pmd, dst_addr, src_addr);
	mmap_read_unlock(mm);
	return ret;
}
