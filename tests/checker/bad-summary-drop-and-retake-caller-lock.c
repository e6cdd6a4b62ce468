// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A helper that leaves its caller's RCU read section to sleep and enters it again before it
// returns (folio_seek_hole_data) needs the caller to be in one whenever it gets that far: a
// caller that never entered it is reported at the call, with the helper's path.
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

	while ((folio = find_get_entry(&xas, end >> PAGE_SHIFT, XA_PRESENT))) {
// CHECK: :[[@LINE+2]]:7: error: call to 'folio_seek' without 'rcu' (it holds none of its locks), which no caller in the files checked takes: 'rcu_read_unlock' releases it whenever it gets there (through folio_seek)
// CHECK: :[[@LINE+1]]:7: note: needed by {{.*}}bad-summary-drop-and-retake-caller-lock.c:9: 'rcu_read_unlock' releases 'rcu', which this function has not taken
		if (folio_seek(mapping, folio, &start))
			break;
	}
// CHECK: :[[@LINE+1]]:2: error: 'rcu_read_unlock' releases 'rcu', which this function never takes and no caller in the files checked holds
	rcu_read_unlock();
	return start;
}
