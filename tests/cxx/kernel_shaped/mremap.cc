// mremap moving a whole PMD (move_normal_pmd): the mmap write lock, both VMAs write-locked,
// the source PMD lock and the destination's nested under it.
#include "lockspec/mm_locks.h"

using namespace lockspec;

void moveNormalPmd(struct mm_struct *mm, struct vm_area_struct *vma, struct vm_area_struct *new_vma,
                   struct pmd_table *old_pmd, struct pmd_table *new_pmd) {
  mmap_write_lock(mm);
  alias::mmap_lock_write(mm, vma);     // lockspec: alias
  alias::mmap_lock_write(mm, new_vma); // lockspec: alias
  vma_start_write(vma);
  vma_start_write(new_vma);
  pmd_lock(mm, old_pmd);
  spin_lock_nested(new_pmd->pmd_lock, 1); // SINGLE_DEPTH_NESTING
  op::move_page_tables(vma, new_vma, old_pmd, new_pmd);
  spin_unlock(new_pmd->pmd_lock);
  spin_unlock(old_pmd->pmd_lock);
  mmap_write_unlock(mm);
}
