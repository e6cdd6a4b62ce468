// RUN: %check %s | count 0
// A folio's anon_vma, found and pinned by the function itself, is write-locked around the
// split and unlocked on the way out.
int split_folio_locked(struct folio *folio, unsigned int new_order)
{
	struct anon_vma *anon_vma;
	int ret;

	anon_vma = folio_get_anon_vma(folio);
	if (!anon_vma)
		return -EBUSY;
	anon_vma_lock_write(anon_vma);
	ret = split_unmapped(folio, new_order);
	anon_vma_unlock_write(anon_vma);
	put_anon_vma(anon_vma);
	return ret;
}
