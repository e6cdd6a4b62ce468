// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The helper leaves its caller's RCU read section and returns -EINTR without entering it
// again: the caller's unlock on that result ends a section it no longer holds.
static long scan_locked_folio(struct folio *folio, long start)
{
	if (folio_test_uptodate(folio))
		return start;
	rcu_read_unlock();
	if (folio_lock_killable(folio))
		return -EINTR;
	start = scan_blocks(folio, start);
	folio_unlock(folio);
	rcu_read_lock();
	return start;
}

long seek_in_cache(struct address_space *mapping, long start, long end)
{
	struct folio *folio;

	rcu_read_lock();
	folio = next_entry(mapping, end);
	if (folio && scan_locked_folio(folio, start) < 0) {
// CHECK: :[[@LINE+1]]:3: error: 'rcu_read_unlock' releases 'rcu', which is not held here{{$}}
		rcu_read_unlock();
		return -EINTR;
	}
	rcu_read_unlock();
	return start;
}
