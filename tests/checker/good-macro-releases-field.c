// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// folio_walk_end() is a macro of include/linux/pagewalk.h that drops the lock the walk left
// in fw->ptl (the hints say so): a caller that ends every successful walk holds nothing.
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
	if (fw_folio != folio) {
		folio_walk_end(&fw, vma);
		return NULL;
	}
	set_pte_at(vma->vm_mm, addr, fw.ptep, pte_wrprotect(ptep_get(fw.ptep)));
	folio_walk_end(&fw, vma);
	return folio_page(folio, 0);
}
