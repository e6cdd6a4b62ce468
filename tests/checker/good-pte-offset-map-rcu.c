// RUN: %check %s | count 0
// pte_offset_map enters an RCU section when it returns a table; pte_unmap leaves it.
int peek_pte(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr)
{
	pte_t *pte;
	int young;

	mmap_read_lock(vma->vm_mm);
	pte = pte_offset_map(pmd, addr);
	if (!pte) {
		mmap_read_unlock(vma->vm_mm);
		return 0;
	}
	young = pte_young(ptep_get(pte));
	pte_unmap(pte);
	mmap_read_unlock(vma->vm_mm);
	return young;
}
