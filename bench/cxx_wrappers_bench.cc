// The cost of the generated wrappers (lockspec/mm_locks.h) against the primitives they wrap.
//
// One iteration is a page-fault-like critical section: mmap read lock, PTE lock, the install
// operation (a pure annotation), unlock both; then a VMA read lock and its release.  The wrapped
// loop goes through the annotated C API; the raw loop calls the same primitives directly
// (raw()).  Build without LOCKSPEC_VALIDATE: that is the release configuration the zero-cost
// claim is about.
//
// Wall time on a shared machine moves with other load, so a single best-of ratio can land
// anywhere in a few percent.  The two loops therefore run in many short interleaved rounds (the
// order alternating, so drift within a round hits both alike), each timed by wall clock and by
// this thread's CPU clock (which stops while the thread is preempted), and the figures are the
// medians of the per-round ratios with their spread.  Instruction counts do not move with load
// at all: `--only raw|wrapped` runs one loop once, for bench/cxx_wrappers_bench.sh to count
// under callgrind (--toggle-collect on loopRaw / loopWrapped).
//
// Usage: cxx_wrappers_bench [iterations-per-round] [rounds]
//        cxx_wrappers_bench --only raw|wrapped [iterations]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include "lockspec/mm_locks.h"

using namespace lockspec;

namespace {

/// Keeps the compiler from dropping or merging loop iterations.
inline void barrier() {
  asm volatile("" ::: "memory");
}

// The names are what callgrind's --toggle-collect matches (bench/cxx_wrappers_bench.sh): keep
// them distinct from anything the loops call (raw() is a member of every lock type).
[[gnu::noinline]] void loopWrapped(vm_area_struct *vma, pte_table *pte, long n) {
  for (long i = 0; i < n; ++i) {
    mmap_read_lock(vma->vm_mm);
    pte->pte_lock.lock();
    op::install(vma, pte, via::mmap_lock{});
    pte->pte_lock.unlock();
    if (vma_start_read_locked(vma)) // v7.0 asserts the mmap lock here
      vma_end_read(vma);
    mmap_read_unlock(vma->vm_mm);
    barrier();
  }
}

[[gnu::noinline]] void loopRaw(vm_area_struct *vma, pte_table *pte, long n) {
  // The same loads as the wrapped loop (vma->vm_mm each time), only the wrappers removed.
  for (long i = 0; i < n; ++i) {
    vma->vm_mm->mmap_lock.raw().lock_shared();
    pte->pte_lock.raw().lock();
    pte->pte_lock.raw().unlock();
    if (vma->vma_lock.raw().try_lock_shared(vma->vm_mm->mmap_lock.raw()))
      vma->vma_lock.raw().unlock_shared();
    vma->vm_mm->mmap_lock.raw().unlock_shared();
    barrier();
  }
}

/// This thread's CPU time in seconds: it does not advance while another process has the core.
double threadCpu() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Times {
  double wall, cpu;
};

template <typename F> Times measure(F &&f) {
  auto start = std::chrono::steady_clock::now();
  double cpu = threadCpu();
  f();
  cpu = threadCpu() - cpu;
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), cpu};
}

/// The q-quantile of sorted `v` (linear interpolation between neighbours).
double quantile(const std::vector<double> &v, double q) {
  double pos = q * static_cast<double>(v.size() - 1);
  size_t lo = static_cast<size_t>(pos);
  size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

} // namespace

int main(int argc, char **argv) {
  mm_struct mm;
  vm_area_struct vma;
  vma.vm_mm = &mm;
  pte_table pte;
  pte.mm = &mm;

  if (argc > 2 && std::strcmp(argv[1], "--only") == 0) {
    long n = argc > 3 ? std::atol(argv[3]) : 100'000;
    if (std::strcmp(argv[2], "raw") == 0)
      loopRaw(&vma, &pte, n);
    else if (std::strcmp(argv[2], "wrapped") == 0)
      loopWrapped(&vma, &pte, n);
    else {
      std::fprintf(stderr, "usage: cxx_wrappers_bench --only raw|wrapped [iterations]\n");
      return 2;
    }
    return 0;
  }

  long n = argc > 1 ? std::atol(argv[1]) : 200'000;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 201;
  if (n <= 0 || rounds <= 0) {
    std::fprintf(stderr, "usage: cxx_wrappers_bench [iterations-per-round] [rounds]\n");
    return 2;
  }
  loopRaw(&vma, &pte, n); // warm up caches and the branch predictor for both
  loopWrapped(&vma, &pte, n);
  std::vector<double> wallRatio, cpuRatio, rawCpu, wrappedCpu;
  for (int r = 0; r < rounds; ++r) {
    Times tr, tw;
    if (r % 2 == 0) {
      tr = measure([&] { loopRaw(&vma, &pte, n); });
      tw = measure([&] { loopWrapped(&vma, &pte, n); });
    } else {
      tw = measure([&] { loopWrapped(&vma, &pte, n); });
      tr = measure([&] { loopRaw(&vma, &pte, n); });
    }
    wallRatio.push_back(tw.wall / tr.wall);
    cpuRatio.push_back(tw.cpu / tr.cpu);
    rawCpu.push_back(tr.cpu);
    wrappedCpu.push_back(tw.cpu);
  }
  for (auto *v : {&wallRatio, &cpuRatio, &rawCpu, &wrappedCpu})
    std::sort(v->begin(), v->end());
  std::printf("cxx wrappers: %d interleaved rounds of %ld iterations; median cpu: raw %.2f "
              "ns/iter, wrapped %.2f ns/iter\n",
              rounds, n, quantile(rawCpu, 0.5) / n * 1e9, quantile(wrappedCpu, 0.5) / n * 1e9);
  auto line = [&](const char *clock, const std::vector<double> &v) {
    std::printf("time ratio wrapped/raw by %s: median %.3f, quartiles %.3f-%.3f, "
                "min %.3f, max %.3f\n",
                clock, quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75), v.front(), v.back());
  };
  line("thread cpu", cpuRatio);
  line("wall clock", wallRatio);
  return 0;
}
