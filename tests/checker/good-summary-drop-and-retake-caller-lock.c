// RUN: %check %s | count 0
// A helper that leaves its caller's RCU read section to sleep and enters it again before it
// returns (folio_seek_hole_data): the caller holds it at each call.
static bool folio_seek(struct address_space *mapping, struct folio *folio, loff_t *start)
{
	bool seek;

	rcu_read_unlock();
	folio_lock(folio);
	if (folio->mapping == mapping)
		seek = mapping->a_ops->is_partially_uptodate(folio, 0, PAGE_SIZE);
	folio_unlock(folio);
	rcu_read_lock();
	return seek;
}

loff_t seek_data(struct address_space *mapping, loff_t start, loff_t end)
{
	XA_STATE(xas, &mapping->i_pages, start >> PAGE_SHIFT);
	struct folio *folio;

	rcu_read_lock();
	while ((folio = find_get_entry(&xas, end >> PAGE_SHIFT, XA_PRESENT))) {
		if (folio_seek(mapping, folio, &start))
			break;
	}
	rcu_read_unlock();
	return start;
}
