// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-summary-lock-class-from-caller.c with the destination's PMD lock pointer passed where
// the helper takes the lock of the PTE table it changes.
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
	dst_ptl = pmd_lockptr(mm, dst_pmd);
	src_pte = pte_offset_map_rw_nolock(mm, src_pmd, src_addr, &dummy_pmdval, &src_ptl);
	if (!src_pte) {
		pte_unmap(dst_pte);
		return -EAGAIN;
	}
// CHECK: :[[@LINE+2]]:8: error: call to 'move_zero_pte' gives it 'dst_ptl', a pointer to 'pmd_lock', where it takes 'pte_lock' through it: entries are changed only under the lock of their table (through move_zero_pte)
// CHECK: :[[@LINE+1]]:8: note: needed by {{.*}}bad-summary-lock-class-from-caller.c:[[@LINE-23]]: call to 'set_pte_at' (install), which requires (any { mmap_lock: mmap_lock.read; vma_lock: vma_lock.read; }) & (pte_lock@pte)
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
