// munmap as mm/vma.c does it: find and write-lock the VMA under the mmap write lock, detach
// it, downgrade, zap its pages and free its page tables under the read lock.
#include "lockspec/mm_locks.h"

using namespace lockspec;

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long address)
    LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock);

int doMunmap(struct mm_struct *mm, unsigned long start, struct pmd_table *pmd,
             struct pte_table *pte) {
  if (mmap_write_lock_killable(mm))
    return -4; // -EINTR
  struct vm_area_struct *vma = vma_lookup(mm, start);
  if (!vma) {
    mmap_write_unlock(mm);
    return 0;
  }
  {
    alias::mmap_lock_write(mm, vma); // lockspec: alias
    vma_start_write(vma);            // vms_gather_munmap_vmas, before detaching it from the tree
  }
  mmap_write_downgrade(mm);
  {
    alias::mmap_lock_read(mm, vma); // lockspec: alias
    if (pte_offset_map_lock(mm, pmd, start, pte)) {
      op::zap(vma, pte, via::mmap_lock{});
      pte_unmap_unlock(pte, pte->pte_lock);
    }
    fact::assume_unreachable_via_rmap();
    fact::assume_vma_detached();
    fact::assume_zapped_no_installs();
    op::free_pgtables(vma, via::isolated{});
  }
  mmap_read_unlock(mm);
  return 0;
}
