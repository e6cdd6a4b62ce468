// An anonymous rmap walk (rmap_walk_anon): lock the folio's anon_vma root for reading, visit
// every VMA of its chains, and age or unmap the folio there under the PTE lock.
#include "lockspec/mm_locks.h"

using namespace lockspec;

void rmapWalkAnon(struct anon_vma *anon_vma, struct vm_area_struct *const *vmas, int n,
                  struct pte_table *pte) {
  anon_vma_lock_read(anon_vma);
  for (int i = 0; i < n; ++i) {
    struct vm_area_struct *vma = vmas[i];     // from anon_vma_interval_tree_foreach
    alias::anon_vma_lock_read(anon_vma, vma); // lockspec: alias
    if (!pte_offset_map_lock(vma->vm_mm, pte->pmd, 0, pte))
      continue;
    op::modify_for_reclaim(vma, pte, via::rmap_walk_anon_vma_lock{});
    pte_unmap_unlock(pte, pte->pte_lock);
  }
  anon_vma_unlock_read(anon_vma);
}
