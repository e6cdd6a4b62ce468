// A file rmap walk (rmap_walk_file): hold the mapping's i_mmap rwsem for reading, visit every
// VMA that maps the folio, and unmap it under the PTE lock.
#include "lockspec/mm_locks.h"

using namespace lockspec;

bool tryToUnmapOne(struct vm_area_struct *vma, struct pte_table *pte)
    LOCKSPEC_REQUIRES_SHARED(vma->mapping->i_mmap_rwsem) {
  if (!pte_offset_map_lock(vma->vm_mm, pte->pmd, 0, pte))
    return true;
  op::modify_for_reclaim(vma, pte, via::rmap_walk_i_mmap_lock{});
  pte_unmap_unlock(pte, pte->pte_lock);
  return true;
}

void rmapWalkFile(struct folio *folio, struct vm_area_struct *const *vmas, int n,
                  struct pte_table *pte) {
  struct address_space *mapping = folio->mapping;
  i_mmap_lock_read(mapping);
  for (int i = 0; i < n; ++i) {
    struct vm_area_struct *vma = vmas[i];  // from vma_interval_tree_foreach
    alias::i_mmap_lock_read(mapping, vma); // lockspec: alias
    if (!tryToUnmapOne(vma, pte))
      break;
  }
  i_mmap_unlock_read(mapping);
}
