// madvise(MADV_DONTNEED): zap a range under the mmap read lock, one PTE table at a time under
// its lock (zap_pte_range).
#include "lockspec/mm_locks.h"

using namespace lockspec;

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long address)
    LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock);

void zapPteRange(struct vm_area_struct *vma, struct pmd_table *pmd, struct pte_table *pte,
                 unsigned long addr) LOCKSPEC_REQUIRES_SHARED(vma->vm_mm->mmap_lock) {
  if (!pte_offset_map_lock(vma->vm_mm, pmd, addr, pte))
    return;
  op::zap(vma, pte, via::mmap_lock{});
  pte_unmap_unlock(pte, pte->pte_lock);
}

int madviseDontneed(struct mm_struct *mm, unsigned long start, struct pmd_table *pmd,
                    struct pte_table *pte) {
  mmap_read_lock(mm);
  struct vm_area_struct *vma = vma_lookup(mm, start);
  if (vma) {
    alias::mmap_lock_read(mm, vma); // lockspec: alias
    zapPteRange(vma, pmd, pte, start);
  }
  mmap_read_unlock(mm);
  return 0;
}
