// lockspec-core-fault-bench: page faults per second in the reference core (core/), on one and
// two threads faulting in separate VMAs, and a mixed fault + munmap + mremap workload, with
// per-VMA locks (this binary) and with the mmap-lock-only build of the same core
// (lockspec-core-fault-bench-mmap-only, built with LOCKSPEC_CORE_MMAP_LOCK_ONLY), side by side.
//
//   lockspec-core-fault-bench [--seconds S] [--rounds R] [--mix N]
//
// Each figure is the best of R rounds of S seconds (the machine is shared: the best round is
// the one least disturbed).  The mmap-lock-only figures come from running the sibling binary
// with --raw; the ratios are printed last.  bench/README.md has the latest figures.
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/mm.h"

namespace {

using namespace lockspec::core;

/// Pages in each thread's VMA: one PTE table's worth, so threads share no PTE table.
constexpr unsigned long kPages = 512;
/// Threads' VMAs sit 1 GiB apart: separate PMD tables, so separate PMD locks too.
constexpr unsigned long kBase = 1ul << 40, kStride = 1ul << 30;
/// Each thread's scratch range for the mixed workload (mmap, fault, mremap, munmap).
constexpr unsigned long kScratch = 1ul << 36, kScratchPages = 16;

/// The CPU time the calling thread has used, in seconds.
double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/// Faults per second of wall-clock time and per second of the workers' CPU time.
struct Rate {
  double wall = 0, cpu = 0;
  /// Scratch mmap+mremap+munmap cycles per second (the writer's rate).
  double cycles = 0;
};

/// Which work each thread does.  Faults: every thread faults in its own VMA.  Mixed: thread 1
/// is the writer instead.  Writer: the only thread is the writer (to size the mixed work).
enum class Mode { Faults, Mixed, Writer };

/// A fixed amount of work for the mixed workload: thread 0 stops after `faults` faults,
/// thread 1 after `cycles` cycles, and the run lasts until both are done.  Both builds get the
/// same quota, so the faster one is the one that overlaps more of it.
struct Quota {
  unsigned long faults = 0, cycles = 0;
};

/// Releases the workers waiting on `go`, lets them run `seconds` (0: until they stop by
/// themselves), stops and joins them.  Returns the wall time they ran.
double runWorkers(std::atomic<bool> &go, std::atomic<bool> &stop, std::vector<std::thread> &workers,
                  double seconds) {
  const auto start = std::chrono::steady_clock::now();
  go.store(true, std::memory_order_release);
  if (seconds > 0)
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop.store(true);
  for (auto &w : workers)
    w.join();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Faults per second of `threads` threads, each faulting every page of its own VMA and then
/// zapping it (MADV_DONTNEED) so the next pass faults again.  `mixed`: thread 1 instead maps a
/// scratch range, faults it in, moves it with mremap and unmaps it, over and over, faulting
/// `mix` pages of its own VMA between two such cycles; thread 0 only faults.
Rate run(unsigned threads, double seconds, Mode mode, unsigned mix, Quota quota = {}) {
  FolioPool pool(1u << 16);
  Report report;
  auto mm = std::make_unique<Mm>(pool, report);
  for (unsigned t = 0; t < threads; ++t)
    mmapFixed(mm.get(), kBase + t * kStride, kPages * kPageSize, VM_READ | VM_WRITE);
  std::atomic<bool> go{false}, stop{false};
  std::vector<unsigned long> faults(threads * 16); // one cache line apart
  std::vector<double> cpu(threads * 16);
  std::vector<unsigned long> cycles(threads * 16);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      RcuThread rcu;
      const unsigned long vma = kBase + t * kStride;
      const unsigned long scratch = kScratch + t * kStride, moved = scratch + kStride / 2;
      unsigned long n = 0, p = 0;
      auto fault = [&](unsigned long addr) {
        if (handleUserFault(mm.get(), addr, true) != Fault::Ok)
          std::abort();
        ++n;
      };
      auto next = [&] { // the next page of the thread's own VMA, zapped after each pass
        fault(vma + p * kPageSize);
        if (++p == kPages) {
          p = 0;
          madviseDontneed(mm.get(), vma, kPages * kPageSize);
        }
      };
      while (!go.load(std::memory_order_acquire))
        std::this_thread::yield();
      const bool writer = (mode == Mode::Mixed && t == 1) || mode == Mode::Writer;
      unsigned long c = 0;
      auto more = [&] {
        if (!quota.faults)
          return !stop.load(std::memory_order_relaxed);
        return writer ? c < quota.cycles : n < quota.faults;
      };
      while (more()) {
        if (!writer) {
          for (unsigned i = 0; i < 64; ++i)
            next();
          continue;
        }
        ++c;
        for (unsigned i = 0; i < mix; ++i)
          next();
        mmapFixed(mm.get(), scratch, kScratchPages * kPageSize, VM_READ | VM_WRITE);
        for (unsigned long q = 0; q < kScratchPages; ++q)
          fault(scratch + q * kPageSize);
        mremap(mm.get(), scratch, kScratchPages * kPageSize, moved);
        munmap(mm.get(), moved, kScratchPages * kPageSize);
      }
      faults[t * 16] = n;
      cycles[t * 16] = c;
      cpu[t * 16] = threadCpuSeconds();
    });
  const double elapsed = runWorkers(go, stop, workers, quota.faults ? 0 : seconds);
  unsigned long total = 0, totalCycles = 0;
  double cpuTotal = 0;
  for (unsigned t = 0; t < threads; ++t) {
    total += faults[t * 16];
    totalCycles += cycles[t * 16];
    cpuTotal += cpu[t * 16];
  }
  exitMm(std::move(mm));
  rcuBarrier();
  if (report.count())
    std::fprintf(stderr, "core-fault-bench: %ld invariant violations\n", report.count());
  return {total / elapsed, total / cpuTotal, totalCycles / elapsed};
}

/// The control: a loop shaped like the fault on memory no other thread touches.  Per
/// iteration: a sequentially consistent increment and a release decrement of a lock word (the
/// VMA read lock and the PTL), a folio-sized record written, a release store into a 512-entry
/// table; every 512 iterations the table is zapped.  Nothing is shared, so whatever its
/// per-thread rate loses with two threads is the machine's (two vCPUs that share a physical
/// core, shared caches and memory), not the core's.
Rate control(unsigned threads, double seconds) {
  struct alignas(64) Private {
    std::atomic<int> lock{0};
    std::atomic<std::uint64_t> table[kPages] = {};
    struct alignas(64) Record {
      std::atomic<int> ref{0}, map{0};
      std::atomic<unsigned long> index{0}, data{0};
    } records[kPages];
  };
  std::atomic<bool> go{false}, stop{false};
  std::vector<unsigned long> done(threads * 16);
  std::vector<double> cpu(threads * 16);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      auto p = std::make_unique<Private>();
      unsigned long n = 0;
      while (!go.load(std::memory_order_acquire))
        std::this_thread::yield();
      while (!stop.load(std::memory_order_relaxed)) {
        for (unsigned i = 0; i < kPages; ++i, ++n) {
          p->lock.fetch_add(1, std::memory_order_seq_cst);
          auto &r = p->records[i];
          r.index.store(n, std::memory_order_relaxed);
          r.data.store(0, std::memory_order_relaxed);
          r.ref.store(1, std::memory_order_release);
          r.map.fetch_add(1, std::memory_order_acq_rel);
          p->table[i].store((std::uint64_t{i} << 12) | 1, std::memory_order_release);
          p->lock.fetch_sub(1, std::memory_order_release);
        }
        for (unsigned i = 0; i < kPages; ++i)
          if (p->table[i].exchange(0, std::memory_order_acq_rel))
            p->records[i].map.fetch_sub(1, std::memory_order_acq_rel);
      }
      done[t * 16] = n;
      cpu[t * 16] = threadCpuSeconds();
    });
  const double elapsed = runWorkers(go, stop, workers, seconds);
  unsigned long total = 0;
  double cpuTotal = 0;
  for (unsigned t = 0; t < threads; ++t) {
    total += done[t * 16];
    cpuTotal += cpu[t * 16];
  }
  return {total / elapsed, total / cpuTotal, 0};
}

/// Each figure: best wall-clock rate, and the best rate per CPU-second of the workers (what
/// one thread achieves per core it gets, whatever else runs on the machine).
struct Figures {
  double one = 0, two = 0, mixed = 0;
  double oneCpu = 0, twoCpu = 0, mixedCpu = 0;
  /// The control loop on 1 and 2 threads (measured by the per-VMA binary only).
  double ctlOne = 0, ctlTwo = 0, ctlOneCpu = 0, ctlTwoCpu = 0;
};

Figures measure(double seconds, unsigned rounds, unsigned mix, Quota quota) {
  Figures f;
  for (unsigned r = 0; r < rounds; ++r) {
    Rate one = run(1, seconds, Mode::Faults, 0), two = run(2, seconds, Mode::Faults, 0),
         mixed = run(2, seconds, Mode::Mixed, mix, quota);
    f.one = std::max(f.one, one.wall);
    f.two = std::max(f.two, two.wall);
    f.mixed = std::max(f.mixed, mixed.wall);
    f.oneCpu = std::max(f.oneCpu, one.cpu);
    f.twoCpu = std::max(f.twoCpu, two.cpu);
    f.mixedCpu = std::max(f.mixedCpu, mixed.cpu);
  }
  return f;
}

/// The control loop, in rounds interleaved with nothing else (see control()).
void measureControl(double seconds, unsigned rounds, Figures *f) {
  for (unsigned r = 0; r < rounds; ++r) {
    Rate one = control(1, seconds), two = control(2, seconds);
    f->ctlOne = std::max(f->ctlOne, one.wall);
    f->ctlTwo = std::max(f->ctlTwo, two.wall);
    f->ctlOneCpu = std::max(f->ctlOneCpu, one.cpu);
    f->ctlTwoCpu = std::max(f->ctlTwoCpu, two.cpu);
  }
}

/// Runs the mmap-lock-only sibling with --raw and reads its three figures.
bool sibling(double seconds, unsigned rounds, unsigned mix, Quota quota, Figures *out) {
  char self[4096];
  ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0)
    return false;
  self[len] = 0;
  std::string cmd = std::string(self) + "-mmap-only --raw --seconds " + std::to_string(seconds) +
                    " --rounds " + std::to_string(rounds) + " --mix " + std::to_string(mix) +
                    " --quota " + std::to_string(quota.faults) + " " +
                    std::to_string(quota.cycles);
  FILE *p = popen(cmd.c_str(), "r");
  if (!p)
    return false;
  int got = std::fscanf(p, "%lf %lf %lf %lf %lf %lf", &out->one, &out->two, &out->mixed,
                        &out->oneCpu, &out->twoCpu, &out->mixedCpu);
  return pclose(p) == 0 && got == 6;
}

double loadAverage() {
  double l = -1;
  if (FILE *f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &l) != 1)
      l = -1;
    std::fclose(f);
  }
  return l;
}

} // namespace

int main(int argc, char **argv) {
  CLI::App app{"lockspec-core-fault-bench: fault scaling of the reference core"};
  double seconds = 1;
  unsigned rounds = 3, mix = 0;
  bool raw = false;
  app.add_option("--seconds", seconds, "length of one round")->check(CLI::Range(0.05, 60.0));
  app.add_option("--rounds", rounds, "rounds per figure (the best counts)")->check(CLI::Range(1u, 100u));
  app.add_option("--mix", mix, "mixed workload: faults thread 1 adds between two scratch "
                               "mmap/mremap/munmap cycles")
      ->check(CLI::Range(0u, 100000u));
  app.add_flag("--raw", raw, "print the figures only (used for the sibling build)");
  std::vector<unsigned long> quotaArg;
  app.add_option("--quota", quotaArg, "mixed workload: faults of thread 0 and cycles of thread 1 "
                                      "(default: what each does alone in --seconds)")
      ->expected(2);
  CLI11_PARSE(app, argc, argv);
  RcuThread rcu;
  const double loadBefore = loadAverage();
  Quota quota;
  if (quotaArg.size() == 2) {
    quota = {quotaArg[0], quotaArg[1]};
  } else { // each thread's share: what it does alone in one round, in this build
    quota.faults = static_cast<unsigned long>(run(1, seconds, Mode::Faults, 0).wall * seconds);
    quota.cycles = std::max(1ul, static_cast<unsigned long>(
                                     run(1, seconds, Mode::Writer, mix).cycles * seconds));
  }
  Figures vma = measure(seconds, rounds, mix, quota);
  if (raw) {
    std::printf("%.0f %.0f %.0f %.0f %.0f %.0f\n", vma.one, vma.two, vma.mixed, vma.oneCpu,
                vma.twoCpu, vma.mixedCpu);
    return 0;
  }
#ifdef LOCKSPEC_CORE_MMAP_LOCK_ONLY
  std::fprintf(stderr, "run lockspec-core-fault-bench, not the mmap-lock-only sibling\n");
  return 2;
#endif
  measureControl(seconds, rounds, &vma);
  Figures mmap;
  if (!sibling(seconds, rounds, mix, quota, &mmap)) {
    std::fprintf(stderr, "core-fault-bench: cannot run the mmap-lock-only build\n");
    return 1;
  }
  std::printf("faults/s (best of %u x %.2f s; mixed: thread 0 does %lu faults while thread 1 "
              "does %lu scratch mmap+fault+mremap+munmap cycles, %u faults between cycles, "
              "what each does alone in %.2f s)\n",
              rounds, seconds, quota.faults, quota.cycles, mix, seconds);
  std::printf("%-34s %14s %14s %8s\n", "workload", "per-VMA locks", "mmap lock only", "ratio");
  std::printf("%-34s %14.0f %14.0f %8.2f\n", "1 thread, own VMA", vma.one, mmap.one, vma.one / mmap.one);
  std::printf("%-34s %14.0f %14.0f %8.2f\n", "2 threads, separate VMAs", vma.two, mmap.two,
              vma.two / mmap.two);
  std::printf("%-34s %14.0f %14.0f %8.2f\n", "2 threads, mixed fault+munmap+mremap", vma.mixed,
              mmap.mixed, vma.mixed / mmap.mixed);
  std::printf("%-34s %14.0f %14.0f %8.2f\n", "per CPU-second: 1 thread", vma.oneCpu, mmap.oneCpu,
              vma.oneCpu / mmap.oneCpu);
  std::printf("%-34s %14.0f %14.0f %8.2f\n", "per CPU-second: 2 threads", vma.twoCpu, mmap.twoCpu,
              vma.twoCpu / mmap.twoCpu);
  std::printf("%-34s %14.0f %14.0f %8.2f\n", "per CPU-second: mixed", vma.mixedCpu,
              mmap.mixedCpu, vma.mixedCpu / mmap.mixedCpu);
  std::printf("scaling 2/1 threads, wall clock: per-VMA %.2fx (target >= 1.8), mmap-lock-only %.2fx\n",
              vma.two / vma.one, mmap.two / mmap.one);
  std::printf("scaling 2/1 threads, a core each (2 x per-CPU-second rate): per-VMA %.2fx, "
              "mmap-lock-only %.2fx\n",
              2 * vma.twoCpu / vma.oneCpu, 2 * mmap.twoCpu / mmap.oneCpu);
  std::printf("control, a fault-shaped loop on private memory: 1 thread %.0f/s, 2 threads "
              "%.0f/s (wall), per CPU-second %.0f and %.0f\n",
              vma.ctlOne, vma.ctlTwo, vma.ctlOneCpu, vma.ctlTwoCpu);
  std::printf("scaling 2/1 threads of the control: wall %.2fx, a core each %.2fx (what this "
              "machine allows such code)\n",
              vma.ctlTwo / vma.ctlOne, 2 * vma.ctlTwoCpu / vma.ctlOneCpu);
  std::printf("mixed, per-VMA / mmap-lock-only, wall clock: %.2fx (target >= 1.5)\n",
              vma.mixed / mmap.mixed);
  std::printf("load average: %.2f before, %.2f after; cores online: %u\n", loadBefore, loadAverage(),
              std::thread::hardware_concurrency());
  return 0;
}
