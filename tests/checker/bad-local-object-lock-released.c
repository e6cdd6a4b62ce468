// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Without its lock call, the unlock of an anon_vma the function found itself cannot be
// its caller's lock: no caller could have taken the lock of an object it never saw.
int split_folio_locked(struct folio *folio, unsigned int new_order)
{
	struct anon_vma *anon_vma;
	int ret;

	anon_vma = folio_get_anon_vma(folio);
	if (!anon_vma)
		return -EBUSY;
	ret = split_unmapped(folio, new_order);
// CHECK: :[[@LINE+1]]:2: error: 'anon_vma_unlock_write' releases 'anon_vma_lock' of 'anon_vma', which is not held here
	anon_vma_unlock_write(anon_vma);
	put_anon_vma(anon_vma);
	return ret;
}
