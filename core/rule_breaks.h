// Rule breaks: every place where the core can be built to break one locking rule on purpose,
// for the rule-necessity runs (tests/core/necessity/README.md).
//
// The normal build never breaks a rule: LOCKSPEC_BREAKS(mm, rule) is the literal `false`, so
// each hook is `if (!LOCKSPEC_BREAKS(mm, rule)) <the protocol's step>;` and clang's analysis,
// which prunes trivially false branches, sees the protocol unchanged.  A hook that adds a
// step, `if (LOCKSPEC_BREAKS(mm, rule)) <step>;`, is dead code in the normal build (the
// mutant generator, tests/core/mutants, skips acquisitions inside one).  A build with
// LOCKSPEC_RULE_BREAKS (thread-safety analysis off) compiles every hook in; which rule an
// address space breaks is then chosen per Mm (Mm::brokenRule), so one binary runs the same
// seeded workload with the rule kept and with it broken.
//
// The rules, each named as the hooks are, with what breaking it skips:
//
//   install_rmap_only          rmap walk (reclaim.cc, rmapOne): an aging walk that finds the
//                              entry none re-installs the folio holding only the anon_vma lock
//                              and the PTL (rule: installing a PTE needs the mmap or VMA lock).
//   pte_walk_unlocked          gup_fast (gup.cc, fastGet): the lockless walk runs without its
//                              RCU section (interrupts-off), so nothing holds off the freeing
//                              of a reclaimed PTE table (rule: PTE-level walks need the PTL or
//                              RCU).
//   vma_fields_no_vma_lock     split and mprotect (map.cc): VMA fields written under the mmap
//                              write lock without vma_start_write (rule: fields written_all
//                              need the VMA write lock too, for readers under VMA read locks).
//   vma_fields_no_rmap_lock    split (map.cc, splitVma): vm_end of the head and the tail's
//                              vm_start, vm_end and vm_pgoff written before the anon_vma write
//                              lock is taken (for the tail's link only) (rule: vm_start,
//                              vm_end and vm_pgoff change under the rmap write lock too).
//   gup_pin_no_wp_seq          gup_fast FOLL_PIN (gup.cc, gupFast): no write_protect_seq
//                              sample nor recheck (rule: fast pins back out when fork ran).
//   secondary_no_notifier_seq  the secondary MMU's fault (notifier.cc): installs without the
//                              mmu_interval_read_retry check (rule: a secondary install
//                              rechecks the notifier sequence under the driver lock).
//   mmap_lock_under_vma_lock   the page fault (fault.cc): takes the mmap read lock while it
//                              holds the VMA read lock (rule: forbidden; the kernel only
//                              trylocks it there).
#pragma once

namespace lockspec::core {

/// The rules a LOCKSPEC_RULE_BREAKS build can break (see the table above).
enum class Rule {
  none,
  install_rmap_only,
  pte_walk_unlocked,
  vma_fields_no_vma_lock,
  vma_fields_no_rmap_lock,
  gup_pin_no_wp_seq,
  secondary_no_notifier_seq,
  mmap_lock_under_vma_lock,
};

} // namespace lockspec::core

#ifdef LOCKSPEC_RULE_BREAKS
#define LOCKSPEC_BREAKS(mm, rule) ((mm)->brokenRule == ::lockspec::core::Rule::rule)
#else
#define LOCKSPEC_BREAKS(mm, rule) false
#endif
