// RUN: %check %s | count 0
// A helper that leaves its caller's RCU read section to sleep on a folio lock and enters it
// again before every return that left it gives the caller its section back: the caller's
// own rcu_read_unlock() ends it.
static loff_t scan_locked_folio(struct xa_state *xas, struct address_space *mapping,
				struct folio *folio, loff_t start, loff_t end)
{
	if (folio_test_uptodate(folio))
		return start;
	if (!mapping->a_ops->is_partially_uptodate)
		return end;

	xas_pause(xas);
	rcu_read_unlock();
	folio_lock(folio);
	if (unlikely(folio->mapping != mapping))
		goto unlock;
	start = scan_blocks(folio, start, end);
unlock:
	folio_unlock(folio);
	rcu_read_lock();
	return start;
}

loff_t seek_in_cache(struct address_space *mapping, loff_t start, loff_t end)
{
	XA_STATE(xas, &mapping->i_pages, start >> PAGE_SHIFT);
	struct folio *folio;

	rcu_read_lock();
	while ((folio = next_entry(&xas, end))) {
		loff_t pos = (u64)xas.xa_index << PAGE_SHIFT;

		start = scan_locked_folio(&xas, mapping, folio, start, pos);
		if (start < pos)
			goto unlock;
		if (start >= end)
			break;
	}
	start = -ENXIO;
unlock:
	rcu_read_unlock();
	return start;
}
