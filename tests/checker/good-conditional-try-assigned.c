// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// A try in one arm of a conditional whose value is stored (the kernel's own page tables
// are not locked, a user table is): held on some paths only, and the NULL test of the
// stored pointer still says the try failed.
static int apply_to_ptes(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
			 unsigned long end, pte_fn_t fn, void *data, bool create)
{
	pte_t *pte, *mapped_pte;
	spinlock_t *ptl;
	int err = 0;

	if (create) {
		mapped_pte = pte = (mm == &init_mm) ?
			pte_alloc_kernel(pmd, addr) :
			pte_alloc_map_lock(mm, pmd, addr, &ptl);
		if (!pte)
			return -ENOMEM;
	} else {
		mapped_pte = pte = (mm == &init_mm) ?
			pte_offset_kernel(pmd, addr) :
			pte_offset_map_lock(mm, pmd, addr, &ptl);
		if (!pte)
			return -EINVAL;
	}
	do {
		err = fn(pte, addr, data);
		if (err)
			break;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	if (mm != &init_mm)
		pte_unmap_unlock(mapped_pte, ptl);
	return err;
}

int apply_to_range(struct mm_struct *mm, pmd_t *pmd, unsigned long addr, pte_fn_t fn, void *data)
{
	int err;

	mmap_read_lock(mm);
	err = apply_to_ptes(mm, pmd, addr, addr + PAGE_SIZE, fn, data, true);
	mmap_read_unlock(mm);
	return err;
}
