// Zapping a PTE table that became empty (mm/memory.c zap_empty_pte_table): the PTE lock is
// held, and the PMD lock, which is ordered before it, is only tried, never waited for.
#include "lockspec/mm_locks.h"

using namespace lockspec;

bool zapEmptyPteTable(struct vm_area_struct *vma, struct pmd_table *pmd, struct pte_table *pte)
    LOCKSPEC_REQUIRES_SHARED(vma->vm_mm->mmap_lock) LOCKSPEC_REQUIRES(pte->pte_lock) {
  if (!spin_trylock(pmd->pmd_lock))
    return false;
  fact::assume_pte_table_empty();
  fact::assume_freed_after_grace_period();
  op::reclaim_empty_pte_table(vma, pmd, pte, via::mmap_lock{});
  spin_unlock(pmd->pmd_lock);
  return true;
}
