// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A lookup that returns the anon_vma it pinned, or NULL, and forgets to leave the RCU read
// section on the paths that meet at `out`: the section is held there whether the pointer
// it returns is NULL or not, so the result tells the caller nothing.
struct anon_vma *folio_pin_anon_vma(const struct folio *folio)
{
	struct anon_vma *anon_vma = NULL;
	unsigned long anon_mapping;

	rcu_read_lock();
	anon_mapping = (unsigned long)READ_ONCE(folio->mapping);
	if ((anon_mapping & FOLIO_MAPPING_FLAGS) != FOLIO_MAPPING_ANON)
		goto out;

	anon_vma = (struct anon_vma *) (anon_mapping - FOLIO_MAPPING_ANON);
	if (!atomic_inc_not_zero(&anon_vma->refcount)) {
		anon_vma = NULL;
		goto out;
	}
	if (!folio_mapped(folio)) {
		rcu_read_unlock();
		put_anon_vma(anon_vma);
		return NULL;
	}
out:
// CHECK: :[[@LINE+2]]:2: error: 'rcu' is still held at return{{$}}
// CHECK: :[[@LINE-17]]:2: note: taken here
	return anon_vma;
}
