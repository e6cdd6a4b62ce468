// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A function that releases on every path a lock it never took needs its callers to hold it:
// a caller that does not is reported where the call path starts, and where no caller can hold
// it (a syscall, or an entry that manages the lock itself) the release is unmatched.
static unsigned int folios_collect(struct address_space *mapping, pgoff_t *start,
				   struct folio_batch *fbatch)
{
	struct folio *folio;

	while ((folio = find_get_entry(mapping, start)) != NULL)
		if (!folio_batch_add(fbatch, folio))
			break;
	rcu_read_unlock();
	return folio_batch_count(fbatch);
}

SYSCALL_DEFINE2(folios_count, struct address_space *, mapping, pgoff_t *, start)
{
	struct folio_batch fbatch;

	folio_batch_init(&fbatch);
// CHECK: :[[@LINE+2]]:9: error: call to 'folios_collect' without 'rcu' (it holds none of its locks), which no caller in the files checked takes: 'rcu_read_unlock' releases it on every path (through folios_collect)
// CHECK: :[[@LINE+1]]:9: note: needed by {{.*}}bad-summary-release-caller-lock.c:13: 'rcu_read_unlock' releases 'rcu', which this function has not taken
	return folios_collect(mapping, start, &fbatch);
}

unsigned int find_entries(struct address_space *mapping, pgoff_t *start,
			  struct folio_batch *fbatch)
{
	struct folio *folio;

	while ((folio = find_get_entry(mapping, start)) != NULL)
		if (!folio_batch_add(fbatch, folio))
			break;
// CHECK: :[[@LINE+1]]:2: error: 'rcu_read_unlock' releases 'rcu', which this function never takes and no caller in the files checked holds
	rcu_read_unlock();
	return folio_batch_count(fbatch);
}

SYSCALL_DEFINE1(pkey_release, int, pkey)
{
	struct mm_struct *mm = current->mm;
	int ret;

	ret = mm_pkey_free(mm, pkey);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_write_unlock' releases 'mmap_lock' of 'current->mm', which this function never takes and no caller in the files checked holds
	mmap_write_unlock(mm);
	return ret;
}
