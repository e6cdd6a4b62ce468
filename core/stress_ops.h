// The stress tool's engine: the random protocol mix, the rounds and the counters.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/mm.h"
#include "core/notifier.h"

namespace lockspec::core {

/// What the stress tool counts, one counter per protocol outcome.
enum class Op {
  FaultVmaLock,  ///< fault handled under the VMA lock
  FaultMmapLock, ///< fault handled under the mmap read lock (fallback)
  FaultSegv,     ///< fault outside a VMA or against its protection
  Mmap,
  MmapFile,      ///< a file mapped (shared or private)
  MmapBusy,      ///< MAP_FIXED_NOREPLACE refused: the range is in use
  Munmap,
  MunmapEintr,   ///< the killable mmap write lock was interrupted
  Mprotect,
  Madvise,
  GupGet,        ///< get_user_pages, slow path
  GupFastGet,    ///< gup_fast FOLL_GET that succeeded
  GupPin,        ///< pin_user_pages (some FOLL_LONGTERM), slow path
  GupFastPin,    ///< gup_fast FOLL_PIN that succeeded
  GupFastFallback, ///< gup_fast that had to fall back
  Unpin,
  Fork,          ///< fork, COW writes in the child, exit
  ReclaimTable,  ///< an empty PTE table freed
  ReclaimBackoff, ///< PTE-table reclaim found nothing empty
  RmapUnmap,     ///< a folio unmapped through its anon_vma
  RmapAge,       ///< a folio's accessed bits cleared through its anon_vma
  RmapFileUnmap, ///< a page-cache folio unmapped through its file's i_mmap tree
  RmapFileAge,   ///< a page-cache folio's accessed bits cleared through the i_mmap tree
  Evict,         ///< an unmapped page-cache folio dropped from the cache
  Mremap,        ///< a range moved (entries and VMA)
  MremapPmd,     ///< a range moved with whole PTE tables (move_normal_pmd)
  SecondaryFault, ///< the device mirrored a primary entry
  SecondaryMiss, ///< the device found nothing mapped or kept being invalidated
  Count
};

/// One stress run over one address space.
class StressRun {
public:
  StressRun(unsigned threads, unsigned long seed);
  ~StressRun();
  /// Runs every worker for `length`, then joins them.
  void round(unsigned number, std::chrono::milliseconds length);
  /// Checks the invariants with every worker stopped.
  void checkQuiescent();
  /// Unmaps everything and checks that every folio came back.
  void finish();
  unsigned long totalOps() const;
  /// "fault_vma_lock 12, fault_mmap_lock 3, ...".
  std::string perProtocol() const;
  long violations() const { return report_.count(); }

private:
  void worker(unsigned index, unsigned number, std::chrono::steady_clock::time_point until);
  void gupOp(unsigned index, std::uint64_t r, unsigned long addr);
  void forkOp(std::uint64_t r, unsigned long addr);
  void rmapOp(std::uint64_t r, unsigned long addr);
  void mmapOp(std::uint64_t r, unsigned long addr, unsigned long len);
  void mremapPmdOp(unsigned index, std::uint64_t r);
  void secondaryWorker(unsigned number, std::chrono::steady_clock::time_point until);
  void count(Op op) { counts_[static_cast<std::size_t>(op)].fetch_add(1, std::memory_order_relaxed); }

  unsigned threads_;
  unsigned long seed_;
  FolioPool pool_;
  Report report_;
  /// The file the mix maps, shared and private; it outlives the mm.
  AddressSpace file_;
  std::unique_ptr<Mm> mm_;
  std::unique_ptr<SecondaryMmu> secondary_;
  /// The pins each worker holds across rounds (DMA that outlives a round).
  std::vector<std::vector<Folio *>> pins_;
  std::array<std::atomic<unsigned long>, static_cast<std::size_t>(Op::Count)> counts_{};
};

} // namespace lockspec::core
