// Walking and allocating page tables, as templates over the stabiliser (mm.h) so that one
// body serves the VMA-lock and the mmap-lock callers and clang checks each.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "core/mm.h"
#include "core/notifier.h"

namespace lockspec::core {

/// The PMD table covering `addr`, or nullptr.  Upper tables are never freed while the mm
/// lives, so plain acquire loads suffice.
inline PmdTable *pmdFind(Mm *mm, unsigned long addr) {
  PudTable *pud = mm->pgdTable.entries[pgdIndex(addr)].load(std::memory_order_acquire);
  if (!pud)
    return nullptr;
  return pud->entries[pudIndex(addr)].load(std::memory_order_acquire);
}

/// The PMD table covering `addr`, allocating the PUD and PMD tables on the way under
/// mm->page_table_lock (op alloc_upper_table: __pud_alloc, __pmd_alloc).
template <class S>
PmdTable *pmdAlloc(Vma *vma, unsigned long addr) LOCKSPEC_REQUIRES_SHARED(S::cap(vma)) {
  Mm *mm = mmOf(vma);
  std::atomic<PudTable *> &pgde = mm->pgdTable.entries[pgdIndex(addr)];
  PudTable *pud = pgde.load(std::memory_order_acquire);
  if (!pud) {
    auto *fresh = new PudTable;
    spin_lock(vma->vm_mm->page_table_lock);
    op::alloc_upper_table(vma, typename S::Stable{});
    pud = pgde.load(std::memory_order_relaxed);
    if (!pud) {
      pgde.store(fresh, std::memory_order_release);
      pud = fresh;
      fresh = nullptr;
    }
    spin_unlock(vma->vm_mm->page_table_lock);
    delete fresh;
  }
  std::atomic<PmdTable *> &pude = pud->entries[pudIndex(addr)];
  PmdTable *pmd = pude.load(std::memory_order_acquire);
  if (!pmd) {
    auto *fresh = new PmdTable(mm);
    // pud_lock is page_table_lock: PUD locks are not split.
    pud_lock(vma->vm_mm, 0);
    op::alloc_upper_table(vma, typename S::Stable{});
    pmd = pude.load(std::memory_order_relaxed);
    if (!pmd) {
      pude.store(fresh, std::memory_order_release);
      pmd = fresh;
      fresh = nullptr;
    }
    spin_unlock(vma->vm_mm->page_table_lock);
    delete fresh;
  }
  return pmd;
}

/// Makes sure the PMD entry covering `addr` points at a PTE table (__pte_alloc: the table is
/// linked under the PMD lock, op alloc_pte_table).
template <class S>
void pteAlloc(Vma *vma, PmdTable *pmd, unsigned long addr) LOCKSPEC_REQUIRES_SHARED(S::cap(vma)) {
  std::atomic<PteTable *> &pmde = pmd->entries[pmdIndex(addr)];
  if (pmde.load(std::memory_order_acquire))
    return;
  Mm *mm = mmOf(vma);
  auto *fresh = new PteTable(mm, pmd);
  pmd_lock(vma->vm_mm, pmd);
  op::alloc_pte_table(vma, pmd, typename S::Stable{});
  if (!pmde.load(std::memory_order_relaxed)) {
    rcuAssign(pmde, fresh);
    mm->liveTables.fetch_add(1, std::memory_order_relaxed);
    fresh = nullptr;
  }
  pmd->pmd_lock.unlock();
  delete fresh;
}

/// Checks that a table found by a walker is alive (it may only be freed after a grace period
/// once unreachable).
inline bool tableAlive(Mm *mm, PteTable *pte) {
  if (pte->magic.load(std::memory_order_relaxed) == PteTable::kLive)
    return true;
  mm->report.fail("a walker reached a freed PTE table");
  return false;
}


} // namespace lockspec::core

namespace lockspec::core {

/// pte_offset_map_lock with its retry: reads the PMD entry for `addr` inside the caller's RCU
/// section and locks that table through the stand-in, which waits for the PTL and rechecks the
/// entry; while the table is replaced underneath (reclaimed, or moved by mremap) it reads the
/// entry again.  True with `*out` locked; false when the entry is none, and then no lock is held.
inline bool ptlLockEntry(PmdTable *pmd, unsigned long addr, PteTable **out)
    LOCKSPEC_REQUIRES_SHARED(::lockspec::rcu) LOCKSPEC_TRY_ACQUIRE(true, (*out)->pte_lock) {
  for (;;) {
    PteTable *pte = rcuDereference(pmd->entries[pmdIndex(addr)]);
    if (!pte)
      return false;
    *out = pte;
    if (pte_offset_map_lock(pmd->mm, pmd, addr, *out))
      return true;
  }
}

} // namespace lockspec::core

namespace lockspec::core {

/// Unmaps a folio's PTE under the PTL: the rmap half (folio_remove_rmap_pte).  The reference
/// is dropped later by dropMapping, after the PTL, as a TLB gather frees pages after the flush.
inline void unmapUnderPtl(Mm *mm, std::uint64_t pte) {
  Folio *f = mm->pool.get(pteFolio(pte));
  if (f->mapcount.fetch_sub(1, std::memory_order_acq_rel) <= 0)
    mm->report.fail("folio " + std::to_string(f->id) + " unmapped more often than mapped");
}

/// Drops the reference an unmapped entry held.
inline void dropMapping(Mm *mm, std::uint64_t pte) {
  Folio *f = mm->pool.get(pteFolio(pte));
  if (!mm->pool.put(f))
    mm->report.fail("folio " + std::to_string(f->id) + " freed while pinned or mapped");
}

/// Clears every entry of [start, end) in `vma` (zap_pte_range), each table under its PTL and
/// reached as pte_offset_map_lock does: RCU, lock, recheck the PMD entry.  Returns the number
/// of entries cleared.
template <class S>
unsigned long zapRange(Vma *vma, unsigned long start, unsigned long end)
    LOCKSPEC_REQUIRES_SHARED(S::cap(vma)) {
  Mm *mm = mmOf(vma);
  std::vector<std::uint64_t> gathered;
  NotifierRange notify(mm, start, end); // invalidate_range_start before any entry changes
  for (unsigned long a = start; a < end;) {
    unsigned long next = std::min(end, (a & ~(kPteTableSpan - 1)) + kPteTableSpan);
    PteTable *pte;
    if (PmdTable *pmd = pmdFind(mm, a)) {
      rcu_read_lock();
      if (PteTable *seen = rcuDereference(pmd->entries[pmdIndex(a)]))
        op::mmu_notifier_invalidate(vma, seen, typename S::Stable{}); // not under the PTL
      if (ptlLockEntry(pmd, a, &pte)) {
        rcu_read_unlock();
        tableAlive(mm, pte);
        op::zap(vma, pte, typename S::Stable{});
        for (unsigned long x = a; x < next; x += kPageSize)
          if (std::uint64_t old = pte->entries[pteIndex(x)].exchange(0, std::memory_order_acq_rel)) {
            unmapUnderPtl(mm, old);
            gathered.push_back(old);
          }
        pte->pte_lock.unlock();
      } else {
        rcu_read_unlock();
      }
    }
    a = next;
  }
  fact::assume_primary_pte_cleared(); // every entry above was cleared under its PTL
  op::secondary_tlb_invalidate(vma, typename S::Stable{});
  for (std::uint64_t old : gathered)
    dropMapping(mm, old);
  return gathered.size();
}

} // namespace lockspec::core
