// core-necessity: one seeded workload per locking rule of core/rule_breaks.h, run on an
// address space that keeps the rule or breaks it (tests/core/necessity/README.md).
//
//   core-necessity --rule NAME --broken --seconds S --seed N
//
// Built with LOCKSPEC_RULE_BREAKS and ThreadSanitizer, without the validator: the damage has
// to show as what it does to the address space (an invariant the core checks, a TSan report,
// a deadlock the watchdog finds), not as a report that the rule was broken.  The run stops at
// the first damage or after S seconds.  Exit status: 0 clean, 1 damage (TSan exits with its
// own status after its report).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/mm.h"
#include "core/notifier.h"

namespace {

using namespace lockspec::core;
using Clock = std::chrono::steady_clock;

constexpr unsigned long kBase = 1ul << 40; // 2 MiB aligned: one PTE table spans [kBase, +2M)

/// What every scenario gets: the address space, its rule, the seed, and the deadline.
struct Run {
  FolioPool pool{1u << 14};
  Report report;
  std::unique_ptr<Mm> mm;
  Rule rule = Rule::none;
  unsigned long seed = 1;
  Clock::time_point deadline;
  /// What the damage was, when the scenario found it itself (beyond Report).
  std::string damage;
  /// Operations finished, for the watchdog of the lock-order rule.
  std::atomic<unsigned long> progress{0};

  Mm *fresh() {
    if (mm) {
      exitMm(std::move(mm));
      rcuBarrier();
    }
    mm = std::make_unique<Mm>(pool, report);
    mm->brokenRule = rule;
    return mm.get();
  }
  bool over() const { return report.count() > 0 || !damage.empty() || Clock::now() >= deadline; }
};

/// Runs `a` and `b` on two registered threads until both return.
void together(const std::function<void()> &a, const std::function<void()> &b) {
  std::thread ta([&] {
    RcuThread rcu;
    a();
  });
  std::thread tb([&] {
    RcuThread rcu;
    b();
  });
  ta.join();
  tb.join();
}

// install_rmap_only: munmap runs (zap, then rmap unlink, then free_pgtables) while an rmap
// walk ages the folio munmap is unmapping.
void installRmapOnly(Run &run) {
  Mm *mm = run.fresh();
  std::atomic<Folio *> current{nullptr};
  std::atomic<bool> stop{false};
  together(
      [&] {
        while (!run.over()) {
          mmapFixed(mm, kBase, 16 * kPageSize, VM_READ | VM_WRITE);
          handleUserFault(mm, kBase, true);
          Folio *f = gupSlow(mm, kBase, FOLL_GET);
          current.store(f);
          munmap(mm, kBase, 16 * kPageSize);
          current.store(nullptr);
          if (f)
            gupRelease(mm, f, FOLL_GET);
        }
        stop.store(true);
      },
      [&] {
        while (!stop.load()) {
          Folio *f = current.load();
          if (!f || !FolioPool::tryGet(f))
            continue;
          if (current.load() == f)
            rmapWalk(mm, f, false);
          run.pool.put(f);
        }
      });
}

// pte_walk_unlocked: gup_fast walks a PTE table while MADV_DONTNEED and PTE-table reclaim free
// it and faults allocate it again.
void pteWalkUnlocked(Run &run) {
  Mm *mm = run.fresh();
  mmapFixed(mm, kBase, 512 * kPageSize, VM_READ | VM_WRITE);
  std::atomic<bool> stop{false};
  together(
      [&] {
        std::mt19937_64 rng(run.seed);
        while (!stop.load())
          if (Folio *f = gupFast(mm, kBase + (rng() % 512) * kPageSize, FOLL_GET))
            gupRelease(mm, f, FOLL_GET);
      },
      [&] {
        std::mt19937_64 rng(run.seed + 1);
        while (!run.over()) {
          for (int i = 0; i < 8; ++i)
            handleUserFault(mm, kBase + (rng() % 512) * kPageSize, true);
          madviseDontneed(mm, kBase, 512 * kPageSize);
          reclaimEmptyTables(mm, kBase, 512 * kPageSize);
        }
        stop.store(true);
      });
}

// vma_fields_no_vma_lock: faults under VMA read locks while mprotect splits the VMA and
// changes its flags.
void vmaFieldsNoVmaLock(Run &run) {
  Mm *mm = run.fresh();
  mmapFixed(mm, kBase, 512 * kPageSize, VM_READ | VM_WRITE);
  std::atomic<bool> stop{false};
  together(
      [&] {
        std::mt19937_64 rng(run.seed);
        while (!stop.load())
          handleUserFault(mm, kBase + (rng() % 512) * kPageSize, rng() % 2);
      },
      [&] {
        std::mt19937_64 rng(run.seed + 1);
        for (unsigned n = 0; !run.over(); ++n) {
          if (n % 64 == 63) { // start over before the VMAs are all single pages
            munmap(mm, kBase, 512 * kPageSize);
            mmapFixed(mm, kBase, 512 * kPageSize, VM_READ | VM_WRITE);
          }
          mprotect(mm, kBase + (rng() % 480) * kPageSize, (1 + rng() % 32) * kPageSize,
                   rng() % 2 ? VM_READ | VM_WRITE : VM_READ);
        }
        stop.store(true);
      });
}

// vma_fields_no_rmap_lock: an rmap walk over a folio's anon_vma while mprotect splits the VMAs
// linked to it.
void vmaFieldsNoRmapLock(Run &run) {
  while (!run.over()) {
    Mm *mm = run.fresh();
    mmapFixed(mm, kBase, 512 * kPageSize, VM_READ | VM_WRITE);
    handleUserFault(mm, kBase + 256 * kPageSize, true);
    Folio *f = gupSlow(mm, kBase + 256 * kPageSize, FOLL_GET);
    std::atomic<bool> stop{false};
    together(
        [&] {
          while (!stop.load())
            rmapWalk(mm, f, false);
        },
        [&] {
          std::mt19937_64 rng(run.seed + 1);
          for (unsigned n = 0; n < 200 && !run.over(); ++n)
            mprotect(mm, kBase + (rng() % 480) * kPageSize, (1 + rng() % 32) * kPageSize,
                     rng() % 2 ? VM_READ | VM_WRITE : VM_READ);
          stop.store(true);
        });
    gupRelease(mm, f, FOLL_GET);
  }
}

// gup_pin_no_wp_seq: gup_fast pins exclusive, writable pages while fork makes them
// copy-on-write.  Damage: a pinned folio mapped by the child too.
void gupPinNoWpSeq(Run &run) {
  constexpr unsigned kPages = 64;
  Mm *mm = run.fresh();
  mmapFixed(mm, kBase, kPages * kPageSize, VM_READ | VM_WRITE);
  while (!run.over()) {
    for (unsigned p = 0; p < kPages; ++p) // write faults: exclusive again after the last fork
      handleUserFault(mm, kBase + p * kPageSize, true);
    std::vector<Folio *> pins;
    std::unique_ptr<Mm> child;
    std::atomic<int> ready{0};
    together(
        [&] {
          ready.fetch_add(1);
          while (ready.load() < 2) {
          }
          for (unsigned p = 0; p < kPages; ++p)
            if (Folio *f = gupFast(mm, kBase + p * kPageSize, FOLL_PIN | FOLL_WRITE))
              pins.push_back(f);
        },
        [&] {
          ready.fetch_add(1);
          while (ready.load() < 2) {
          }
          child = forkMm(mm);
        });
    for (Folio *f : pins) {
      if (run.damage.empty() && f->mapcount.load() > 1)
        run.damage = "a pinned folio (id " + std::to_string(f->id) + ", pincount " +
                     std::to_string(f->pincount.load()) + ") is mapped " +
                     std::to_string(f->mapcount.load()) +
                     " times: COW-shared with the child, whose writes the pin will not see";
      gupRelease(mm, f, FOLL_PIN);
    }
    exitMm(std::move(child));
  }
}

// secondary_no_notifier_seq: the device faults pages in while the primary zaps and refaults
// them.  Damage: the device maps a folio the primary no longer maps there.
void secondaryNoNotifierSeq(Run &run) {
  constexpr unsigned kPages = 16;
  Mm *mm = run.fresh();
  SecondaryMmu device(kBase, kPages);
  mmuNotifierRegister(mm, &device);
  mmapFixed(mm, kBase, kPages * kPageSize, VM_READ | VM_WRITE);
  std::mt19937_64 rng(run.seed);
  while (!run.over()) {
    std::atomic<bool> stop{false};
    const unsigned long round = rng();
    together(
        [&] {
          std::mt19937_64 r(round);
          while (!stop.load())
            device.fault(mm, kBase + (r() % kPages) * kPageSize);
        },
        [&] {
          std::mt19937_64 r(round + 1);
          for (int i = 0; i < 64; ++i) {
            unsigned long a = kBase + (r() % kPages) * kPageSize;
            handleUserFault(mm, a, true);
            madviseDontneed(mm, a, kPageSize);
          }
          stop.store(true);
        });
    device.check(mm); // mismatches go to the report
  }
  madviseDontneed(mm, kBase, kPages * kPageSize);
  run.fresh(); // the device goes before its mm
}

// mmap_lock_under_vma_lock: faults under VMA read locks while mprotect write-locks the same
// VMAs.  Damage: no progress on either side (the watchdog in main).
void mmapLockUnderVmaLock(Run &run) {
  Mm *mm = run.fresh();
  mmapFixed(mm, kBase, 64 * kPageSize, VM_READ | VM_WRITE);
  std::atomic<bool> stop{false};
  together(
      [&] {
        std::mt19937_64 rng(run.seed);
        while (!stop.load()) {
          handleUserFault(mm, kBase + (rng() % 64) * kPageSize, true);
          run.progress.fetch_add(1);
        }
      },
      [&] {
        std::mt19937_64 rng(run.seed + 1);
        while (!run.over()) {
          mprotect(mm, kBase + (rng() % 48) * kPageSize, (1 + rng() % 16) * kPageSize,
                   VM_READ | VM_WRITE);
          run.progress.fetch_add(1);
          if (rng() % 32 == 0) {
            munmap(mm, kBase, 64 * kPageSize);
            mmapFixed(mm, kBase, 64 * kPageSize, VM_READ | VM_WRITE);
          }
        }
        stop.store(true);
      });
}

struct Scenario {
  Rule rule;
  void (*run)(Run &);
};

const std::map<std::string, Scenario> kScenarios = {
    {"install_rmap_only", {Rule::install_rmap_only, installRmapOnly}},
    {"pte_walk_unlocked", {Rule::pte_walk_unlocked, pteWalkUnlocked}},
    {"vma_fields_no_vma_lock", {Rule::vma_fields_no_vma_lock, vmaFieldsNoVmaLock}},
    {"vma_fields_no_rmap_lock", {Rule::vma_fields_no_rmap_lock, vmaFieldsNoRmapLock}},
    {"gup_pin_no_wp_seq", {Rule::gup_pin_no_wp_seq, gupPinNoWpSeq}},
    {"secondary_no_notifier_seq", {Rule::secondary_no_notifier_seq, secondaryNoNotifierSeq}},
    {"mmap_lock_under_vma_lock", {Rule::mmap_lock_under_vma_lock, mmapLockUnderVmaLock}},
};

} // namespace

int main(int argc, char **argv) {
  CLI::App app{"core-necessity: break one locking rule of the core and show the damage"};
  std::string name;
  bool broken = false;
  double seconds = 5, watchdog = 3;
  unsigned long seed = 19;
  app.add_option("--rule", name, "the rule (core/rule_breaks.h)")->required();
  app.add_flag("--broken", broken, "break the rule (default: keep it)");
  app.add_option("--seconds", seconds, "stop after this long if no damage shows");
  app.add_option("--watchdog", watchdog, "seconds without progress that count as a deadlock");
  app.add_option("--seed", seed, "seed of the workload");
  CLI11_PARSE(app, argc, argv);
  auto it = kScenarios.find(name);
  if (it == kScenarios.end()) {
    std::fprintf(stderr, "core-necessity: unknown rule '%s'\n", name.c_str());
    return 2;
  }
  RcuThread rcu;
  Run run;
  run.rule = broken ? it->second.rule : Rule::none;
  run.seed = seed;
  run.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(seconds));
  std::printf("core-necessity: rule %s %s, seed %lu\n", name.c_str(), broken ? "broken" : "kept",
              seed);
  std::fflush(stdout);
  // The watchdog: a deadlock is no progress for `watchdog` seconds.  Only the lock-order rule's
  // workload reports progress; the others end by themselves.
  std::atomic<bool> done{false};
  std::thread dog([&] {
    unsigned long last = run.progress.load();
    auto since = Clock::now();
    while (!done.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      unsigned long now = run.progress.load();
      if (now != last || it->second.rule != Rule::mmap_lock_under_vma_lock) {
        last = now;
        since = Clock::now();
      } else if (Clock::now() - since > std::chrono::duration<double>(watchdog)) {
        std::printf("core-necessity: damage: watchdog: no fault and no mprotect finished for %.1f s "
                    "after %lu operations: deadlock (a fault holds a VMA read lock and waits for "
                    "the mmap lock; mprotect holds the mmap write lock and waits for the VMA's "
                    "readers)\n",
                    watchdog, now);
        std::fflush(stdout);
        std::_Exit(1); // the deadlocked threads cannot be joined
      }
    }
  });
  it->second.run(run);
  done.store(true);
  dog.join();
  if (!run.damage.empty() || run.report.count()) {
    std::printf("core-necessity: damage: %s\n",
                run.damage.empty() ? "invariant violated (above)" : run.damage.c_str());
    std::fflush(stdout);
    std::_Exit(1); // the address space is broken: tearing it down would only add noise
  }
  run.fresh();
  if (run.report.count()) {
    std::printf("core-necessity: damage: invariant violated at teardown (above)\n");
    return 1;
  }
  std::printf("core-necessity: clean\n");
  return 0;
}
