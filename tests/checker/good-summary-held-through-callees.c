// RUN: %check %s | count 0
// A helper that returns holding the lock when it found an entry, and callers that release it
// exactly there: nothing is left held, however many calls down it was taken.
static bool range_lock_entry(struct address_space *mapping, pgoff_t index)
{
	struct folio *folio;

	rcu_read_lock();
	folio = xa_load(&mapping->i_pages, index);
	if (folio && !xa_is_value(folio))
		return true;
	rcu_read_unlock();
	return false;
}

static bool range_busy(struct address_space *mapping, pgoff_t index)
{
	return range_lock_entry(mapping, index);
}

SYSCALL_DEFINE2(drop_range, struct address_space *, mapping, pgoff_t, index)
{
	if (range_busy(mapping, index)) {
		rcu_read_unlock();
		return -EBUSY;
	}
	return 0;
}
