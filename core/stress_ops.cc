#include "core/stress_ops.h"

#include <random>
#include <thread>

namespace lockspec::core {
namespace {

/// The window the mix works in: 16 MiB straddling a PGD boundary, so that upper tables are
/// allocated concurrently on both sides, and small enough that operations collide.
constexpr unsigned long kWindowPages = 4096;
constexpr unsigned long kWindow = (1ul << 40) - kWindowPages * kPageSize / 2;

/// The file the mix maps, in pages.
constexpr unsigned long kFilePages = 1024;
/// Where mremap parks whole tables: past the window and mmap's reach beyond it, one 4-table
/// slot per worker.
constexpr unsigned long kParking = kWindow + kWindowPages * kPageSize + 4 * kPteTableSpan;

constexpr const char *kOpNames[] = {"fault_vma_lock", "fault_mmap_lock", "fault_segv",
                                    "mmap",           "mmap_file",       "mmap_busy",
                                    "munmap",         "munmap_eintr",    "mprotect",
                                    "madvise",        "gup_get",         "gup_fast_get",
                                    "gup_pin",        "gup_fast_pin",    "gup_fast_fallback",
                                    "unpin",          "fork",            "reclaim_table",
                                    "reclaim_backoff", "rmap_unmap",     "rmap_age",
                                    "rmap_file_unmap", "rmap_file_age",  "evict",
                                    "mremap",
                                    "mremap_pmd",     "secondary_fault", "secondary_miss"};
static_assert(std::size(kOpNames) == static_cast<std::size_t>(Op::Count));

/// Whether a fatal signal is pending for this worker (the runtime's killable locks ask).
thread_local bool tFatalSignal = false;
bool fatalSignalHere() { return tFatalSignal; }

} // namespace

StressRun::StressRun(unsigned threads, unsigned long seed)
    : threads_(threads), seed_(seed), pool_(1u << 16), file_(pool_, kFilePages),
      mm_(std::make_unique<Mm>(pool_, report_)),
      secondary_(std::make_unique<SecondaryMmu>(kWindow, kWindowPages)), pins_(threads) {
  rt::setFatalSignalHook(&fatalSignalHere);
  mmuNotifierRegister(mm_.get(), secondary_.get());
  // Start with the window mostly mapped, in VMAs of 64 pages: anonymous, a shared file
  // mapping and a private one in each 256 pages, and a hole.
  for (unsigned long p = 0; p < kWindowPages; p += 64) {
    const unsigned long at = kWindow + p * kPageSize, len = 64 * kPageSize;
    const unsigned long pgoff = p % kFilePages;
    if (p % 256 == 0)
      mmapFixed(mm_.get(), at, len, VM_READ | VM_WRITE);
    else if (p % 256 == 64)
      mmapFile(mm_.get(), at, len, VM_READ | VM_WRITE | VM_SHARED, &file_, pgoff);
    else if (p % 256 == 128)
      mmapFile(mm_.get(), at, len, VM_READ | VM_WRITE, &file_, pgoff);
  }
}

StressRun::~StressRun() { rt::setFatalSignalHook(nullptr); }

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
      mmapOp(rng(), page(), pages());
    } else if (pick < 755) {
      // Half the munmaps run with a fatal signal pending: the killable mmap write lock gives
      // up with -EINTR if it has to wait.
      tFatalSignal = rng() % 2;
      int r = munmap(mm, page(), (1 + rng() % 16) * kPageSize);
      tFatalSignal = false;
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
    } else if (pick < 997) {
      if (mremap(mm, page(), (1 + rng() % 16) * kPageSize, page()))
        count(Op::Mremap);
    } else if (pick < 999) {
      mremapPmdOp(index, rng());
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

void StressRun::mmapOp(std::uint64_t r, unsigned long addr, unsigned long len) {
  const unsigned long prot = r % 3 ? VM_READ | VM_WRITE : VM_READ;
  bool ok;
  switch ((r >> 2) % 4) {
  case 0: // a shared file mapping
    ok = mmapFile(mm_.get(), addr, len, prot | VM_SHARED, &file_,
                  (r >> 4) % (kFilePages - (len >> kPageShift)));
    break;
  case 1: // a private one
    ok = mmapFile(mm_.get(), addr, len, prot, &file_, (r >> 4) % (kFilePages - (len >> kPageShift)));
    break;
  default:
    ok = mmapFixed(mm_.get(), addr, len, prot);
  }
  count(!ok ? Op::MmapBusy : (r >> 2) % 4 < 2 ? Op::MmapFile : Op::Mmap);
}

void StressRun::mremapPmdOp(unsigned index, std::uint64_t r) {
  // A table-aligned span of the window, remapped as one VMA (anonymous or a private file
  // mapping), faulted in part, moved whole to this worker's parking slot and back; the other
  // workers keep faulting, pinning, forking and walking the rmap around it.
  Mm *mm = mm_.get();
  const unsigned long span = kWindow + (r % (kWindowPages * kPageSize / kPteTableSpan)) * kPteTableSpan;
  const unsigned long park = kParking + index * 4 * kPteTableSpan;
  munmap(mm, span, kPteTableSpan);
  const bool file = (r >> 8) & 1;
  if (!(file ? mmapFile(mm, span, kPteTableSpan, VM_READ | VM_WRITE, &file_, 0)
             : mmapFixed(mm, span, kPteTableSpan, VM_READ | VM_WRITE)))
    return;
  for (unsigned i = 0; i < 16; ++i)
    handleUserFault(mm, span + ((r >> (12 + 3 * i)) % kEntries) * kPageSize, (r >> i) & 1);
  unsigned whole = 0;
  if (!mremap(mm, span, kPteTableSpan, park, &whole))
    return;
  if (whole)
    count(Op::MremapPmd);
  if (mremap(mm, park, kPteTableSpan, span, &whole) && whole)
    count(Op::MremapPmd);
  else
    munmap(mm, park, kPteTableSpan);
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
    count(f->mapping ? (r & 1 ? Op::RmapFileUnmap : Op::RmapFileAge)
                     : (r & 1 ? Op::RmapUnmap : Op::RmapAge));
  // Reclaim drops a page-cache folio it unmapped everywhere (shrink_folio_list), so that
  // faults keep missing the cache and retrying under the mmap lock.
  if (f->mapping && (r & 1)) {
    if (file_.evict(f))
      count(Op::Evict);
    return;
  }
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
      Folio *f = pte ? pool_.get(pteFolio(pte)) : nullptr;
      if (f && !f->mapping && f->pincount.load() > 0)
        report_.fail("a forked child maps a pinned anonymous folio");
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
  file_.truncate(report_);
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
