// A lock set the spec documents as not enough, named as the evidence: the error is the spec's
// reason, on clang 14 and clang 19 alike (pinned with -verify).  A file of its own, because
// clang skips the thread-safety analysis of a file with errors.
#include "lockspec/mm_locks.h"

using namespace lockspec;

void installNamingTheRmapLock(vm_area_struct *vma, pte_table *pte) {
  anon_vma_lock_write(vma->anon_vma);
  pte->pte_lock.lock();
  // Naming the rmap lock that is held as the evidence: the error is the spec's reason.
  op::install(vma, pte, via::anon_vma_lock{}); // expected-error {{'install' is unavailable: op::install with via::anon_vma_lock is not enough: an rmap lock alone does not keep the range from reaching free_pgtables}}
  pte->pte_lock.unlock();
  anon_vma_unlock_write(vma->anon_vma);
}
