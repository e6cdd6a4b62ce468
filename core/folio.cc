#include "core/folio.h"

#include <algorithm>
#include <functional>
#include <thread>

namespace lockspec::core {

FolioPool::FolioPool(std::size_t size)
    : size_(size), folios_(new Folio[size]), used_(new std::atomic<bool>[size]) {
  for (std::size_t i = 0; i < size; ++i) {
    folios_[i].id = static_cast<unsigned>(i + 1);
    used_[i].store(false);
  }
}

namespace {

/// The folios this thread freed last, newest on top (the kernel's per-CPU page lists, which
/// hand out the page freed last because it is still in the CPU's cache).  A thread that zaps
/// and refaults its own range then reuses its own folios, hot in its core's cache, where a
/// sweep of the pool would bring in lines the other core wrote last.  An entry is only a
/// hint: the folio stays free in the pool, and whoever claims its `used_` flag first owns it.
struct HotFolios {
  /// Two PTE tables' worth; older entries are overwritten (the folios stay free in the pool).
  static constexpr unsigned kMax = 1024;
  /// The pool the ids belong to.  A new pool at a freed one's address inherits stale hints,
  /// which is harmless: claiming a folio checks the id and its flag.
  const FolioPool *pool = nullptr;
  unsigned count = 0, top = 0;
  unsigned ids[kMax];

  void push(const FolioPool *p, unsigned id) {
    if (pool != p) {
      pool = p;
      count = 0;
    }
    ids[top++ % kMax] = id;
    count = std::min(count + 1, kMax);
  }
  /// The newest id for `p`, or 0.
  unsigned pop(const FolioPool *p) {
    if (pool != p || count == 0)
      return 0;
    --count;
    return ids[--top % kMax];
  }
};

thread_local HotFolios hot;

} // namespace

Folio *FolioPool::claim(std::size_t i, lockspec::anon_vma *av, unsigned long index,
                        lockspec::address_space *mapping) {
  bool expected = false;
  if (used_[i].load(std::memory_order_relaxed) ||
      !used_[i].compare_exchange_strong(expected, true, std::memory_order_acquire))
    return nullptr;
  Folio *f = &folios_[i];
  f->mapping = mapping;
  f->anon_vma = av;
  f->index.store(index, std::memory_order_relaxed);
  f->mapcount.store(0, std::memory_order_relaxed);
  f->pincount.store(0, std::memory_order_relaxed);
  f->data.store(0, std::memory_order_relaxed);
  // The release publishes the fields above to whoever takes a reference from here on.
  f->refcount.store(1, std::memory_order_release);
  return f;
}

Folio *FolioPool::alloc(lockspec::anon_vma *av, unsigned long index,
                        lockspec::address_space *mapping) {
  while (unsigned id = hot.pop(this))
    if (id <= size_)
      if (Folio *f = claim(id - 1, av, index, mapping))
        return f;
  // Nothing freed here lately: scan from this thread's own place in the pool, so that threads
  // allocating side by side share no folio's cache line.
  thread_local std::size_t cursor =
      std::hash<std::thread::id>{}(std::this_thread::get_id()) * 0x9e3779b97f4a7c15u >> 20;
  const std::size_t start = cursor;
  for (std::size_t n = 0; n < size_; ++n) {
    std::size_t i = (start + n) % size_;
    if (Folio *f = claim(i, av, index, mapping)) {
      cursor = i + 1;
      return f;
    }
  }
  return nullptr;
}

void FolioPool::release(Folio *f) {
  used_[f->id - 1].store(false, std::memory_order_release);
  hot.push(this, f->id);
}

bool FolioPool::tryGet(Folio *f) {
  int c = f->refcount.load(std::memory_order_relaxed);
  while (c > 0)
    if (f->refcount.compare_exchange_weak(c, c + 1, std::memory_order_acquire))
      return true;
  return false;
}

bool FolioPool::put(Folio *f, int n) {
  int before = f->refcount.fetch_sub(n, std::memory_order_acq_rel);
  if (before > n)
    return true;
  bool ok = before == n && f->pincount.load() == 0 && f->mapcount.load() == 0;
  f->refcount.store(0, std::memory_order_relaxed);
  release(f);
  return ok;
}

void FolioPool::freeFrozen(Folio *f) { release(f); }

long FolioPool::inUse() const {
  long n = 0;
  for (std::size_t i = 0; i < size_; ++i)
    n += used_[i].load(std::memory_order_acquire);
  return n;
}

void FolioPool::pinFromRef(Folio *f) {
  // Sequentially consistent: fork reads the counts after opening write_protect_seq, gup_fast
  // reads the sequence after raising them; each must see the other's write.
  f->pincount.fetch_add(1, std::memory_order_seq_cst);
  f->refcount.fetch_add(kGupPinCountingBias - 1, std::memory_order_seq_cst);
}

bool FolioPool::unpin(Folio *f) {
  if (f->pincount.fetch_sub(1, std::memory_order_acq_rel) <= 0)
    return false;
  return put(f, kGupPinCountingBias);
}

} // namespace lockspec::core
