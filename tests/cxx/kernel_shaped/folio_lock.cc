// Locking a folio before its rmap walk (folio_lock, then i_mmap_lock_read), as
// try_to_unmap's callers do.
#include "lockspec/mm_locks.h"

using namespace lockspec;

void unmapLockedFolio(struct folio *folio) {
  folio->folio_lock.lock(); // folio_lock(folio)
  i_mmap_lock_read(folio->mapping);
  i_mmap_unlock_read(folio->mapping);
  folio->folio_lock.unlock(); // folio_unlock(folio)
}
