// RUN: %check %s | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// A walk uses the anon_vma its caller locked (`caller_locked`), or locks one itself with a
// helper that returns it locked or NULL; it unlocks only the one it locked.  The NULL test
// after the two branches says the helper's lock is held on the branch that called it only:
// the other branch's pointer was never the helper's result.
static struct anon_vma *anon_vma_locked_or_null(struct folio *folio, bool no_wait)
{
	struct anon_vma *av = folio_anon_vma(folio);

	if (!av)
		return NULL;
	if (!anon_vma_trylock_read(av)) {
		if (no_wait)
			return NULL;
		anon_vma_lock_read(av);
	}
	return av;
}

void walk_anon_folio(struct folio *folio, bool caller_locked, bool no_wait)
{
	struct anon_vma *av;

	if (caller_locked) {
		av = folio_anon_vma(folio);
		VM_BUG_ON_FOLIO(!av, folio);
	} else {
		av = anon_vma_locked_or_null(folio, no_wait);
	}
	if (!av)
		return;

	visit_anon_vma(av, folio);

	if (!caller_locked)
		anon_vma_unlock_read(av);
}
