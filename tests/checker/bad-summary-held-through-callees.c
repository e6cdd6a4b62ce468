// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A helper forgets its unlock on one path: where a caller ends still holding the lock, the
// finding names the calls that took it.
static bool range_has_entry(struct address_space *mapping, pgoff_t index)
{
	struct folio *folio;

	rcu_read_lock();
	folio = xa_load(&mapping->i_pages, index);
	if (xa_is_value(folio))
		return false;
	rcu_read_unlock();
	return folio != NULL;
}

static void invalidate_range(struct address_space *mapping, pgoff_t index)
{
	if (range_has_entry(mapping, index))
		invalidate_inode_pages2_range(mapping, index, index);
// CHECK: :[[@LINE+2]]:1: warning: 'rcu' may still be held at return (it is held on some paths only) (through invalidate_range -> range_has_entry){{$}}
// CHECK: :[[@LINE-3]]:6: note: taken here
}

SYSCALL_DEFINE2(drop_range, struct address_space *, mapping, pgoff_t, index)
{
	invalidate_range(mapping, index);
	return 0;
}
