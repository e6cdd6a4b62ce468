// RUN: %check %s | count 0
// A helper that releases a lock it never took (an unlock helper, or a lookup that leaves the
// RCU read section its caller entered): holding the lock on entry is its callers'
// precondition, and each caller here meets it.
static void folios_unlock(struct address_space *mapping)
{
	rcu_read_unlock();
}

static unsigned int folios_collect(struct address_space *mapping, pgoff_t *start,
				   struct folio_batch *fbatch)
{
	struct folio *folio;

	while ((folio = find_get_entry(mapping, start)) != NULL)
		if (!folio_batch_add(fbatch, folio))
			break;
	folios_unlock(mapping);
	return folio_batch_count(fbatch);
}

unsigned int folios_get(struct address_space *mapping, pgoff_t *start,
			struct folio_batch *fbatch)
{
	rcu_read_lock();
	return folios_collect(mapping, start, fbatch);
}

static void pkey_unlock(struct mm_struct *mm)
{
	mmap_write_unlock(mm);
}

SYSCALL_DEFINE1(pkey_release, int, pkey)
{
	struct mm_struct *mm = current->mm;
	int ret;

	mmap_write_lock(mm);
	ret = mm_pkey_free(mm, pkey);
	pkey_unlock(mm);
	return ret;
}
