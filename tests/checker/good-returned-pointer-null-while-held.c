// RUN: %check %s | count 0
// A lookup that returns the anon_vma it pinned, or NULL, leaving the RCU read section on
// every path; and one that returns it read-locked, or NULL with the lock dropped: the
// pointer says whether the lock is held.
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
	rcu_read_unlock();
	return anon_vma;
}

struct anon_vma *folio_lock_pinned_anon_vma(const struct folio *folio)
{
	struct anon_vma *anon_vma = folio_pin_anon_vma(folio);

	if (!anon_vma)
		return NULL;
	anon_vma_lock_read(anon_vma);
	if (atomic_dec_and_test(&anon_vma->refcount)) {
		anon_vma_unlock_read(anon_vma);
		__put_anon_vma(anon_vma);
		anon_vma = NULL;
	}
	return anon_vma;
}
