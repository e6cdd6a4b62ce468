// GUP: get_user_pages / pin_user_pages (slow, under the mmap read lock) and gup_fast (no
// lock, interrupts off modelled as an RCU read section), with FOLL_PIN's bias and the
// write_protect_seq check that keeps a pin from racing with fork (seed 001).
#include "core/mm.h"
#include "core/page_table.h"

namespace lockspec::core {
namespace {

bool validFlags(unsigned flags) {
  // Exactly one of FOLL_GET and FOLL_PIN, and FOLL_LONGTERM only with FOLL_PIN
  // (is_valid_gup_args).
  bool get = flags & FOLL_GET, pin = flags & FOLL_PIN;
  return get != pin && (!(flags & FOLL_LONGTERM) || pin);
}

/// Takes a pin on a folio the caller found mapped under its PTL, on the slow path.
void pinSlow(Mm *mm, Folio *f, unsigned flags) LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  fact::assume_foll_pin();
  if (flags & FOLL_LONGTERM) {
    fact::assume_foll_longterm();
    op::gup_pin_longterm(mm, via::slow{}); // no movable zones or CMA here: nothing to migrate
  } else {
    op::gup_pin(mm, via::slow{});
  }
  FolioPool::tryGet(f);
  FolioPool::pinFromRef(f);
}

/// Takes a reference on a folio the caller found mapped under its PTL, on the slow path.
void getSlow(Mm *mm, Folio *f) LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  fact::assume_foll_get();
  op::gup_get(mm, via::slow{});
  FolioPool::tryGet(f);
}

/// follow_page_pte: the folio mapped at addr, referenced or pinned under the PTL; nullptr
/// when the entry is missing, not writable for a write, or (for a pin) not exclusive, so
/// that the caller faults and retries.
Folio *followPage(Mm *mm, Vma *vma, unsigned long addr, unsigned flags)
    LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  PmdTable *pmd = pmdFind(mm, addr);
  if (!pmd)
    return nullptr;
  rcu_read_lock();
  PteTable *pte;
  if (!ptlLockEntry(pmd, addr, &pte)) {
    rcu_read_unlock();
    return nullptr;
  }
  rcu_read_unlock();
  alias::mmap_lock_read(mm, vma); // vma is in mm's map
  op::traverse(vma, pte, via::fully_locked_mmap_lock{});
  std::uint64_t e = pte->entries[pteIndex(addr)].load(std::memory_order_acquire);
  Folio *f = nullptr;
  if (e && (!(flags & FOLL_WRITE) || (e & kPteWrite))) {
    f = mm->pool.get(pteFolio(e));
    // A pinned anonymous folio must be exclusive, and a private mapping pins no page-cache
    // folio: either is unshared by a fault first (gup_must_unshare).  A shared file mapping
    // pins the page-cache folio itself.
    const bool sharedFile = f->mapping && (vma->flags(via::mmap_lock{}) & VM_SHARED);
    if (!(flags & FOLL_PIN))
      getSlow(mm, f);
    else if (sharedFile || (!f->mapping && f->mapcount.load(std::memory_order_acquire) == 1))
      pinSlow(mm, f, flags);
    else
      f = nullptr;
  }
  pte->pte_lock.unlock();
  return f;
}

/// The lockless walk of gup_fast inside its RCU section: the folio with one more reference,
/// taken speculatively and kept only if the entry did not change meanwhile (pte_same).
Folio *grabLockless(Mm *mm, unsigned long addr, bool write) LOCKSPEC_REQUIRES_SHARED(rcu) {
  PmdTable *pmd = pmdFind(mm, addr);
  if (!pmd)
    return nullptr;
  std::atomic<PteTable *> &pmde = pmd->entries[pmdIndex(addr)];
  PteTable *pte = rcuDereference(pmde);
  if (!pte || !tableAlive(mm, pte))
    return nullptr;
  std::atomic<std::uint64_t> &entry = pte->entries[pteIndex(addr)];
  std::uint64_t e = entry.load(std::memory_order_acquire);
  if (!e || (write && !(e & kPteWrite)))
    return nullptr;
  Folio *f = mm->pool.get(pteFolio(e));
  if (!FolioPool::tryGet(f))
    return nullptr;
  // pte_same, and the PMD entry unchanged (gup_fast_pte_range): a table that was reclaimed
  // or moved whole by mremap meanwhile maps nothing at addr any more.
  if (entry.load(std::memory_order_acquire) != e || pmde.load(std::memory_order_acquire) != pte) {
    if (!mm->pool.put(f))
      mm->report.fail("gup_fast dropped the last reference of a pinned or mapped folio");
    return nullptr;
  }
  return f;
}

/// gup_fast's interrupts-off section for FOLL_GET.
Folio *fastGet(Mm *mm, unsigned long addr, bool write) {
  if (!LOCKSPEC_BREAKS(mm, pte_walk_unlocked))
    rcu_read_lock();
  fact::assume_irqs_disabled(); // local_irq_save, modelled by the RCU read section
  fact::assume_foll_get();
  op::gup_get(mm, via::fast{});
  Folio *f = grabLockless(mm, addr, write);
  if (!LOCKSPEC_BREAKS(mm, pte_walk_unlocked))
    rcu_read_unlock();
  return f;
}

/// gup_fast's interrupts-off section for FOLL_PIN, inside the write_protect_seq read section.
Folio *fastPin(Mm *mm, unsigned long addr, unsigned flags)
    LOCKSPEC_REQUIRES_SHARED(mm->write_protect_seq_lock) {
  rcu_read_lock();
  fact::assume_irqs_disabled();
  fact::assume_foll_pin();
  if (flags & FOLL_LONGTERM) {
    fact::assume_foll_longterm();
    op::gup_pin_longterm(mm, via::fast{});
  } else {
    op::gup_pin(mm, via::fast{});
  }
  Folio *f = grabLockless(mm, addr, flags & FOLL_WRITE);
  // Only exclusive anonymous folios; anything else falls back to the slow path.
  if (f && (f->mapping || f->mapcount.load(std::memory_order_acquire) != 1)) {
    mm->pool.put(f);
    f = nullptr;
  }
  if (f)
    FolioPool::pinFromRef(f);
  rcu_read_unlock();
  return f;
}

} // namespace

Folio *gupSlow(Mm *mm, unsigned long addr, unsigned flags) {
  if (!validFlags(flags))
    return nullptr;
  mmap_read_lock(mm);
  Folio *f = nullptr;
  if (const VmaMap::Entry *e = mm->map.load(std::memory_order_acquire)->find(addr)) {
    for (int tries = 0; tries < 4 && !f; ++tries) {
      f = followPage(mm, e->vma, addr, flags);
      if (!f) {
        alias::mmap_lock_read(mm, e->vma); // e->vma is in mm's map
        if (faultInLocked(e->vma, addr, (flags & (FOLL_WRITE | FOLL_PIN)) != 0) != Fault::Ok)
          break;
      }
    }
  }
  mmap_read_unlock(mm);
  return f;
}

Folio *gupFast(Mm *mm, unsigned long addr, unsigned flags) {
  if (!validFlags(flags))
    return nullptr;
  if (!(flags & FOLL_PIN))
    return fastGet(mm, addr, flags & FOLL_WRITE);
  // A pin must not race with fork's write-protection: sample write_protect_seq, and back out
  // if fork ran meanwhile (the fence pairs with fork's after it opens the section).
  // raw_seqcount_try_begin: an odd count (fork is write-protecting) fails at once.
  if (LOCKSPEC_BREAKS(mm, gup_pin_no_wp_seq))
    return fastPin(mm, addr, flags);
  unsigned long seq;
  if (!raw_seqcount_try_begin(mm->write_protect_seq_lock, seq))
    return nullptr;
  Folio *f = fastPin(mm, addr, flags);
  std::atomic_thread_fence(std::memory_order_seq_cst);
  const bool raced = read_seqcount_retry(mm->write_protect_seq_lock, seq);
  if (f && raced) {
    gupRelease(mm, f, flags);
    f = nullptr;
  }
  return f;
}

void gupRelease(Mm *mm, Folio *f, unsigned flags) {
  bool ok = flags & FOLL_PIN ? mm->pool.unpin(f) : mm->pool.put(f);
  if (!ok)
    mm->report.fail("releasing GUP's hold freed a folio that was still pinned or mapped");
}

} // namespace lockspec::core
