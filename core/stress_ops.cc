#include "core/stress_ops.h"

#include <random>
#include <thread>

namespace lockspec::core {
namespace {

/// The window the mix works in: 16 MiB straddling a PGD boundary, so that upper tables are
/// allocated concurrently on both sides, and small enough that operations collide.
constexpr unsigned long kWindowPages = 4096;
constexpr unsigned long kWindow = (1ul << 40) - kWindowPages * kPageSize / 2;

constexpr const char *kOpNames[] = {"fault_vma_lock", "fault_mmap_lock", "fault_segv",
                                    "mmap",           "mmap_busy",       "munmap",
                                    "munmap_eintr",   "mprotect",        "madvise"};
static_assert(std::size(kOpNames) == static_cast<std::size_t>(Op::Count));

} // namespace

StressRun::StressRun(unsigned threads, unsigned long seed)
    : threads_(threads), seed_(seed), pool_(1u << 16), mm_(std::make_unique<Mm>(pool_, report_)) {
  // Start with the window mostly mapped, in VMAs of 64 pages.
  for (unsigned long p = 0; p < kWindowPages; p += 64)
    if (p % 256 != 192)
      mmapFixed(mm_.get(), kWindow + p * kPageSize, 64 * kPageSize, VM_READ | VM_WRITE);
}

StressRun::~StressRun() = default;

void StressRun::worker(unsigned index, unsigned number,
                       std::chrono::steady_clock::time_point until) {
  RcuThread rcu;
  std::mt19937_64 rng(seed_ * 1000003u + number * 131u + index);
  auto page = [&] { return kWindow + (rng() % kWindowPages) * kPageSize; };
  auto pages = [&] { return (1 + rng() % 64) * kPageSize; };
  Mm *mm = mm_.get();
  unsigned n = 0;
  while ((++n % 64) || std::chrono::steady_clock::now() < until) {
    unsigned pick = rng() % 100;
    if (pick < 60) {
      bool viaVma = false;
      Fault r = handleUserFault(mm, page(), rng() % 2, &viaVma);
      count(r == Fault::Ok ? (viaVma ? Op::FaultVmaLock : Op::FaultMmapLock) : Op::FaultSegv);
      if (r == Fault::Oom || r == Fault::Retry)
        report_.fail("a fault ended with neither success nor a signal");
    } else if (pick < 72) {
      count(mmapFixed(mm, page(), pages(), rng() % 3 ? VM_READ | VM_WRITE : VM_READ)
                ? Op::Mmap
                : Op::MmapBusy);
    } else if (pick < 78) {
      int r = munmap(mm, page(), (1 + rng() % 16) * kPageSize);
      count(r == 0 ? Op::Munmap : Op::MunmapEintr);
      if (r != 0 && r != -4)
        report_.fail("munmap of a valid range failed with " + std::to_string(r));
    } else if (pick < 88) {
      if (mprotect(mm, page(), pages(), rng() % 2 ? VM_READ | VM_WRITE : VM_READ))
        count(Op::Mprotect);
    } else {
      if (madviseDontneed(mm, page(), pages()))
        count(Op::Madvise);
    }
  }
}

void StressRun::round(unsigned number, std::chrono::milliseconds length) {
  auto until = std::chrono::steady_clock::now() + length;
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads_; ++i)
    workers.emplace_back([this, i, number, until] { worker(i, number, until); });
  for (std::thread &t : workers)
    t.join();
}

void StressRun::checkQuiescent() { core::checkQuiescent(mm_.get()); }

void StressRun::finish() {
  while (munmap(mm_.get(), kWindow, kWindowPages * kPageSize) == -4) {
  }
  core::checkQuiescent(mm_.get());
  rcuBarrier();
  if (mm_->liveTables.load() != 0)
    report_.fail(std::to_string(mm_->liveTables.load()) + " PTE tables outlived their VMAs");
  if (pool_.inUse() != 0)
    report_.fail(std::to_string(pool_.inUse()) + " folios leaked");
  mm_.reset();
  rcuBarrier();
}

unsigned long StressRun::totalOps() const {
  unsigned long n = 0;
  for (const auto &c : counts_)
    n += c.load();
  return n;
}

std::string StressRun::perProtocol() const {
  std::string out;
  for (std::size_t i = 0; i < counts_.size(); ++i)
    out += std::string(i ? ", " : "") + kOpNames[i] + " " + std::to_string(counts_[i].load());
  return out;
}

} // namespace lockspec::core
