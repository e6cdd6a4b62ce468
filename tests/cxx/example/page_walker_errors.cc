// The mistakes a downstream user makes, and the messages clang gives for them (pinned here with
// -verify on clang 14 and clang 19).  Each capability is named after its lock class, so clang 15
// and later print it as the kind: "requires holding mmap_lock 'vma->vm_mm->mmap_lock'"
// (clang 14 prints "mutex", or the kind of the first capability of the same attribute).
#include "lockspec/mm_locks.h"

using namespace lockspec;

void installWithOnlyTheRmapLock(vm_area_struct *vma, pte_table *pte) {
  anon_vma_lock_write(vma->anon_vma);
  pte->pte_lock.lock();
  // An rmap lock does not keep the range from reaching free_pgtables (operation install).
  op::install(vma, pte, via::mmap_lock{}); // expected-warning-re {{calling function 'install' requires holding {{(mutex|mmap_lock)}} 'vma->vm_mm->mmap_lock'}}
  pte->pte_lock.unlock();
  anon_vma_unlock_write(vma->anon_vma);
}

void zapUnderAnotherVmasLock(vm_area_struct *vma, vm_area_struct *other, pte_table *pte) {
  if (!lock_vma_under_rcu(other->vm_mm, 0, other))
    return;
  pte->pte_lock.lock();
  op::zap(vma, pte, via::vma_lock{}); // expected-warning-re {{calling function 'zap' requires holding {{(mutex|vma_lock)}} 'vma->vma_lock'}} expected-note {{found near match 'other->vma_lock'}}
  pte->pte_lock.unlock();
  vma_end_read(other);
}

void readLockVmaWithoutMmapLock(vm_area_struct *vma) {
  // v7.0's vma_start_read_locked asserts the mmap lock (operation read_lock_vma_under_mmap).
  if (vma_start_read_locked(vma)) // expected-warning-re {{calling function 'vma_start_read_locked' requires holding {{(mutex|mmap_lock)}} 'vma->vm_mm->mmap_lock'}}
    vma_end_read(vma);
}

void vmaWriteWithoutMmapWrite(vm_area_struct *vma) {
  mmap_read_lock(vma->vm_mm);
  vma_start_write(vma); // expected-warning-re {{calling function 'vma_start_write' requires holding {{(mutex|mmap_lock)}} 'vma->vm_mm->mmap_lock' exclusively}}
  mmap_read_unlock(vma->vm_mm);
}

void mmapLockUnderVmaReadLock(vm_area_struct *vma) {
  if (!lock_vma_under_rcu(vma->vm_mm, 0, vma))
    return;
  mmap_read_lock(vma->vm_mm); // expected-warning-re {{cannot call function 'mmap_read_lock' while {{(mutex|vma_lock)}} 'vma->vm_mm->vma_lock_read_held' is held}}
  mmap_read_unlock(vma->vm_mm);
  vma_end_read(vma);
}

void writeFieldUnderReadLock(vm_area_struct *vma) {
  mmap_read_lock(vma->vm_mm);
  // expected-warning-re@+2 {{calling function 'set_vm_page_prot' requires holding {{(mutex|mmap_lock)}} 'vma->vm_mm->mmap_lock' exclusively}}
  // expected-warning-re@+1 {{calling function 'set_vm_page_prot' requires holding {{[a-z_]+}} 'vma->vma_lock' exclusively}}
  vma->set_vm_page_prot(0);
  mmap_read_unlock(vma->vm_mm);
}

void useVmaWriteAfterDowngrade(vm_area_struct *vma) {
  mmap_write_lock(vma->vm_mm);
  vma_start_write(vma);
  mmap_write_downgrade(vma->vm_mm); // ends the VMA write hold too
  vma->set_vm_page_prot(0); // expected-warning-re {{calling function 'set_vm_page_prot' requires holding {{(mutex|mmap_lock)}} 'vma->vm_mm->mmap_lock' exclusively}}
  mmap_read_unlock(vma->vm_mm);
}

void pageTableLockBeforeMmapLock(mm_struct *mm) {
  mm->page_table_lock.lock();
  mm->mmap_lock.lock(); // expected-warning 1+ {{'mmap_lock' must be acquired before 'page_table_lock'}}
  mm->mmap_lock.unlock();
  mm->page_table_lock.unlock();
}

int vmaWriteKillableUnderMmapRead(vm_area_struct *vma) {
  mmap_read_lock(vma->vm_mm);
  int err = vma_start_write_killable(vma); // expected-warning-re {{calling function 'vma_start_write_killable' requires holding {{(mutex|mmap_lock)}} 'vma->vm_mm->mmap_lock' exclusively}}
  mmap_read_unlock(vma->vm_mm);
  return err;
}

void vmaWriteKillableResultIgnored(vm_area_struct *vma) {
  mmap_write_lock(vma->vm_mm);
  vma_start_write_killable(vma); // expected-warning {{ignoring return value of function declared with 'nodiscard' attribute}}
  vma->set_vm_page_prot(0);
  mmap_write_unlock(vma->vm_mm);
}

void useVmaWriteKillableAfterUnlock(vm_area_struct *vma) {
  mmap_write_lock(vma->vm_mm);
  if (vma_start_write_killable(vma) == 0)
    vma->set_vm_page_prot(0);
  mmap_write_unlock(vma->vm_mm); // ends the VMA write hold too
  vma->set_vm_page_prot(0); // expected-warning-re {{calling function 'set_vm_page_prot' requires holding {{(mutex|mmap_lock)}} 'vma->vm_mm->mmap_lock' exclusively}}
}
