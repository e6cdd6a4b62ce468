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
                                    "munmap_eintr",   "mprotect",        "madvise",
                                    "gup_get",        "gup_fast_get",    "gup_pin",
                                    "gup_fast_pin",   "gup_fast_fallback", "unpin",
                                    "fork",           "reclaim_table",   "reclaim_backoff",
                                    "rmap_unmap",     "rmap_age",        "mremap",
                                    "secondary_fault",
                                    "secondary_miss"};
static_assert(std::size(kOpNames) == static_cast<std::size_t>(Op::Count));

} // namespace

StressRun::StressRun(unsigned threads, unsigned long seed)
    : threads_(threads), seed_(seed), pool_(1u << 16), mm_(std::make_unique<Mm>(pool_, report_)),
      secondary_(std::make_unique<SecondaryMmu>(kWindow, kWindowPages)), pins_(threads) {
  mmuNotifierRegister(mm_.get(), secondary_.get());
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
    unsigned pick = rng() % 1000;
    if (pick < 600) {
      bool viaVma = false;
      Fault r = handleUserFault(mm, page(), rng() % 2, &viaVma);
      count(r == Fault::Ok ? (viaVma ? Op::FaultVmaLock : Op::FaultMmapLock) : Op::FaultSegv);
      if (r == Fault::Oom || r == Fault::Retry)
        report_.fail("a fault ended with neither success nor a signal");
    } else if (pick < 720) {
      count(mmapFixed(mm, page(), pages(), rng() % 3 ? VM_READ | VM_WRITE : VM_READ)
                ? Op::Mmap
                : Op::MmapBusy);
    } else if (pick < 755) {
      int r = munmap(mm, page(), (1 + rng() % 16) * kPageSize);
      count(r == 0 ? Op::Munmap : Op::MunmapEintr);
      if (r != 0 && r != -4)
        report_.fail("munmap of a valid range failed with " + std::to_string(r));
    } else if (pick < 820) {
      if (mprotect(mm, page(), pages(), rng() % 2 ? VM_READ | VM_WRITE : VM_READ))
        count(Op::Mprotect);
    } else if (pick < 860) {
      if (madviseDontneed(mm, page(), pages()))
        count(Op::Madvise);
    } else if (pick < 950) {
      gupOp(index, rng(), page());
    } else if (pick < 965) {
      // MADV_DONTNEED over a whole table's span, then CONFIG_PT_RECLAIM's attempt to free it;
      // faults racing in between make it back off.
      unsigned long span = page() & ~(kPteTableSpan - 1);
      madviseDontneed(mm, span, kPteTableSpan);
      unsigned freed = reclaimEmptyTables(mm, span, kPteTableSpan);
      count(freed ? Op::ReclaimTable : Op::ReclaimBackoff);
    } else if (pick < 990) {
      rmapOp(rng(), page());
    } else if (pick < 999) {
      if (mremap(mm, page(), (1 + rng() % 16) * kPageSize, page()))
        count(Op::Mremap);
    } else {
      forkOp(rng(), page());
    }
  }
}

void StressRun::gupOp(unsigned index, std::uint64_t r, unsigned long addr) {
  Mm *mm = mm_.get();
  std::vector<Folio *> &pins = pins_[index];
  if (pins.size() >= 8 || (r & 3) == 0) {
    if (!pins.empty()) {
      gupRelease(mm, pins.back(), FOLL_PIN);
      pins.pop_back();
      count(Op::Unpin);
    }
    return;
  }
  const bool pin = r & 4, fast = r & 8;
  unsigned flags = (pin ? FOLL_PIN | FOLL_WRITE : FOLL_GET) | ((r & 16) ? FOLL_WRITE : 0);
  if (pin && (r & 32))
    flags |= FOLL_LONGTERM;
  Folio *f = nullptr;
  if (fast) {
    f = gupFast(mm, addr, flags);
    count(f ? (pin ? Op::GupFastPin : Op::GupFastGet) : Op::GupFastFallback);
  }
  if (!f) {
    f = gupSlow(mm, addr, flags);
    if (f)
      count(pin ? Op::GupPin : Op::GupGet);
  }
  if (!f)
    return;
  if (pin) {
    if (f->pincount.load() <= 0)
      report_.fail("GUP returned a pin the folio does not count");
    pins.push_back(f);
  } else {
    f->data.load(); // what a FOLL_GET user does with the page: access it briefly
    gupRelease(mm, f, FOLL_GET);
  }
}

void StressRun::rmapOp(std::uint64_t r, unsigned long addr) {
  // Reclaim picks a folio it holds a reference on: here one the page maps, taken
  // speculatively as a PFN walker would.
  std::uint64_t pte = peekPte(mm_.get(), addr);
  if (!pte)
    return;
  Folio *f = pool_.get(pteFolio(pte));
  if (!FolioPool::tryGet(f))
    return;
  if (rmapWalk(mm_.get(), f, r & 1))
    count(r & 1 ? Op::RmapUnmap : Op::RmapAge);
  if (!pool_.put(f))
    report_.fail("the rmap walker's reference was the last one of a pinned or mapped folio");
}

void StressRun::forkOp(std::uint64_t r, unsigned long addr) {
  std::unique_ptr<Mm> child = forkMm(mm_.get());
  // The child writes around addr: every write to a shared folio copies it.
  for (unsigned i = 0; i < 8; ++i) {
    unsigned long a = addr + ((r >> (4 * i)) % 16) * kPageSize;
    if (handleUserFault(child.get(), a, true) == Fault::Ok) {
      std::uint64_t pte = peekPte(child.get(), a);
      if (pte && pool_.get(pteFolio(pte))->pincount.load() > 0)
        report_.fail("a forked child maps a pinned folio");
    }
  }
  exitMm(std::move(child));
  count(Op::Fork);
}

void StressRun::secondaryWorker(unsigned number, std::chrono::steady_clock::time_point until) {
  RcuThread rcu;
  std::mt19937_64 rng(seed_ * 7919u + number);
  unsigned n = 0;
  while ((++n % 16) || std::chrono::steady_clock::now() < until) {
    unsigned long addr = kWindow + (rng() % kWindowPages) * kPageSize;
    count(secondary_->fault(mm_.get(), addr) ? Op::SecondaryFault : Op::SecondaryMiss);
    std::this_thread::sleep_for(std::chrono::microseconds(20)); // a device, not a CPU hog
  }
}

void StressRun::round(unsigned number, std::chrono::milliseconds length) {
  auto until = std::chrono::steady_clock::now() + length;
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads_; ++i)
    workers.emplace_back([this, i, number, until] { worker(i, number, until); });
  workers.emplace_back([this, number, until] { secondaryWorker(number, until); });
  for (std::thread &t : workers)
    t.join();
}

void StressRun::checkQuiescent() { core::checkQuiescent(mm_.get()); }

void StressRun::finish() {
  for (std::vector<Folio *> &pins : pins_) {
    for (Folio *f : pins)
      gupRelease(mm_.get(), f, FOLL_PIN);
    pins.clear();
  }
  // The whole address space, not the window: mmap reaches up to 64 pages past its end and
  // mremap moves entries there, and those tables must be freed like any other.
  while (munmap(mm_.get(), 0, kUserTop) == -4) {
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
