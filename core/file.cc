// Files: the address_space with its i_mmap tree and page cache.
#include <algorithm>
#include <string>

#include "core/mm.h"

namespace lockspec::core {

AddressSpace::AddressSpace(FolioPool &p, unsigned long n)
    : pool(p), pages(n), cache_(new std::atomic<Folio *>[n]) {
  for (unsigned long i = 0; i < n; ++i)
    cache_[i].store(nullptr, std::memory_order_relaxed);
}

AddressSpace::~AddressSpace() {
  for (unsigned long i = 0; i < pages; ++i)
    if (Folio *f = cache_[i].exchange(nullptr))
      pool.put(f);
}

Folio *AddressSpace::getPage(unsigned long index) {
  if (index >= pages)
    return nullptr;
  std::atomic<Folio *> &slot = cache_[index];
  // The lockless lookup (filemap_get_entry: folio_try_get on what the slot holds).  Folios
  // are recycled, never deleted, so a stale pointer is safe to try.
  // The reference is taken speculatively and kept only if the slot still holds the folio
  // (xas_reload): eviction freezes the count at zero before it clears the slot.
  if (Folio *f = slot.load(std::memory_order_acquire); f && FolioPool::tryGet(f)) {
    if (slot.load(std::memory_order_acquire) == f)
      return f;
    pool.put(f);
  }
  // Read it in: a new folio (its reference is the cache's) added under the xarray lock unless
  // a racing fault added one first (filemap_add_folio).
  Folio *fresh = pool.alloc(nullptr, index, this);
  if (!fresh)
    return nullptr;
  i_pages.lock();
  Folio *f = slot.load(std::memory_order_relaxed);
  if (!f) {
    slot.store(fresh, std::memory_order_release);
    f = fresh;
    fresh = nullptr;
  }
  FolioPool::tryGet(f);
  i_pages.unlock();
  if (fresh)
    pool.put(fresh);
  return f;
}

bool AddressSpace::evict(Folio *f) {
  const unsigned long index = f->index.load(std::memory_order_relaxed);
  i_pages.lock();
  int two = 2;
  const bool frozen = index < pages && cache_[index].load(std::memory_order_relaxed) == f &&
                      f->mapcount.load(std::memory_order_acquire) == 0 &&
                      f->refcount.compare_exchange_strong(two, 0, std::memory_order_acq_rel);
  if (frozen)
    cache_[index].store(nullptr, std::memory_order_release);
  i_pages.unlock();
  if (frozen)
    pool.freeFrozen(f);
  else
    pool.put(f);
  return frozen;
}

bool AddressSpace::cached(unsigned long index) const {
  return index < pages && cache_[index].load(std::memory_order_acquire) != nullptr;
}

unsigned long AddressSpace::truncate(Report &report) {
  unsigned long dropped = 0;
  for (unsigned long i = 0; i < pages; ++i) {
    i_pages.lock();
    Folio *f = cache_[i].exchange(nullptr, std::memory_order_acq_rel);
    i_pages.unlock();
    if (!f)
      continue;
    ++dropped;
    if (!pool.put(f))
      report.fail("truncate freed page-cache folio " + std::to_string(f->id) +
                  " while it was still mapped or pinned");
  }
  return dropped;
}

const std::vector<Vma *> &mappingVmas(lockspec::address_space *m) {
  return static_cast<AddressSpace *>(m)->vmas_;
}

void mappingLink(lockspec::address_space *m, Vma *vma) {
  static_cast<AddressSpace *>(m)->vmas_.push_back(vma);
}

bool mappingUnlink(lockspec::address_space *m, Vma *vma) {
  std::vector<Vma *> &v = static_cast<AddressSpace *>(m)->vmas_;
  auto it = std::find(v.begin(), v.end(), vma);
  if (it == v.end())
    return false;
  v.erase(it);
  return true;
}

} // namespace lockspec::core
