// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-try-result-one-branch.c without the unlock: the branch that locked the anon_vma
// returns holding it.
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
// CHECK: :[[@LINE+2]]:1: warning: 'anon_vma_lock' of 'av' may still be held at return (it is held on some paths only) (through walk_anon_folio -> anon_vma_locked_or_null){{$}}
// CHECK: :[[@LINE-7]]:8: note: taken here
}
