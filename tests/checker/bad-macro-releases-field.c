// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// folio_walk_end() drops the lock the walk left in fw->ptl (the hints say so); the early
// return after a walk that found another folio forgets it.
static struct folio *walk_start(struct folio_walk *fw, struct vm_area_struct *vma,
				unsigned long addr, pmd_t *pmd)
{
	pte_t *ptep = pte_offset_map_lock(vma->vm_mm, pmd, addr, &fw->ptl);

	if (!ptep)
		return NULL;
	if (!pte_present(ptep_get(ptep))) {
		pte_unmap_unlock(ptep, fw->ptl);
		return NULL;
	}
	fw->ptep = ptep;
	return page_folio(pte_page(ptep_get(ptep)));
}

struct page *make_exclusive(struct vm_area_struct *vma, unsigned long addr, pmd_t *pmd,
			    struct folio *folio)
{
	struct folio_walk fw;
	struct folio *fw_folio;

	mmap_assert_locked(vma->vm_mm);
	fw_folio = walk_start(&fw, vma, addr, pmd);
	if (!fw_folio)
		return NULL;
	if (fw_folio != folio)
// CHECK: :[[@LINE+2]]:3: error: 'pte_lock' of '*fw.ptl' is still held at return (through make_exclusive -> walk_start){{$}}
// CHECK: :[[@LINE-5]]:13: note: taken here
		return NULL;
	set_pte_at(vma->vm_mm, addr, fw.ptep, pte_wrprotect(ptep_get(fw.ptep)));
	folio_walk_end(&fw, vma);
	return folio_page(folio, 0);
}
