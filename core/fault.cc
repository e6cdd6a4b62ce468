// The page fault: the VMA lock first (lock_vma_under_rcu), the mmap read lock as fallback.
#include <string>

#include "core/mm.h"
#include "core/page_table.h"

namespace lockspec::core {
namespace {

/// Reads the VMA's range under its stabiliser and checks the fields agree (a torn update
/// would break vm_pgoff - vm_start / kPageSize == pgoffBias).
template <class S>
bool readRange(Vma *vma, unsigned long *start, unsigned long *end, unsigned long *pgoff)
    LOCKSPEC_REQUIRES_SHARED(S::cap(vma)) {
  *start = vma->vm_start(typename S::Stable{});
  *end = vma->vm_end(typename S::Stable{});
  *pgoff = vma->vm_pgoff(typename S::Stable{});
  if (*start < *end && static_cast<long>(*pgoff) - static_cast<long>(*start >> kPageShift) ==
                           vma->pgoffBias)
    return true;
  mmOf(vma)->report.fail("VMA fields seen torn under a stabilising lock: [" +
                         std::to_string(*start) + ", " + std::to_string(*end) + ") pgoff " +
                         std::to_string(*pgoff));
  return false;
}

/// do_anonymous_page and do_wp_page on an anonymous VMA.  The folio is allocated with the PTL
/// dropped, the entry installed under it (op install), rechecked after relocking.
template <class S>
Fault anonFault(Vma *vma, unsigned long addr, bool write) LOCKSPEC_REQUIRES_SHARED(S::cap(vma)) {
  Mm *mm = mmOf(vma);
  unsigned long flags = vma->flags(typename S::Stable{});
  if (write ? !(flags & VM_WRITE) : !(flags & (VM_READ | VM_WRITE)))
    return Fault::SegvAccErr;
  unsigned long start, end, pgoff;
  if (!readRange<S>(vma, &start, &end, &pgoff) || addr < start || addr >= end)
    return Fault::SegvMapErr;
  PmdTable *pmd = pmdAlloc<S>(vma, addr);
  const unsigned idx = pmdIndex(addr);
  Folio *fresh = nullptr;
  for (;;) {
    pteAlloc<S>(vma, pmd, addr);
    rcu_read_lock();
    PteTable *pte = rcuDereference(pmd->entries[idx]);
    if (!pte) { // reclaimed between the allocation and here
      rcu_read_unlock();
      continue;
    }
    if (!ptlLockChecked(pmd, idx, pte)) {
      rcu_read_unlock();
      continue;
    }
    rcu_read_unlock();
    tableAlive(mm, pte);
    std::atomic<std::uint64_t> &entry = pte->entries[pteIndex(addr)];
    std::uint64_t old = entry.load(std::memory_order_relaxed);
    std::uint64_t dirty = write ? kPteWrite | kPteDirty : 0;
    if (old && (!write || (old & kPteWrite) ||
                mm->pool.get(pteFolio(old))->mapcount.load(std::memory_order_acquire) == 1)) {
      // Present: mark it young; a write to an exclusive folio reuses it (wp_page_reuse).
      op::install(vma, pte, typename S::Install{});
      entry.store(old | kPteYoung | dirty, std::memory_order_release);
      pte->pte_lock.unlock();
      if (fresh)
        mm->pool.put(fresh);
      return Fault::Ok;
    }
    if (!fresh) {
      pte->pte_lock.unlock();
      fresh = mm->pool.alloc(vma->anon_vma, pgoff + ((addr - start) >> kPageShift));
      if (!fresh)
        return Fault::Oom;
      continue;
    }
    // A new folio for an empty entry, or the copy of a shared one (wp_page_copy).
    if (old)
      fresh->data.store(mm->pool.get(pteFolio(old))->data.load(std::memory_order_relaxed),
                        std::memory_order_relaxed);
    fresh->mapcount.store(1, std::memory_order_relaxed);
    op::install(vma, pte, typename S::Install{});
    entry.store(makePte(fresh->id, kPteYoung | dirty), std::memory_order_release);
    if (old)
      unmapUnderPtl(mm, old);
    pte->pte_lock.unlock();
    if (old)
      dropMapping(mm, old);
    return Fault::Ok;
  }
}

} // namespace

Fault faultInLocked(Vma *vma, unsigned long addr, bool write) {
  return anonFault<ByMmapLock>(vma, addr, write);
}

Fault faultUnderVmaLock(Vma *vma, unsigned long addr, bool write) {
  return anonFault<ByVmaLock>(vma, addr, write);
}

Fault handleUserFault(Mm *mm, unsigned long addr, bool write, bool *viaVmaLock) {
  if (viaVmaLock)
    *viaVmaLock = false;
  // lock_vma_under_rcu: find the VMA under RCU, read-lock it (fails while it is write-locked),
  // then make sure it is still attached and still covers addr before leaving the section.
  rcu_read_lock();
  const VmaMap::Entry *found = rcuDereference(mm->map)->find(addr);
  Vma *vma = found ? found->vma : nullptr;
  if (vma && lock_vma_under_rcu(mm, addr, vma)) {
    if (!vma->detached.load(std::memory_order_acquire) && addr >= vma->vm_start(via::vma_lock{}) &&
        addr < vma->vm_end(via::vma_lock{})) {
      rcu_read_unlock();
      op::page_fault(vma, via::per_vma{});
      Fault r = anonFault<ByVmaLock>(vma, addr, write);
      vma_end_read(vma);
      if (r != Fault::Retry) {
        if (viaVmaLock)
          *viaVmaLock = true;
        return r;
      }
    } else {
      vma_end_read(vma);
      rcu_read_unlock();
    }
  } else {
    rcu_read_unlock();
  }
  // The fallback: lock_mm_and_find_vma.
  mmap_read_lock(mm);
  const VmaMap::Entry *e = mm->map.load(std::memory_order_acquire)->find(addr);
  if (!e) {
    mmap_read_unlock(mm);
    return Fault::SegvMapErr;
  }
  vma = e->vma;
  // The VMA came out of mm's map under mm's mmap lock: vma->vm_mm is mm (checked).
  alias::mmap_lock_read(mm, vma);
  op::page_fault(vma, via::mmap{});
  Fault r = anonFault<ByMmapLock>(vma, addr, write);
  mmap_read_unlock(mm);
  return r;
}

} // namespace lockspec::core
