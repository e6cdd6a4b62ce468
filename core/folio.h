// Folios: the memory the page tables map, with the kernel's reference and pin counts.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>

#include "lockspec/mm_locks.h"

namespace lockspec::core {

/// What FOLL_PIN adds to a folio's reference count (the kernel's GUP_PIN_COUNTING_BIAS), so a
/// pinned folio is recognisable from its refcount alone and never drops to zero while pinned.
inline constexpr int kGupPinCountingBias = 1024;

/// A folio.  `refcount` counts every reference (each mapping holds one, FOLL_GET one, FOLL_PIN
/// kGupPinCountingBias); `mapcount` the PTEs that map it; `pincount` the pins.  Folios live in
/// a pool and are recycled, never deleted, so a speculative folio_try_get on a stale entry is
/// memory-safe and fails or is caught by the caller's pte_same recheck.
struct Folio : lockspec::folio {
  unsigned id = 0;
  std::atomic<int> refcount{0};
  std::atomic<int> mapcount{0};
  std::atomic<int> pincount{0};
  /// The page offset the folio was faulted at (folio->index), set while it is private.
  std::atomic<unsigned long> index{0};
  /// The contents: a word the tests write and copy (COW, fork).
  std::atomic<unsigned long> data{0};
};

/// A fixed set of folios.  Ids start at 1 so that a PTE of 0 maps nothing.
class FolioPool {
public:
  explicit FolioPool(std::size_t size);
  /// A free folio with refcount 1, anon_vma `av` (anonymous) or `mapping` (page cache) and
  /// index `index`, or nullptr when none is free.  Its fields are written before the count that publishes it to speculative
  /// folio_try_get callers (GUP-fast, rmap walkers starting from a PTE).
  Folio *alloc(lockspec::anon_vma *av = nullptr, unsigned long index = 0,
               lockspec::address_space *mapping = nullptr);
  /// The folio with id `id` (1 <= id <= size()).
  Folio *get(unsigned id) { return &folios_[id - 1]; }
  /// Takes a reference unless the count is zero (folio_try_get).
  static bool tryGet(Folio *f);
  /// Drops `n` references; frees the folio at zero.  A folio still pinned or mapped when its
  /// count reaches zero is a broken invariant and returns false.
  bool put(Folio *f, int n = 1);
  /// Frees a folio whose count the caller froze to zero (folio_ref_freeze): no reference
  /// can be taken any more.
  void freeFrozen(Folio *f);
  /// Pins: refcount += kGupPinCountingBias, pincount += 1 (caller holds a reference it
  /// converts, as try_grab_folio does).
  static void pinFromRef(Folio *f);
  /// Drops a pin (unpin_user_page); false if the folio was not pinned.
  bool unpin(Folio *f);
  /// True while the folio is allocated.
  bool allocated(unsigned id) const { return used_[id - 1].load(std::memory_order_acquire); }
  std::size_t size() const { return size_; }
  /// Folios allocated right now (a scan: for quiescent points and tests).
  long inUse() const;

private:
  /// Takes folio `i` if it is free and initialises it; nullptr if another thread has it.
  Folio *claim(std::size_t i, lockspec::anon_vma *av, unsigned long index,
               lockspec::address_space *mapping);
  /// Marks `f` free and remembers it as this thread's most recently freed folio.
  void release(Folio *f);
  std::size_t size_;
  std::unique_ptr<Folio[]> folios_;
  std::unique_ptr<std::atomic<bool>[]> used_;
};

} // namespace lockspec::core
