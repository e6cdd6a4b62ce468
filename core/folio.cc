#include "core/folio.h"

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

Folio *FolioPool::alloc(lockspec::anon_vma *av, unsigned long index,
                        lockspec::address_space *mapping) {
  // Each thread allocates from its own place in the pool, as the kernel's per-CPU page lists
  // do: threads faulting side by side then share no counter and no folio's cache line, which
  // would otherwise be the contention the fault benchmark (bench/) measures.
  thread_local std::size_t cursor =
      std::hash<std::thread::id>{}(std::this_thread::get_id()) * 0x9e3779b97f4a7c15u >> 20;
  const std::size_t start = cursor;
  for (std::size_t n = 0; n < size_; ++n) {
    std::size_t i = (start + n) % size_;
    bool expected = false;
    if (used_[i].load(std::memory_order_relaxed) ||
        !used_[i].compare_exchange_strong(expected, true, std::memory_order_acquire))
      continue;
    Folio *f = &folios_[i];
    f->mapping = mapping;
    f->anon_vma = av;
    f->index.store(index, std::memory_order_relaxed);
    f->mapcount.store(0, std::memory_order_relaxed);
    f->pincount.store(0, std::memory_order_relaxed);
    f->data.store(0, std::memory_order_relaxed);
    // The release publishes the fields above to whoever takes a reference from here on.
    f->refcount.store(1, std::memory_order_release);
    cursor = i + 1;
    return f;
  }
  return nullptr;
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
  used_[f->id - 1].store(false, std::memory_order_release);
  return ok;
}

void FolioPool::freeFrozen(Folio *f) { used_[f->id - 1].store(false, std::memory_order_release); }

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
