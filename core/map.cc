// The VMA-changing protocols: mmap, munmap, mprotect, madvise(MADV_DONTNEED).
#include <algorithm>
#include <utility>
#include <vector>

#include "core/mm.h"
#include "core/page_table.h"

namespace lockspec::core {
namespace {

/// The current map, for a holder of the mmap lock (no writer can replace it meanwhile).
const VmaMap *lockedMap(Mm *mm) LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  return mm->map.load(std::memory_order_acquire);
}

/// The range of a VMA of mm, read under mm's mmap lock.
VmaMap::Entry rangeOf(Mm *mm, Vma *vma) LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  alias::mmap_lock_read(mm, vma); // vma is in mm's map (checked)
  return {vma->vm_start(via::mmap_lock{}), vma->vm_end(via::mmap_lock{}), vma};
}

/// Publishes a map holding `vmas` (the maple tree store) and frees the old one after a grace
/// period: lookups under RCU see either.
void publishMap(Mm *mm, const std::vector<Vma *> &vmas) LOCKSPEC_REQUIRES(mm->mmap_lock) {
  auto *fresh = new VmaMap;
  for (Vma *v : vmas)
    fresh->entries.push_back(rangeOf(mm, v));
  std::sort(fresh->entries.begin(), fresh->entries.end(),
            [](const VmaMap::Entry &a, const VmaMap::Entry &b) { return a.start < b.start; });
  VmaMap *old = mm->map.load(std::memory_order_relaxed);
  rcuAssign(mm->map, fresh);
  mm->set_mm_mt(mm->mm_mt(via::mmap_lock{}) + 1);
  mm->set_map_count(fresh->entries.size());
  rcuDelete(old);
}

/// The VMAs of the current map, in address order.
std::vector<Vma *> vmasOf(Mm *mm) LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  std::vector<Vma *> out;
  for (const VmaMap::Entry &e : lockedMap(mm)->entries)
    out.push_back(e.vma);
  return out;
}

/// Splits `vma` at `at` (__split_vma): `vma` keeps [start, at), the returned VMA takes
/// [at, end).  Both are write-locked, and the write locks of every rmap tree that links the
/// VMA (vma_prepare: i_mmap first, then anon_vma) hide the change from rmap walkers (rule
/// write_all).  `File` and `Anon` say which trees link it, so that each instantiation takes
/// its locks unconditionally.  The caller publishes the map.
template <bool File, bool Anon>
Vma *splitVmaIn(Mm *mm, Vma *vma, unsigned long at) LOCKSPEC_REQUIRES(mm->mmap_lock) {
  alias::mmap_lock_write(mm, vma); // vma is in mm's map
  if (!LOCKSPEC_BREAKS(mm, vma_fields_no_vma_lock))
    vma_start_write(vma);
  const unsigned long start = vma->vm_start(via::mmap_lock{});
  const unsigned long end = vma->vm_end(via::mmap_lock{});
  const unsigned long pgoff = vma->vm_pgoff(via::mmap_lock{});
  auto *tail = new Vma(mm);
  tail->pgoffBias = vma->pgoffBias;
  tail->mapping = vma->mapping; // vm_file: set before the VMA is reachable
  alias::mmap_lock_write(mm, tail); // a new VMA of mm
  vma_start_write(tail);
  if constexpr (Anon) {
    spin_lock(tail->vm_mm->page_table_lock);
    tail->set_anon_vma_null_to_non_null(vma->anon_vma, via::fault{});
    spin_unlock(tail->vm_mm->page_table_lock);
  }
  tail->set_flags_vm_flags_helpers(vma->flags(via::mmap_lock{}));
  tail->setChain(vma->chain());
  if constexpr (File) {
    i_mmap_lock_write(vma->mapping);
    alias::i_mmap_lock_write(vma->mapping, tail); // tail maps vma's file
  }
  if constexpr (Anon) {
    if (!LOCKSPEC_BREAKS(mm, vma_fields_no_rmap_lock))
      anon_vma_lock_write(vma->anon_vma);
    alias::anon_vma_lock_write(vma->anon_vma, tail); // tail shares vma's anon_vma
  }
  tail->set_vm_start(at);
  tail->set_vm_end(end);
  tail->set_vm_pgoff(pgoff + ((at - start) >> kPageShift));
  vma->set_vm_end(at);
  if constexpr (Anon) {
    if (LOCKSPEC_BREAKS(mm, vma_fields_no_rmap_lock)) // the fields went unlocked, not the link
      anon_vma_lock_write(vma->anon_vma);
    anonVmaLinkChain(vma->anon_vma, tail->chain(), tail);
    anon_vma_unlock_write(vma->anon_vma);
  }
  if constexpr (File) {
    mappingLink(vma->mapping, tail);
    i_mmap_unlock_write(vma->mapping);
  }
  tail->detached.store(false, std::memory_order_release);
  return tail;
}

/// splitVmaIn for the trees that link `vma`: an anonymous VMA is in its anon_vma's, a shared
/// file VMA in its file's i_mmap, a private file VMA in both.
Vma *splitVma(Mm *mm, Vma *vma, unsigned long at) LOCKSPEC_REQUIRES(mm->mmap_lock) {
  if (!vma->mapping)
    return splitVmaIn<false, true>(mm, vma, at);
  return vma->anon_vma ? splitVmaIn<true, true>(mm, vma, at) : splitVmaIn<true, false>(mm, vma, at);
}

/// Splits the VMAs of mm so that none straddles `addr` or `end`, and returns those inside
/// [addr, end) in address order.  `all` receives every VMA of the mm afterwards.
std::vector<Vma *> isolateRange(Mm *mm, unsigned long addr, unsigned long end,
                                std::vector<Vma *> *all) LOCKSPEC_REQUIRES(mm->mmap_lock) {
  std::vector<std::pair<unsigned long, Vma *>> inside;
  *all = vmasOf(mm);
  for (std::size_t i = 0; i < all->size(); ++i) {
    Vma *v = (*all)[i];
    VmaMap::Entry r = rangeOf(mm, v);
    if (r.end <= addr || r.start >= end)
      continue;
    if (r.start < addr) {
      all->push_back(splitVma(mm, v, addr)); // revisited by the loop as a VMA of its own
      continue;
    }
    if (r.end > end)
      all->push_back(splitVma(mm, v, end));
    inside.emplace_back(r.start, v);
  }
  std::sort(inside.begin(), inside.end());
  std::vector<Vma *> out;
  for (auto &[start, v] : inside)
    out.push_back(v);
  return out;
}

/// True when the VMAs of the map cover [addr, end) without a hole.
bool covered(const VmaMap *map, unsigned long addr, unsigned long end) {
  unsigned long at = addr;
  for (const VmaMap::Entry &e : map->entries)
    if (e.start <= at && e.end > at)
      at = e.end;
  return at >= end;
}

/// Marks a VMA of mm detached under its write lock (vma_mark_detached).
void detachVma(Mm *mm, Vma *vma) LOCKSPEC_REQUIRES(mm->mmap_lock) {
  alias::mmap_lock_write(mm, vma);
  vma_start_write(vma);
  op::mark_vma_detached(vma);
  vma->detached.store(true, std::memory_order_release);
}

/// Zaps a detached VMA and unlinks it from its anon_vmas and its file's i_mmap tree, under the downgraded mmap lock
/// (unmap_region's first half).
void unmapDetached(Mm *mm, Vma *vma) LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  VmaMap::Entry r = rangeOf(mm, vma);
  alias::mmap_lock_read(mm, vma);
  zapRange<ByMmapLock>(vma, r.start, r.end);
  for (lockspec::anon_vma *av : vma->chain()) {
    anon_vma_lock_write(av);
    if (!anonVmaUnlink(av, vma))
      mm->report.fail("munmap found a VMA its anon_vma did not link");
    anon_vma_unlock_write(av);
  }
  if (lockspec::address_space *m = vma->mapping) { // unlink_file_vma
    i_mmap_lock_write(m);
    if (!mappingUnlink(m, vma))
      mm->report.fail("munmap found a file VMA its i_mmap tree did not link");
    i_mmap_unlock_write(m);
  }
}

/// free_pgtables for the range of a detached, zapped, rmap-unlinked VMA: frees each PTE table
/// of the range that no remaining VMA overlaps.  The PMD entry is cleared under the PMD lock
/// and the table's PTL, and the table freed after a grace period, because GUP-fast and RCU
/// walkers may still be looking at it.
void freePgtables(Mm *mm, Vma *vma) LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  VmaMap::Entry r = rangeOf(mm, vma);
  alias::mmap_lock_read(mm, vma);
  fact::assume_unreachable_via_rmap(); // unmapDetached unlinked it from its anon_vma
  fact::assume_vma_detached();         // detachVma, under the write lock
  fact::assume_zapped_no_installs();   // zapped, and detached VMAs take no faults
  op::free_pgtables(vma, via::isolated{});
  const VmaMap *map = lockedMap(mm);
  for (unsigned long span = r.start & ~(kPteTableSpan - 1); span < r.end; span += kPteTableSpan) {
    bool shared = false;
    for (const VmaMap::Entry &e : map->entries)
      shared |= e.start < span + kPteTableSpan && e.end > span;
    PmdTable *pmd = pmdFind(mm, span);
    if (shared || !pmd)
      continue;
    pmd_lock(mm, pmd);
    PteTable *pte = pmd->entries[pmdIndex(span)].load(std::memory_order_relaxed);
    if (pte) {
      pte->pte_lock.lock();
      for (auto &e : pte->entries)
        if (e.load(std::memory_order_relaxed))
          mm->report.fail("free_pgtables found a mapped entry outside every VMA");
      pmd->entries[pmdIndex(span)].store(nullptr, std::memory_order_release);
      pte->pte_lock.unlock();
      mm->liveTables.fetch_sub(1, std::memory_order_relaxed);
    }
    pmd->pmd_lock.unlock();
    if (pte)
      freePteTableRcu(pte);
  }
}

/// Write-protects the present entries of [start, end) of a write-locked VMA (change_pte_range).
void writeProtect(Mm *mm, Vma *vma, unsigned long start, unsigned long end)
    LOCKSPEC_REQUIRES(mm->mmap_lock) {
  alias::mmap_lock_write(mm, vma);
  NotifierRange notify(mm, start, end); // change_protection's invalidate_range_start
  for (unsigned long a = start; a < end;) {
    unsigned long next = std::min(end, (a & ~(kPteTableSpan - 1)) + kPteTableSpan);
    PteTable *pte;
    if (PmdTable *pmd = pmdFind(mm, a)) {
      rcu_read_lock();
      if (ptlLockEntry(pmd, a, &pte)) {
        rcu_read_unlock();
        op::install(vma, pte, via::mmap_lock{});
        for (unsigned long x = a; x < next; x += kPageSize) {
          std::atomic<std::uint64_t> &e = pte->entries[pteIndex(x)];
          if (std::uint64_t v = e.load(std::memory_order_relaxed))
            e.store(v & ~kPteWrite, std::memory_order_release);
        }
        pte->pte_lock.unlock();
      } else {
        rcu_read_unlock();
      }
    }
    a = next;
  }
}

/// Sets the flags of a VMA of mm (vm_flags_reset under the VMA write lock) and write-protects
/// its entries when write permission goes away.
void changeProtection(Mm *mm, Vma *vma, unsigned long flags) LOCKSPEC_REQUIRES(mm->mmap_lock) {
  VmaMap::Entry r = rangeOf(mm, vma);
  alias::mmap_lock_write(mm, vma);
  if (!LOCKSPEC_BREAKS(mm, vma_fields_no_vma_lock))
    vma_start_write(vma);
  // mprotect changes the protection bits only; VM_SHARED stays what mmap made it.
  flags = (vma->flags(via::mmap_lock{}) & ~(VM_READ | VM_WRITE)) | (flags & (VM_READ | VM_WRITE));
  vma->set_flags_vm_flags_helpers(flags);
  if (!(flags & VM_WRITE))
    writeProtect(mm, vma, r.start, r.end);
}

/// Zaps the part [start, end) of a VMA of mm under the mmap read lock.
void dontneed(Mm *mm, Vma *vma, unsigned long start, unsigned long end)
    LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  alias::mmap_lock_read(mm, vma);
  zapRange<ByMmapLock>(vma, start, end);
}

/// The body of munmap after the write lock: split, detach under the VMA write locks, publish,
/// downgrade, zap, unlink from the rmap, free page tables, unlock, free the VMAs after a grace
/// period.
void unmapAndUnlock(Mm *mm, unsigned long addr, unsigned long end) LOCKSPEC_RELEASE(mm->mmap_lock) {
  std::vector<Vma *> all;
  std::vector<Vma *> victims = isolateRange(mm, addr, end, &all);
  std::vector<Vma *> kept;
  for (Vma *v : all)
    if (std::find(victims.begin(), victims.end(), v) == victims.end())
      kept.push_back(v);
  for (Vma *v : victims)
    detachVma(mm, v);
  publishMap(mm, kept);
  // Readers of the detached VMAs are gone (vma_start_write waited for them) and new ones fail:
  // the rest runs under the read lock, as the kernel's munmap downgrades.
  mmap_write_downgrade(mm);
  for (Vma *v : victims)
    unmapDetached(mm, v);
  for (Vma *v : victims)
    freePgtables(mm, v);
  mmap_read_unlock(mm);
  for (Vma *v : victims)
    rcuDelete(v);
}

/// copy_pte_range for one PTE table's span: the child's PTL, then the parent's nested.
/// Unpinned folios become copy-on-write (both entries read-only, one more mapping); a folio
/// that may be pinned is copied for the child instead, so the pinned page stays the parent's
/// alone (folio_maybe_dma_pinned, seed 001).  Page-cache folios are shared as they are
/// (copy_present_pte copies anonymous folios only).
void copySpan(Mm *parent, Mm *child, Vma *src, Vma *dst, unsigned long a, unsigned long next)
    LOCKSPEC_REQUIRES(parent->mmap_lock, child->mmap_lock, parent->write_protect_seq_lock,
                      src->vma_lock) {
  alias::mmap_lock_write(parent, src);        // src is in parent's map
  alias::mmap_lock_write(child, dst);         // dst belongs to child
  alias::write_protect_seq_write(parent, src);
  PmdTable *spmd = pmdFind(parent, a);
  if (!spmd || !spmd->entries[pmdIndex(a)].load(std::memory_order_acquire))
    return;
  NotifierRange notify(parent, a, next); // the parent's entries turn read-only
  PmdTable *dpmd = pmdAlloc<ByMmapLock>(dst, a);
  pteAlloc<ByMmapLock>(dst, dpmd, a);
  PteTable *dpte = dpmd->entries[pmdIndex(a)].load(std::memory_order_acquire);
  dpte->pte_lock.lock();
  rcu_read_lock();
  PteTable *spte = rcuDereference(spmd->entries[pmdIndex(a)]);
  if (!spte || !pte_offset_map_lock(parent, spmd, a, spte)) { // reclaimed meanwhile: empty
    rcu_read_unlock();
    dpte->pte_lock.unlock();
    return;
  }
  rcu_read_unlock();
  op::fork_write_protect(src, spte);
  op::install(dst, dpte, via::mmap_lock{});
  for (unsigned long x = a; x < next; x += kPageSize) {
    std::atomic<std::uint64_t> &se = spte->entries[pteIndex(x)];
    std::uint64_t e = se.load(std::memory_order_relaxed);
    if (!e)
      continue;
    Folio *f = parent->pool.get(pteFolio(e));
    std::uint64_t de;
    if (!f->mapping && (f->pincount.load(std::memory_order_seq_cst) > 0 ||
                        f->refcount.load(std::memory_order_seq_cst) >= kGupPinCountingBias)) {
      Folio *copy = parent->pool.alloc(dst->anon_vma, f->index.load(std::memory_order_relaxed));
      if (!copy) {
        parent->report.fail("fork ran out of folios copying a pinned one");
        continue;
      }
      copy->data.store(f->data.load(std::memory_order_relaxed), std::memory_order_relaxed);
      copy->mapcount.store(1, std::memory_order_relaxed);
      de = makePte(copy->id, e & (kPteWrite | kPteDirty | kPteYoung));
    } else {
      f->mapcount.fetch_add(1, std::memory_order_acq_rel);
      f->refcount.fetch_add(1, std::memory_order_acq_rel);
      se.store(e & ~kPteWrite, std::memory_order_release);
      de = e & ~kPteWrite;
    }
    dpte->entries[pteIndex(x)].store(de, std::memory_order_release);
  }
  spte->pte_lock.unlock();
  dpte->pte_lock.unlock();
}

/// dup_mmap for one VMA: the source write-locked, a child VMA with a new anon_vma under the
/// source's root (anon_vma_fork) linked into the whole chain, and into the file's i_mmap tree
/// next to the source; then its page tables copied.  A VMA without an anon_vma (a shared file
/// mapping) copies no page tables: the child faults the page cache in (vma_needs_copy).
template <bool File, bool Anon>
Vma *dupVmaIn(Mm *parent, Mm *child, Vma *src)
    LOCKSPEC_REQUIRES(parent->mmap_lock, child->mmap_lock, parent->write_protect_seq_lock) {
  VmaMap::Entry r = rangeOf(parent, src);
  alias::mmap_lock_write(parent, src); // src is in parent's map
  vma_start_write(src);
  auto *dst = new Vma(child);
  dst->pgoffBias = src->pgoffBias;
  dst->mapping = src->mapping; // get_file: the child maps the same file
  alias::mmap_lock_write(child, dst); // a new VMA of child
  vma_start_write(dst);
  if constexpr (Anon) {
    auto *av = new AnonVma(src->anon_vma->root);
    parent->adoptAnonVma(av); // lives with its root's mm (see README)
    spin_lock(dst->vm_mm->page_table_lock);
    dst->set_anon_vma_null_to_non_null(av, via::fault{});
    spin_unlock(dst->vm_mm->page_table_lock);
    std::vector<lockspec::anon_vma *> chain{av};
    for (lockspec::anon_vma *a : src->chain())
      chain.push_back(a);
    dst->setChain(std::move(chain));
  }
  dst->set_flags_vm_flags_helpers(src->flags(via::mmap_lock{}));
  if constexpr (File)
    i_mmap_lock_write(dst->mapping);
  if constexpr (Anon)
    anon_vma_lock_write(dst->anon_vma);
  dst->set_vm_start(r.start);
  dst->set_vm_end(r.end);
  dst->set_vm_pgoff(src->vm_pgoff(via::mmap_lock{}));
  if constexpr (Anon) {
    anonVmaLinkChain(dst->anon_vma, dst->chain(), dst);
    anon_vma_unlock_write(dst->anon_vma);
  }
  if constexpr (File) {
    mappingLink(dst->mapping, dst);
    i_mmap_unlock_write(dst->mapping);
  }
  dst->detached.store(false, std::memory_order_release);
  if constexpr (Anon) {
    for (unsigned long a = r.start; a < r.end;) {
      unsigned long next = std::min(r.end, (a & ~(kPteTableSpan - 1)) + kPteTableSpan);
      copySpan(parent, child, src, dst, a, next);
      a = next;
    }
  }
  return dst;
}

/// dupVmaIn for the trees that link `src`.
Vma *dupVma(Mm *parent, Mm *child, Vma *src)
    LOCKSPEC_REQUIRES(parent->mmap_lock, child->mmap_lock, parent->write_protect_seq_lock) {
  if (!src->mapping)
    return dupVmaIn<false, true>(parent, child, src);
  return src->anon_vma ? dupVmaIn<true, true>(parent, child, src)
                       : dupVmaIn<true, false>(parent, child, src);
}

/// copy_vma for mremap: a VMA of mm at [start, start + len) with src's flags, vm_pgoff, file
/// and anon_vma chain (anon_vma_clone), write-locked, linked into every tree that links src.
/// It is linked after src in each (vma_link appends), which is what lets move_ptes skip the
/// rmap locks (copy_vma's need_rmap_locks = false for a new VMA).
template <bool File, bool Anon>
Vma *copyVmaIn(Mm *mm, Vma *src, unsigned long start, unsigned long len)
    LOCKSPEC_REQUIRES(mm->mmap_lock) {
  alias::mmap_lock_write(mm, src); // src is in mm's map
  const unsigned long pgoff = src->vm_pgoff(via::mmap_lock{});
  auto *dst = new Vma(mm);
  dst->pgoffBias = static_cast<long>(pgoff) - static_cast<long>(start >> kPageShift);
  dst->mapping = src->mapping;
  alias::mmap_lock_write(mm, dst); // a new VMA of mm
  vma_start_write(dst);
  if constexpr (Anon) {
    spin_lock(dst->vm_mm->page_table_lock);
    dst->set_anon_vma_null_to_non_null(src->anon_vma, via::fault{});
    spin_unlock(dst->vm_mm->page_table_lock);
  }
  dst->set_flags_vm_flags_helpers(src->flags(via::mmap_lock{}));
  dst->setChain(src->chain());
  if constexpr (File)
    i_mmap_lock_write(dst->mapping);
  if constexpr (Anon)
    anon_vma_lock_write(dst->anon_vma);
  dst->set_vm_start(start);
  dst->set_vm_end(start + len);
  dst->set_vm_pgoff(pgoff);
  if constexpr (Anon) {
    anonVmaLinkChain(dst->anon_vma, dst->chain(), dst);
    anon_vma_unlock_write(dst->anon_vma);
  }
  if constexpr (File) {
    mappingLink(dst->mapping, dst);
    i_mmap_unlock_write(dst->mapping);
  }
  dst->detached.store(false, std::memory_order_release);
  return dst;
}

/// copyVmaIn for the trees that link `src`.
Vma *copyVma(Mm *mm, Vma *src, unsigned long start, unsigned long len)
    LOCKSPEC_REQUIRES(mm->mmap_lock) {
  if (!src->mapping)
    return copyVmaIn<false, true>(mm, src, start, len);
  return src->anon_vma ? copyVmaIn<true, true>(mm, src, start, len)
                       : copyVmaIn<true, false>(mm, src, start, len);
}

/// Moves the entries of [from, from + n pages) of one source table to `to` in one destination
/// table: move_ptes with both PTLs held, the destination's nested.  No rmap lock: the caller
/// linked dst after src in every rmap tree, so a walker visits the old place before the new
/// one and, the PTLs serialising each entry, sees the entry in one of them (need_rmap_locks
/// false for a new VMA, mm/vma.c copy_vma).
void moveEntries(Vma *src, Vma *dst, PteTable *spte, PteTable *dpte, unsigned long from,
                 unsigned long to, unsigned long n)
    LOCKSPEC_REQUIRES(src->vm_mm->mmap_lock, src->vma_lock, dst->vm_mm->mmap_lock, dst->vma_lock,
                      spte->pte_lock, dpte->pte_lock) {
  fact::assume_rmap_order_safe(); // copyVma appended dst behind src in each tree
  op::move_ptes(src, dst, spte, dpte, via::rmap_order{});
  for (unsigned long i = 0; i < n; ++i) {
    std::uint64_t e = spte->entries[pteIndex(from + i * kPageSize)].exchange(0, std::memory_order_acq_rel);
    if (e)
      dpte->entries[pteIndex(to + i * kPageSize)].store(e, std::memory_order_release);
  }
}

/// move_page_tables for one run that stays inside one source and one destination table, an
/// entry at a time (move_ptes).
void moveRun(Mm *mm, Vma *src, Vma *dst, unsigned long from, unsigned long to, unsigned long n)
    LOCKSPEC_REQUIRES(mm->mmap_lock, src->vma_lock, dst->vma_lock) {
  alias::mmap_lock_write(mm, src);
  alias::mmap_lock_write(mm, dst);
  PmdTable *spmd = pmdFind(mm, from);
  if (!spmd || !spmd->entries[pmdIndex(from)].load(std::memory_order_acquire))
    return;
  PmdTable *dpmd = pmdAlloc<ByMmapLock>(dst, to);
  pteAlloc<ByMmapLock>(dst, dpmd, to);
  rcu_read_lock();
  PteTable *spte = rcuDereference(spmd->entries[pmdIndex(from)]);
  if (!spte || !pte_offset_map_lock(mm, spmd, from, spte)) {
    rcu_read_unlock();
    return;
  }
  rcu_read_unlock();
  PteTable *dpte = dpmd->entries[pmdIndex(to)].load(std::memory_order_acquire);
  if (dpte == spte) {
    // One table: its PTL is both (the kernel skips the nested lock when the pointers match).
    dpte->pte_lock.assert_held();
    moveEntries(src, dst, spte, dpte, from, to, n);
  } else {
    spin_lock_nested(dpte->pte_lock, 1);
    moveEntries(src, dst, spte, dpte, from, to, n);
    spin_unlock(dpte->pte_lock);
  }
  spte->pte_lock.unlock();
}

/// Relinks a whole PTE table from PMD entry `si` of spmd to the empty entry `di` of dpmd, with
/// both PMD locks held; false (nothing moved) when the source entry is empty or the
/// destination's is not.
bool relinkTable(Vma *src, Vma *dst, PmdTable *spmd, unsigned si, PmdTable *dpmd, unsigned di)
    LOCKSPEC_REQUIRES(src->vm_mm->mmap_lock, src->vma_lock, dst->vm_mm->mmap_lock, dst->vma_lock,
                      spmd->pmd_lock, dpmd->pmd_lock) {
  PteTable *pte = spmd->entries[si].load(std::memory_order_relaxed);
  if (!pte || dpmd->entries[di].load(std::memory_order_relaxed))
    return false;
  op::move_page_tables(src, dst, spmd, dpmd);
  spmd->entries[si].store(nullptr, std::memory_order_release);
  pte->pmd = dpmd;
  rcuAssign(dpmd->entries[di], pte);
  return true;
}

/// move_normal_pmd: moves the PTE table under `from` (PMD-aligned) to `to` as a whole, under
/// the rmap write locks of every tree that links src (move_pgt_entry takes them for whole
/// tables whatever need_rmap_locks says: take_rmap_locks, i_mmap first), the old PMD lock and
/// the new one nested.  False when the destination PMD entry is already populated (the
/// kernel's WARN_ON_ONCE case); the caller then moves entry by entry.
template <bool File, bool Anon>
bool moveNormalPmd(Mm *mm, Vma *src, Vma *dst, unsigned long from, unsigned long to)
    LOCKSPEC_REQUIRES(mm->mmap_lock, src->vma_lock, dst->vma_lock) {
  alias::mmap_lock_write(mm, src);
  alias::mmap_lock_write(mm, dst);
  PmdTable *spmd = pmdFind(mm, from);
  if (!spmd || !spmd->entries[pmdIndex(from)].load(std::memory_order_acquire))
    return true; // no table: nothing to move
  PmdTable *dpmd = pmdAlloc<ByMmapLock>(dst, to);
  if (dpmd->entries[pmdIndex(to)].load(std::memory_order_acquire))
    return false;
  if constexpr (File)
    i_mmap_lock_write(src->mapping);
  if constexpr (Anon)
    anon_vma_lock_write(src->anon_vma);
  pmd_lock(mm, spmd);
  bool moved;
  if (dpmd == spmd) {
    dpmd->pmd_lock.assert_held(); // one PMD table: its lock is both
    moved = relinkTable(src, dst, spmd, pmdIndex(from), dpmd, pmdIndex(to));
  } else {
    spin_lock_nested(dpmd->pmd_lock, 1);
    moved = relinkTable(src, dst, spmd, pmdIndex(from), dpmd, pmdIndex(to));
    spin_unlock(dpmd->pmd_lock);
  }
  spmd->pmd_lock.unlock();
  if constexpr (Anon)
    anon_vma_unlock_write(src->anon_vma);
  if constexpr (File)
    i_mmap_unlock_write(src->mapping);
  return moved;
}

/// move_page_tables: whole PTE tables where source and destination are both PMD-aligned and a
/// whole table's span is left, entry by entry elsewhere.  Returns the tables moved whole.
template <bool File, bool Anon>
unsigned moveTablesIn(Mm *mm, Vma *src, Vma *dst, unsigned long addr, unsigned long newAddr,
                      unsigned long len) LOCKSPEC_REQUIRES(mm->mmap_lock, src->vma_lock, dst->vma_lock) {
  unsigned whole = 0;
  for (unsigned long off = 0; off < len;) {
    const unsigned long from = addr + off, to = newAddr + off;
    if (!(from & (kPteTableSpan - 1)) && !(to & (kPteTableSpan - 1)) &&
        len - off >= kPteTableSpan && moveNormalPmd<File, Anon>(mm, src, dst, from, to)) {
      ++whole;
      off += kPteTableSpan;
      continue;
    }
    unsigned long n = std::min({len - off, kPteTableSpan - (from & (kPteTableSpan - 1)),
                                kPteTableSpan - (to & (kPteTableSpan - 1))});
    moveRun(mm, src, dst, from, to, n / kPageSize);
    off += n;
  }
  return whole;
}

/// moveTablesIn for the trees that link `src`.
unsigned moveTables(Mm *mm, Vma *src, Vma *dst, unsigned long addr, unsigned long newAddr,
                    unsigned long len) LOCKSPEC_REQUIRES(mm->mmap_lock, src->vma_lock, dst->vma_lock) {
  if (!src->mapping)
    return moveTablesIn<false, true>(mm, src, dst, addr, newAddr, len);
  return src->anon_vma ? moveTablesIn<true, true>(mm, src, dst, addr, newAddr, len)
                       : moveTablesIn<true, false>(mm, src, dst, addr, newAddr, len);
}

/// mmap's VMA: a new VMA of mm over [addr, end), linked into its file's i_mmap tree (`File`)
/// and into a new anon_vma (`Anon`), then published.
template <bool File, bool Anon>
void mapNew(Mm *mm, unsigned long addr, unsigned long end, unsigned long flags,
            AddressSpace *file, unsigned long pgoff) LOCKSPEC_REQUIRES(mm->mmap_lock) {
  auto *vma = new Vma(mm);
  vma->pgoffBias = static_cast<long>(pgoff) - static_cast<long>(addr >> kPageShift);
  vma->mapping = file;
  alias::mmap_lock_write(mm, vma); // a new VMA of mm
  vma_start_write(vma);
  if constexpr (Anon) {
    auto *av = new AnonVma;
    mm->adoptAnonVma(av);
    // The anon_vma is prepared at mmap time (the kernel defers it to the first write fault;
    // see README).
    anon_vma_lock_write(av);
    spin_lock(vma->vm_mm->page_table_lock);
    op::anon_vma_prepare(vma, av);
    vma->set_anon_vma_null_to_non_null(av, via::fault{});
    spin_unlock(vma->vm_mm->page_table_lock);
    anon_vma_unlock_write(av);
    vma->setChain({av});
  }
  vma->set_flags_vm_flags_helpers(flags);
  if constexpr (File)
    i_mmap_lock_write(vma->mapping);
  if constexpr (Anon)
    anon_vma_lock_write(vma->anon_vma);
  vma->set_vm_start(addr);
  vma->set_vm_end(end);
  vma->set_vm_pgoff(pgoff);
  if constexpr (Anon) {
    anonVmaLink(vma->anon_vma, vma);
    anon_vma_unlock_write(vma->anon_vma);
  }
  if constexpr (File) {
    mappingLink(vma->mapping, vma);
    i_mmap_unlock_write(vma->mapping);
  }
  vma->detached.store(false, std::memory_order_release);
  std::vector<Vma *> all = vmasOf(mm);
  all.push_back(vma);
  publishMap(mm, all);
}

/// True when [addr, end) overlaps a VMA of mm.
bool overlaps(Mm *mm, unsigned long addr, unsigned long end) LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  for (const VmaMap::Entry &e : lockedMap(mm)->entries)
    if (e.start < end && e.end > addr)
      return true;
  return false;
}

bool validRange(unsigned long addr, unsigned long len) {
  return len && !(addr % kPageSize) && !(len % kPageSize) && addr < kUserTop &&
         len <= kUserTop - addr;
}

} // namespace

bool mmapFixed(Mm *mm, unsigned long addr, unsigned long len, unsigned long flags) {
  if (!validRange(addr, len))
    return false;
  mmap_write_lock(mm);
  const bool ok = !overlaps(mm, addr, addr + len);
  if (ok) // an anonymous VMA's pgoff is its start page
    mapNew<false, true>(mm, addr, addr + len, flags & ~VM_SHARED, nullptr, addr >> kPageShift);
  mmap_write_unlock(mm);
  return ok;
}

bool mmapFile(Mm *mm, unsigned long addr, unsigned long len, unsigned long flags,
              AddressSpace *file, unsigned long pgoff) {
  if (!validRange(addr, len) || pgoff > file->pages || (len >> kPageShift) > file->pages - pgoff)
    return false;
  mmap_write_lock(mm);
  const bool ok = !overlaps(mm, addr, addr + len);
  if (ok && (flags & VM_SHARED))
    mapNew<true, false>(mm, addr, addr + len, flags, file, pgoff);
  else if (ok)
    mapNew<true, true>(mm, addr, addr + len, flags, file, pgoff);
  mmap_write_unlock(mm);
  return ok;
}

int munmap(Mm *mm, unsigned long addr, unsigned long len) {
  if (!validRange(addr, len))
    return -22; // -EINVAL
  if (mmap_write_lock_killable(mm))
    return -4; // -EINTR
  unmapAndUnlock(mm, addr, addr + len);
  return 0;
}

void exitMm(std::unique_ptr<Mm> mm) {
  mmap_write_lock(mm.get());
  unmapAndUnlock(mm.get(), 0, kUserTop);
  mm.reset();
}

std::unique_ptr<Mm> forkMm(Mm *parent) {
  auto child = std::make_unique<Mm>(parent->pool, parent->report);
  Mm *c = child.get();
  mmap_write_lock(parent);
  mmap_write_lock_nested(c, 1);
  // gup_fast pins check this count: none may complete while entries turn copy-on-write.
  raw_write_seqcount_begin(parent->write_protect_seq_lock);
  parent->set_write_protect_seq(parent->write_protect_seq() + 1);
  std::atomic_thread_fence(std::memory_order_seq_cst); // pairs with gupFast's
  std::vector<Vma *> vmas;
  for (Vma *v : vmasOf(parent))
    vmas.push_back(dupVma(parent, c, v));
  raw_write_seqcount_end(parent->write_protect_seq_lock);
  publishMap(c, vmas);
  mmap_write_unlock(c);
  mmap_write_unlock(parent);
  return child;
}

bool mremap(Mm *mm, unsigned long addr, unsigned long len, unsigned long newAddr,
            unsigned *wholeTables) {
  if (!validRange(addr, len) || !validRange(newAddr, len) ||
      (newAddr < addr + len && newAddr + len > addr))
    return false;
  mmap_write_lock(mm);
  const VmaMap *map = lockedMap(mm);
  const VmaMap::Entry *e = map->find(addr);
  bool ok = e && e->end >= addr + len;
  for (const VmaMap::Entry &o : map->entries)
    ok &= !(o.start < newAddr + len && o.end > newAddr);
  if (!ok) {
    mmap_write_unlock(mm);
    return false;
  }
  std::vector<Vma *> all;
  Vma *src = isolateRange(mm, addr, addr + len, &all).front();
  alias::mmap_lock_write(mm, src);
  vma_start_write(src);
  Vma *dst = copyVma(mm, src, newAddr, len);
  all.push_back(dst);
  publishMap(mm, all);
  {
    NotifierRange notify(mm, addr, addr + len);
    alias::mmap_lock_write(mm, dst);
    vma_start_write(dst);
    const unsigned whole = moveTables(mm, src, dst, addr, newAddr, len);
    if (wholeTables)
      *wholeTables = whole;
  }
  // The old range is now empty: unmap it as munmap does (detach, zap, free_pgtables).
  unmapAndUnlock(mm, addr, addr + len);
  return true;
}

bool mprotect(Mm *mm, unsigned long addr, unsigned long len, unsigned long flags) {
  if (!validRange(addr, len))
    return false;
  mmap_write_lock(mm);
  if (!covered(lockedMap(mm), addr, addr + len)) {
    mmap_write_unlock(mm);
    return false;
  }
  std::vector<Vma *> all;
  std::vector<Vma *> inside = isolateRange(mm, addr, addr + len, &all);
  for (Vma *v : inside)
    changeProtection(mm, v, flags);
  publishMap(mm, all);
  mmap_write_unlock(mm);
  return true;
}

bool madviseDontneed(Mm *mm, unsigned long addr, unsigned long len) {
  if (!validRange(addr, len))
    return false;
  const unsigned long end = addr + len;
#ifndef LOCKSPEC_CORE_MMAP_LOCK_ONLY
  // v7.0 zaps under the VMA read lock when one VMA covers the range (madvise_lock's
  // MADVISE_VMA_READ_LOCK through try_vma_read_lock), else under the mmap read lock.
  Vma *vma;
  if (lockVmaCovering(mm, addr, end, &vma)) {
    zapRange<ByVmaLock>(vma, addr, end);
    vma_end_read(vma);
    return true;
  }
#endif
  mmap_read_lock(mm);
  const VmaMap *map = lockedMap(mm);
  // As madvise does: the mapped parts are zapped even when the range has holes (-ENOMEM).
  const bool whole = covered(map, addr, end);
  for (const VmaMap::Entry &e : map->entries)
    if (e.start < end && e.end > addr)
      dontneed(mm, e.vma, std::max(addr, e.start), std::min(end, e.end));
  mmap_read_unlock(mm);
  return whole;
}

} // namespace lockspec::core
