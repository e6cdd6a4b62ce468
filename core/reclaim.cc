// Freeing empty PTE tables (seed 002, CONFIG_PT_RECLAIM) and rmap walks that unmap or age a
// folio through its anon_vma or its file's i_mmap tree.
#include <optional>
#include <string>

#include "core/mm.h"
#include "core/page_table.h"

namespace lockspec::core {
namespace {

/// Frees the PTE table under PMD entry `idx` of `pmd` if every entry is none: the PMD lock,
/// then the PTL, the PMD entry rechecked (pmd_same) and every entry rechecked under both,
/// the entry cleared, the table freed after a grace period (walkers under RCU or with
/// interrupts off may still be looking at it).  False (backed off) when it is gone or not
/// empty.
template <class S>
bool reclaimTable(Vma *vma, PmdTable *pmd, unsigned idx) LOCKSPEC_REQUIRES_SHARED(S::cap(vma)) {
  Mm *mm = mmOf(vma);
  pmd_lock(vma->vm_mm, pmd);
  PteTable *pte = pmd->entries[idx].load(std::memory_order_acquire);
  bool freed = false;
  if (pte) {
    pte->pte_lock.lock();
    bool empty = true;
    for (auto &e : pte->entries)
      empty &= e.load(std::memory_order_relaxed) == 0;
    if (empty) {
      fact::assume_pte_table_empty();          // checked above under the PTL
      fact::assume_freed_after_grace_period(); // freePteTableRcu below
      op::reclaim_empty_pte_table(vma, pmd, pte, typename S::Stable{});
      pmd->entries[idx].store(nullptr, std::memory_order_release);
      mm->liveTables.fetch_sub(1, std::memory_order_relaxed);
      freed = true;
    }
    pte->pte_lock.unlock();
  }
  pmd->pmd_lock.unlock();
  if (freed)
    freePteTableRcu(pte);
  return freed;
}

/// The rmap walk through an anon_vma: the root's rwsem keeps each VMA's range stable.
struct ByAnonVmaLock {
  using Stable = via::anon_vma_lock;
  using Age = via::rmap_walk_anon_vma_lock;
  static const lockspec::AnonVmaLock &cap(Vma *v) LOCKSPEC_RETURN_CAPABILITY(v->anon_vma->root->rwsem) {
    return v->anon_vma->root->rwsem;
  }
};

/// The rmap walk through a file's i_mmap tree: i_mmap_rwsem keeps each VMA's range stable.
struct ByIMmapLock {
  using Stable = via::i_mmap_lock;
  using Age = via::rmap_walk_i_mmap_lock;
  static const lockspec::IMmapLock &cap(Vma *v) LOCKSPEC_RETURN_CAPABILITY(v->mapping->i_mmap_rwsem) {
    return v->mapping->i_mmap_rwsem;
  }
};

/// Unmaps or ages `folio` in one VMA reached through the rmap tree `R` (page_vma_mapped_walk
/// + try_to_unmap_one or folio_referenced_one), the walk reaching the PTE as
/// pte_offset_map_lock does.  Returns true if the VMA mapped it.
template <class R>
bool rmapOne(Vma *vma, Folio *folio, bool unmap) LOCKSPEC_REQUIRES_SHARED(R::cap(vma)) {
  const unsigned long start = vma->vm_start(typename R::Stable{});
  const unsigned long end = vma->vm_end(typename R::Stable{});
  const unsigned long pgoff = vma->vm_pgoff(typename R::Stable{});
  const unsigned long index = folio->index.load(std::memory_order_relaxed);
  if (index < pgoff || index - pgoff >= (end - start) >> kPageShift)
    return false;
  const unsigned long addr = start + ((index - pgoff) << kPageShift);
  Mm *mm = mmOf(vma);
  PmdTable *pmd = pmdFind(mm, addr);
  if (!pmd)
    return false;
  // try_to_unmap_one brackets the change for secondary MMUs; aging does not.
  std::optional<NotifierRange> notify;
  if (unmap)
    notify.emplace(mm, addr, addr + kPageSize);
  PteTable *pte;
  rcu_read_lock();
  if (!ptlLockEntry(pmd, addr, &pte)) {
    rcu_read_unlock();
    return false;
  }
  rcu_read_unlock();
  std::atomic<std::uint64_t> &entry = pte->entries[pteIndex(addr)];
  std::uint64_t e = entry.load(std::memory_order_relaxed);
  const bool mapped = e && pteFolio(e) == folio->id;
  if (mapped && unmap) {
    op::zap(vma, pte, typename R::Stable{});
    entry.store(0, std::memory_order_release);
    unmapUnderPtl(mm, e);
  } else if (mapped) {
    op::modify_for_reclaim(vma, pte, typename R::Age{});
    entry.store(e & ~kPteYoung, std::memory_order_release);
  } else if (!e && LOCKSPEC_BREAKS(mm, install_rmap_only)) {
    folio->mapcount.fetch_add(1, std::memory_order_acq_rel); // re-install, rmap lock only
    folio->refcount.fetch_add(1, std::memory_order_acq_rel);
    entry.store(makePte(folio->id, kPteYoung), std::memory_order_release);
  }
  pte->pte_lock.unlock();
  if (mapped && unmap)
    dropMapping(mm, e);
  return mapped;
}

/// reclaimTable for a VMA of mm under mm's mmap lock.
bool reclaimOne(Mm *mm, Vma *vma, PmdTable *pmd, unsigned idx) LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  alias::mmap_lock_read(mm, vma); // vma is in mm's map
  return reclaimTable<ByMmapLock>(vma, pmd, idx);
}

/// rmapOne for a VMA linked to `av`, which shares the root the caller holds.
bool rmapOneLinked(lockspec::anon_vma *av, Vma *vma, Folio *folio, bool unmap)
    LOCKSPEC_REQUIRES_SHARED(av->root->rwsem) {
  alias::anon_vma_lock_read(av, vma); // checks vma->anon_vma shares av's root
  return rmapOne<ByAnonVmaLock>(vma, folio, unmap);
}

/// rmapOne for a VMA of `m`'s i_mmap tree, which the caller holds.
bool rmapOneFile(lockspec::address_space *m, Vma *vma, Folio *folio, bool unmap)
    LOCKSPEC_REQUIRES_SHARED(m->i_mmap_rwsem) {
  alias::i_mmap_lock_read(m, vma); // checks vma->mapping is m
  return rmapOne<ByIMmapLock>(vma, folio, unmap);
}

} // namespace

void freePteTableRcu(PteTable *pte) {
  rcuDefer(
      [](void *p) {
        auto *t = static_cast<PteTable *>(p);
        t->magic.store(PteTable::kDead, std::memory_order_relaxed);
        delete t;
      },
      pte);
}

unsigned reclaimEmptyTables(Mm *mm, unsigned long addr, unsigned long len) {
  unsigned freed = 0;
  mmap_read_lock(mm);
  const VmaMap *map = mm->map.load(std::memory_order_acquire);
  for (unsigned long span = (addr + kPteTableSpan - 1) & ~(kPteTableSpan - 1);
       span + kPteTableSpan <= addr + len; span += kPteTableSpan) {
    // Any VMA over the span is stable under the mmap lock and names it for the rule; a span
    // no VMA overlaps is free_pgtables' business.
    for (const VmaMap::Entry &e : map->entries) {
      if (e.start >= span + kPteTableSpan || e.end <= span)
        continue;
      if (PmdTable *pmd = pmdFind(mm, span))
        freed += reclaimOne(mm, e.vma, pmd, pmdIndex(span));
      break;
    }
  }
  mmap_read_unlock(mm);
  return freed;
}

int rmapWalk(Mm *mm, Folio *folio, bool unmap) {
  // The caller holds a reference, so the folio, its anon_vma and its file stay.
  if (unmap && (folio->pincount.load() > 0 ||
                folio->refcount.load() >= kGupPinCountingBias)) // folio_maybe_dma_pinned
    return 0;
  int found = 0;
  if (lockspec::address_space *m = folio->mapping) { // rmap_walk_file
    i_mmap_lock_read(m);
    for (Vma *vma : mappingVmas(m))
      found += rmapOneFile(m, vma, folio, unmap);
    i_mmap_unlock_read(m);
    return found;
  }
  lockspec::anon_vma *av = folio->anon_vma; // rmap_walk_anon
  if (!av)
    return 0;
  anon_vma_lock_read(av);
  for (Vma *vma : anonVmaVmas(av))
    found += rmapOneLinked(av, vma, folio, unmap);
  anon_vma_unlock_read(av);
  (void)mm;
  return found;
}

} // namespace lockspec::core
