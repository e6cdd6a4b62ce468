// The page-fault path as mm/memory.c and the arch fault handlers write it: the VMA lock first,
// then the mmap read lock when the lock-free lookup fails, and a retry under the mmap lock
// when the fault needs more than the VMA lock (__vmf_anon_prepare's mmap_read_trylock).
#include "lockspec/mm_locks.h"

using namespace lockspec;

/// The caller's lookup of the VMA covering an address, under the mmap lock (find_vma).
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long address)
    LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock);

/// __vmf_anon_prepare under the VMA lock: the anon_vma may need setting up, which needs the
/// mmap lock; under a VMA read lock only a trylock is allowed (a sleeping mmap_read_lock could
/// deadlock against a writer waiting for this VMA).
bool anonPrepare(struct vm_area_struct *vma) LOCKSPEC_REQUIRES_SHARED(vma->vma_lock) {
  if (!mmap_read_trylock(vma->vm_mm))
    return false; // VM_FAULT_RETRY
  mmap_read_unlock(vma->vm_mm);
  return true;
}

/// The caller's lock-free lookup (mas_walk of mm->mm_mt under RCU), which lock_vma_under_rcu
/// does itself in the kernel: clang cannot attach a capability to a returned pointer, so the
/// header's lock_vma_under_rcu takes the VMA found and returns it locked, or NULL.
struct vm_area_struct *vma_lookup_rcu(struct mm_struct *mm, unsigned long address);

int doUserFault(struct mm_struct *mm, unsigned long address) {
  struct vm_area_struct *vma = vma_lookup_rcu(mm, address);
  if (vma && lock_vma_under_rcu(mm, address, vma)) {
    if (anonPrepare(vma))
      op::page_fault(vma, via::vma_lock{});
    vma_end_read(vma);
    return 0;
  }
  mmap_read_lock(mm);
  vma = find_vma(mm, address);
  if (!vma) {
    mmap_read_unlock(mm);
    return -14; // -EFAULT
  }
  alias::mmap_lock_read(mm, vma); // lockspec: alias
  op::page_fault(vma, via::mmap_lock{});
  mmap_read_unlock(mm);
  return 0;
}
