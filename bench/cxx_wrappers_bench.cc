// The cost of the generated wrappers (lockspec/mm_locks.h) against the primitives they wrap.
//
// One iteration is a page-fault-like critical section: mmap read lock, PTE lock, the install
// operation (a pure annotation), unlock both; then a VMA read lock and its release.  The wrapped
// loop goes through the annotated C API; the raw loop calls the same primitives directly
// (raw()).  Both run in one process, interleaved, best of N; the ratio wrapped/raw is printed.
// Build without LOCKSPEC_VALIDATE: that is the release configuration the zero-cost claim is
// about.  Usage: cxx_wrappers_bench [iterations] [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "lockspec/mm_locks.h"

using namespace lockspec;

namespace {

/// Keeps the compiler from dropping or merging loop iterations.
inline void barrier() {
  asm volatile("" ::: "memory");
}

[[gnu::noinline]] void wrapped(vm_area_struct *vma, pte_table *pte, long n) {
  for (long i = 0; i < n; ++i) {
    mmap_read_lock(vma->vm_mm);
    pte->ptl.lock();
    op::install(vma, pte, via::mmap{});
    pte->ptl.unlock();
    mmap_read_unlock(vma->vm_mm);
    if (vma_start_read_locked(vma))
      vma_end_read(vma);
    barrier();
  }
}

[[gnu::noinline]] void raw(vm_area_struct *vma, pte_table *pte, long n) {
  // The same loads as the wrapped loop (vma->vm_mm each time), only the wrappers removed.
  for (long i = 0; i < n; ++i) {
    vma->vm_mm->mmap_lock.raw().lock_shared();
    pte->ptl.raw().lock();
    pte->ptl.raw().unlock();
    vma->vm_mm->mmap_lock.raw().unlock_shared();
    if (vma->vma_lock.raw().try_lock_shared(vma->vm_mm->mmap_lock.raw()))
      vma->vma_lock.raw().unlock_shared();
    barrier();
  }
}

template <typename F> double seconds(F &&f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 20'000'000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 15;
  mm_struct mm;
  vm_area_struct vma;
  vma.vm_mm = &mm;
  pte_table pte;
  pte.mm = &mm;
  double bestWrapped = 1e9, bestRaw = 1e9;
  for (int r = 0; r < runs; ++r) {
    bestRaw = std::min(bestRaw, seconds([&] { raw(&vma, &pte, n); }));
    bestWrapped = std::min(bestWrapped, seconds([&] { wrapped(&vma, &pte, n); }));
  }
  std::printf("cxx wrappers: %ld iterations, best of %d: raw %.2f ns/iter, wrapped %.2f ns/iter, "
              "ratio %.3f\n",
              n, runs, bestRaw / n * 1e9, bestWrapped / n * 1e9, bestWrapped / bestRaw);
  return 0;
}
