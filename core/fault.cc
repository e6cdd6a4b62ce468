// The page fault: the VMA lock first (lock_vma_under_rcu), the mmap read lock as fallback.
#include <optional>
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

/// The folio a fault installs, allocated with the PTL dropped: a new anonymous folio (a
/// private VMA's empty entry or copy-on-write), or the file's page-cache folio (a shared file
/// VMA, or a read of a private one: do_read_fault).  A private copy of a file page starts with
/// the page's contents (do_cow_fault).
Folio *faultFolio(Mm *mm, Vma *vma, AddressSpace *file, bool shared, bool write,
                  unsigned long index) {
  if (file && (shared || !write))
    return file->getPage(index);
  Folio *fresh = mm->pool.alloc(vma->anon_vma, index);
  if (fresh && file) {
    Folio *page = file->getPage(index);
    if (!page) {
      mm->pool.put(fresh);
      return nullptr;
    }
    fresh->data.store(page->data.load(std::memory_order_relaxed), std::memory_order_relaxed);
    mm->pool.put(page);
  }
  return fresh;
}

/// The page fault: do_anonymous_page, do_read_fault / do_shared_fault / do_cow_fault on a file
/// VMA, and do_wp_page.  The folio is allocated with the PTL dropped, the entry installed under
/// it (op install), rechecked after relocking.
template <class S>
Fault anonFault(Vma *vma, unsigned long addr, bool write) LOCKSPEC_REQUIRES_SHARED(S::cap(vma)) {
  Mm *mm = mmOf(vma);
  unsigned long flags = vma->flags(typename S::Stable{});
  if (write ? !(flags & VM_WRITE) : !(flags & (VM_READ | VM_WRITE)))
    return Fault::SegvAccErr;
  unsigned long start, end, pgoff;
  if (!readRange<S>(vma, &start, &end, &pgoff) || addr < start || addr >= end)
    return Fault::SegvMapErr;
  // vm_file is set at mmap and never changes while the VMA is stable.
  auto *file = static_cast<AddressSpace *>(vma->mapping);
  const bool shared = flags & VM_SHARED;
  const unsigned long index = pgoff + ((addr - start) >> kPageShift);
  PmdTable *pmd = pmdAlloc<S>(vma, addr);
  const unsigned idx = pmdIndex(addr);
  Folio *fresh = nullptr;
  // Replacing a present entry by a copy changes what the page maps: wp_page_copy brackets it
  // for secondary MMUs before it takes the PTL again (ends when the fault returns).
  std::optional<NotifierRange> notify;
  for (;;) {
    pteAlloc<S>(vma, pmd, addr);
    rcu_read_lock();
    PteTable *pte = rcuDereference(pmd->entries[idx]);
    if (!pte) { // reclaimed between the allocation and here
      rcu_read_unlock();
      continue;
    }
    if (!pte_offset_map_lock(vma->vm_mm, pmd, addr, pte)) {
      rcu_read_unlock();
      continue;
    }
    rcu_read_unlock();
    tableAlive(mm, pte);
    std::atomic<std::uint64_t> &entry = pte->entries[pteIndex(addr)];
    std::uint64_t old = entry.load(std::memory_order_relaxed);
    std::uint64_t dirty = write ? kPteWrite | kPteDirty : 0;
    // A write may reuse the mapped folio when the VMA is shared (wp_page_shared) or the folio
    // is anonymous and mapped once (wp_page_reuse); a private file page is always copied.
    Folio *mapped = old ? mm->pool.get(pteFolio(old)) : nullptr;
    if (old && (!write || (old & kPteWrite) || shared ||
                (!mapped->mapping && mapped->mapcount.load(std::memory_order_acquire) == 1))) {
      // Present: mark it young, and writable if written.
      op::install(vma, pte, typename S::Install{});
      entry.store(old | kPteYoung | dirty, std::memory_order_release);
      pte->pte_lock.unlock();
      if (fresh)
        mm->pool.put(fresh);
      return Fault::Ok;
    }
    if (!fresh) {
      pte->pte_lock.unlock();
      if (S::kRetryForIo && file && !file->cached(index)) {
        // filemap_fault on a page-cache miss: start the read, drop the fault lock for the
        // I/O (maybe_unlock_mmap_for_io) and return VM_FAULT_RETRY; the retry runs under the
        // mmap read lock and finds the page cached.
        if (Folio *page = file->getPage(index))
          mm->pool.put(page);
        return Fault::Retry;
      }
      fresh = faultFolio(mm, vma, file, shared, write, index);
      if (!fresh)
        return Fault::Oom;
      continue;
    }
    if (old && !notify) { // filled meanwhile and not reusable: bracket the copy first
      pte->pte_lock.unlock();
      notify.emplace(mm, addr, addr + kPageSize);
      continue;
    }
    // A new folio for an empty entry, or the copy of a shared one (wp_page_copy).
    if (old)
      fresh->data.store(mapped->data.load(std::memory_order_relaxed), std::memory_order_relaxed);
    fresh->mapcount.fetch_add(1, std::memory_order_acq_rel);
    // A private VMA maps a page-cache folio read-only, so that a write copies it.
    const std::uint64_t bits = fresh->mapping && !shared ? kPteYoung : kPteYoung | dirty;
    op::install(vma, pte, typename S::Install{});
    entry.store(makePte(fresh->id, bits), std::memory_order_release);
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

bool lockVmaCovering(Mm *mm, unsigned long start, unsigned long end, Vma **out) {
  rcu_read_lock();
  const VmaMap::Entry *found = rcuDereference(mm->map)->find(start);
  *out = found ? found->vma : nullptr;
  if (!*out || !lock_vma_under_rcu(mm, start, *out)) {
    rcu_read_unlock();
    return false;
  }
  // Locked, but maybe detached or shrunk meanwhile: recheck before leaving the section.
  if ((*out)->detached.load(std::memory_order_acquire) ||
      start < (*out)->vm_start(via::vma_lock{}) || end > (*out)->vm_end(via::vma_lock{})) {
    vma_end_read(*out);
    rcu_read_unlock();
    return false;
  }
  rcu_read_unlock();
  return true;
}

Fault handleUserFault(Mm *mm, unsigned long addr, bool write, bool *viaVmaLock) {
  if (viaVmaLock)
    *viaVmaLock = false;
  Vma *vma;
#ifndef LOCKSPEC_CORE_MMAP_LOCK_ONLY // else a kernel without CONFIG_PER_VMA_LOCK (bench/)
  if (lockVmaCovering(mm, addr, addr + 1, &vma)) {
    op::page_fault(vma, via::vma_lock{});
    if (LOCKSPEC_BREAKS(mm, mmap_lock_under_vma_lock)) { // the kernel only trylocks here
      mmap_read_lock(mm);
      mmap_read_unlock(mm);
    }
    Fault r = anonFault<ByVmaLock>(vma, addr, write);
    vma_end_read(vma);
    if (r != Fault::Retry) {
      if (viaVmaLock)
        *viaVmaLock = true;
      return r;
    }
  }
#endif
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
  op::page_fault(vma, via::mmap_lock{});
  Fault r = anonFault<ByMmapLock>(vma, addr, write);
  mmap_read_unlock(mm);
  return r;
}

} // namespace lockspec::core
