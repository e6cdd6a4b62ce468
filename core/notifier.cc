#include "core/notifier.h"

#include <algorithm>
#include <string>

#include "core/mm.h"
#include "core/page_table.h"

namespace lockspec::core {
namespace {

/// The primary PTE at addr, read under its PTL by a holder of the mmap read lock (the
/// hmm_range_fault walk; the device takes no reference).
std::uint64_t readPrimary(Mm *mm, Vma *vma, unsigned long addr)
    LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) {
  PmdTable *pmd = pmdFind(mm, addr);
  if (!pmd)
    return 0;
  const unsigned idx = pmdIndex(addr);
  rcu_read_lock();
  PteTable *pte = rcuDereference(pmd->entries[idx]);
  if (!pte || !pte_offset_map_lock(mm, pmd, addr, pte)) {
    rcu_read_unlock();
    return 0;
  }
  rcu_read_unlock();
  alias::mmap_lock_read(mm, vma); // vma is in mm's map
  op::traverse(vma, pte, via::fully_locked_mmap_lock{});
  std::uint64_t e = pte->entries[pteIndex(addr)].load(std::memory_order_acquire);
  pte->pte_lock.unlock();
  return e;
}

} // namespace

SecondaryMmu::SecondaryMmu(unsigned long start, unsigned long pages)
    : start_(start), pages_(pages), tlb_(new std::atomic<std::uint64_t>[pages]) {
  for (unsigned long i = 0; i < pages; ++i)
    tlb_[i].store(0);
}

bool SecondaryMmu::covers(unsigned long addr) const {
  return addr >= start_ && addr < start_ + pages_ * kPageSize;
}

void SecondaryMmu::invalidateStart(unsigned long start, unsigned long end) {
  lock_.lock();
  if (active_++ == 0)
    seq_.fetch_add(1, std::memory_order_acq_rel); // odd: device faults wait and retry
  invalidations_.fetch_add(1, std::memory_order_relaxed);
  const unsigned long from = std::max(start, start_);
  const unsigned long to = std::min(end, start_ + pages_ * kPageSize);
  for (unsigned long a = from; a < to; a += kPageSize)
    tlb_[(a - start_) / kPageSize].store(0, std::memory_order_release);
  lock_.unlock();
}

void SecondaryMmu::invalidateEnd() {
  lock_.lock();
  if (--active_ == 0)
    seq_.fetch_add(1, std::memory_order_acq_rel);
  lock_.unlock();
}

bool SecondaryMmu::fault(Mm *mm, unsigned long addr) {
  if (!covers(addr))
    return false;
  addr &= ~(kPageSize - 1);
  for (int tries = 0; tries < 16; ++tries) {
    const unsigned long seq = seq_.load(std::memory_order_acquire); // mmu_interval_read_begin
    if (seq & 1) {
      rt::relax();
      continue;
    }
    std::uint64_t pte = 0;
    mmap_read_lock(mm);
    if (const VmaMap::Entry *e = mm->map.load(std::memory_order_acquire)->find(addr))
      pte = readPrimary(mm, e->vma, addr);
    mmap_read_unlock(mm);
    if (!pte)
      return false;
    lock_.lock();
    const bool current = LOCKSPEC_BREAKS(mm, secondary_no_notifier_seq) ||
                         seq_.load(std::memory_order_acquire) == seq; // mmu_interval_read_retry
    if (current)
      tlb_[(addr - start_) / kPageSize].store(pteFolio(pte), std::memory_order_release);
    lock_.unlock();
    if (current)
      return true;
  }
  return false;
}

unsigned SecondaryMmu::lookup(unsigned long addr) const {
  return covers(addr) ? static_cast<unsigned>(tlb_[(addr - start_) / kPageSize].load()) : 0;
}

long SecondaryMmu::check(Mm *mm) const {
  long bad = 0;
  for (unsigned long i = 0; i < pages_; ++i) {
    std::uint64_t id = tlb_[i].load();
    if (!id)
      continue;
    std::uint64_t pte = peekPte(mm, start_ + i * kPageSize);
    if (!pte || pteFolio(pte) != id) {
      ++bad;
      mm->report.fail("the secondary MMU maps folio " + std::to_string(id) + " at " +
                      std::to_string(start_ + i * kPageSize) + " where the primary maps " +
                      (pte ? "folio " + std::to_string(pteFolio(pte)) : std::string("nothing")));
    }
  }
  return bad;
}

NotifierRange::NotifierRange(Mm *mm, unsigned long start, unsigned long end)
    : mmu_(mm->notifier.load(std::memory_order_acquire)) {
  if (mmu_)
    mmu_->invalidateStart(start, end);
}

NotifierRange::~NotifierRange() {
  if (mmu_)
    mmu_->invalidateEnd();
}

void mmuNotifierRegister(Mm *mm, SecondaryMmu *mmu) {
  fact::assume_mm_users_held(); // the caller's mm is alive for the call
  op::mmu_notifier_register(mm); // which takes the mmap write lock itself, as here
  mmap_write_lock(mm);
  op::mmu_notifier_register_locked(mm);
  mm->notifier.store(mmu, std::memory_order_release);
  mmap_write_unlock(mm);
}

} // namespace lockspec::core
