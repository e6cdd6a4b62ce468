// A downstream user of lockspec/mm_locks.h: a tiny page-table walker and fault handler written
// the way the spec allows.  It compiles warning-free with clang -Wthread-safety
// -Wthread-safety-beta, and as plain C++ with g++ (tests/cxx/CMakeLists.txt).
#include "lockspec/mm_locks.h"

using namespace lockspec;

/// Zaps one PTE of a VMA found through the mmap lock: any lock that keeps the VMA stable will
/// do, and this caller names the one it holds with the evidence tag.
void zapOne(vm_area_struct *vma, pte_table *pte) {
  MmapReadLockGuard mmap(vma->vm_mm);
  pte->pte_lock.lock();
  op::zap(vma, pte, via::mmap_lock{});
  pte->pte_lock.unlock();
}

/// A fault under the VMA lock alone: the VMA is read-locked while the mmap lock is held
/// (v7.0's vma_start_read_locked asserts it), then the mmap lock is dropped and never taken
/// again under the VMA lock.
bool faultUnderVmaLock(vm_area_struct *vma, pte_table *pte) {
  mmap_read_lock(vma->vm_mm);
  if (!vma_start_read_locked(vma)) {
    mmap_read_unlock(vma->vm_mm);
    return false;
  }
  mmap_read_unlock(vma->vm_mm);
  pte->pte_lock.lock();
  op::install(vma, pte, via::vma_lock{});
  pte->pte_lock.unlock();
  vma_end_read(vma);
  return true;
}

/// Changes VMA metadata: mmap write lock, then the VMA write lock, which has no unlock of its
/// own and ends with the mmap write hold.
void protect(vm_area_struct *vma, unsigned long prot) {
  mmap_write_lock(vma->vm_mm);
  vma_start_write(vma);
  vma->set_vm_page_prot(prot);
  mmap_write_downgrade(vma->vm_mm);
  (void)vma->vm_page_prot(via::mmap_lock{}); // reading needs only a stable VMA
  mmap_read_unlock(vma->vm_mm);
}

/// The killable variant: on success the VMA is write-locked until the mmap write unlock, as
/// with vma_start_write; on a fatal signal the caller backs out.
int protectKillable(vm_area_struct *vma, unsigned long prot) {
  mmap_write_lock(vma->vm_mm);
  if (vma_start_write_killable(vma)) {
    mmap_write_unlock(vma->vm_mm);
    return -4; // -EINTR
  }
  vma->set_vm_page_prot(prot);
  mmap_write_unlock(vma->vm_mm);
  return 0;
}
