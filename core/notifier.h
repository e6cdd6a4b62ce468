// MMU notifiers and a secondary MMU (seed 003): a device TLB that mirrors part of one mm and
// is kept coherent through an interval notifier, as HMM users and KVM are.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "lockspec/mm_locks.h"

namespace lockspec::core {

struct Mm;

/// The driver's own lock, which the spec does not name (an HMM user's mutex, KVM's mmu_lock):
/// it orders the device's installs against the notifier's invalidations.
class LOCKSPEC_CAPABILITY("driver_lock") DriverLock {
public:
  /// Takes the lock.
  void lock() LOCKSPEC_ACQUIRE() {
    while (held_.exchange(true, std::memory_order_acquire))
      rt::relax();
  }
  /// Releases the lock.
  void unlock() LOCKSPEC_RELEASE() { held_.store(false, std::memory_order_release); }

private:
  std::atomic<bool> held_{false};
};

/// A device TLB over [start, start + pages * kPageSize) of one mm, registered as an interval
/// notifier.  Entries hold folio ids and no references: coherence comes from the notifier
/// (fact secondary_mmu_synchronised), not from pins.
class SecondaryMmu {
public:
  SecondaryMmu(unsigned long start, unsigned long pages);

  /// mmu_interval_notifier_ops.invalidate at range start: the sequence turns odd (or stays
  /// odd while another invalidation runs) and the device drops its entries in [start, end).
  void invalidateStart(unsigned long start, unsigned long end);
  /// invalidate_range_end: the sequence turns even again once no invalidation runs.
  void invalidateEnd();
  /// The device's fault on `addr` (hmm_range_fault + mmu_interval_read_retry): reads the
  /// primary entry under the mmap read lock, then installs it under the driver lock only if
  /// no invalidation began meanwhile.  False when the primary maps nothing there or the
  /// retries ran out.
  bool fault(Mm *mm, unsigned long addr);
  /// The folio id the device maps at `addr`, or 0.
  unsigned lookup(unsigned long addr) const;
  /// Checks, with nothing running, that every device entry matches the primary PTE;
  /// returns the number of mismatches.
  long check(Mm *mm) const;
  /// Invalidations seen (for the stress tool's counts).
  unsigned long invalidations() const { return invalidations_.load(); }

private:
  bool covers(unsigned long addr) const;
  unsigned long start_, pages_;
  DriverLock lock_;
  int active_ = 0; ///< invalidations in progress, under lock_
  std::atomic<unsigned long> seq_{0};
  std::atomic<unsigned long> invalidations_{0};
  std::unique_ptr<std::atomic<std::uint64_t>[]> tlb_;
};

/// Brackets a change to the primary page tables of [start, end) with the registered
/// notifier's invalidate_range_start / _end (a no-op without one).
class NotifierRange {
public:
  NotifierRange(Mm *mm, unsigned long start, unsigned long end);
  ~NotifierRange();
  NotifierRange(const NotifierRange &) = delete;
  NotifierRange &operator=(const NotifierRange &) = delete;

private:
  SecondaryMmu *mmu_;
};

/// mmu_notifier_register: attaches `mmu` to `mm`; it takes the mmap write lock itself.
void mmuNotifierRegister(Mm *mm, SecondaryMmu *mmu);

} // namespace lockspec::core
