// The runtime validator (LOCKSPEC_VALIDATE) of the generated wrappers: each test breaks one rule
// the way code clang cannot see through would, and checks the report names the rule.  The
// rules listed in generated/tests/cxx/corpus/unchecked.txt point at these tests by name.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "lockspec/mm_locks.h"

namespace lockspec {
namespace {

std::vector<rt::Violation> &reports() {
  static std::vector<rt::Violation> seen;
  return seen;
}

/// Collects reports instead of aborting, and checks that each test leaves no hold behind.
class CxxValidator : public ::testing::Test {
protected:
  void SetUp() override {
    reports().clear();
    rt::heldLocks().clear();
    previous_ = rt::setViolationHandler([](const rt::Violation &v) { reports().push_back(v); });
  }
  void TearDown() override {
    rt::setViolationHandler(previous_);
    rt::heldLocks().clear();
  }

  /// The rules reported so far, in order.
  static std::vector<std::string> rules() {
    std::vector<std::string> out;
    for (const rt::Violation &v : reports())
      out.push_back(v.rule);
    return out;
  }

  /// A PMD table with one entry, as its user models it for pte_offset_map_lock's recheck.
  struct OneEntryPmd : pmd_table {
    const pte_table *entry = nullptr;
    bool maps(unsigned long, const pte_table *pte) const override { return entry == pte; }
  };

  /// A VMA linked to its mm, anon_vma and mapping, as the stand-ins need.
  struct World {
    mm_struct mm, otherMm;
    anon_vma av;
    address_space mapping;
    vm_area_struct vma, otherVma;
    OneEntryPmd pmd;
    pte_table pte;
    World() {
      av.root = &av;
      vma.vm_mm = &mm;
      otherVma.vm_mm = &otherMm;
      pmd.mm = &mm;
      pmd.entry = &pte;
      pte.mm = &mm;
      pte.pmd = &pmd;
    }
  };

  rt::ViolationHandler previous_ = nullptr;
};

TEST_F(CxxValidator, CorrectUseReportsNothing) {
  World w;
  mmap_read_lock(&w.mm);
  w.pte.pte_lock.lock();
  op::install(&w.vma, &w.pte, via::mmap_lock{});
  w.pte.pte_lock.unlock();
  mmap_read_unlock(&w.mm);

  mmap_write_lock(&w.mm);
  vma_start_write(&w.vma);
  w.vma.set_vm_page_prot(1);
  mmap_write_downgrade(&w.mm);
  EXPECT_EQ(w.vma.vm_page_prot(via::mmap_lock{}), 1u);
  mmap_read_unlock(&w.mm);
  EXPECT_TRUE(reports().empty()) << reports().front().rule << ": " << reports().front().message;
  EXPECT_TRUE(rt::heldLocks().empty());
}

TEST_F(CxxValidator, MissingLockForAnOperation) {
  World w;
  w.pte.pte_lock.lock();
  op::install(&w.vma, &w.pte, via::mmap_lock{});
  w.pte.pte_lock.unlock();
  ASSERT_EQ(rules(), std::vector<std::string>{"install"});
  EXPECT_NE(reports()[0].message.find("mmap_lock"), std::string::npos);
}

TEST_F(CxxValidator, SharedHoldWhereExclusiveNeeded) {
  World w;
  mmap_read_lock(&w.mm);
  fact::assume_mm_users_held();
  op::mmu_notifier_register_locked(&w.mm);
  mmap_read_unlock(&w.mm);
  EXPECT_EQ(rules(), std::vector<std::string>{"mmu_notifier_register_locked"});
}

TEST_F(CxxValidator, NotifierRegistrationTakesTheMmapLockItself) {
  World w;
  fact::assume_mm_users_held();
  op::mmu_notifier_register(&w.mm); // mmu_notifier_register takes the write lock itself
  EXPECT_TRUE(reports().empty());
  mmap_read_lock(&w.mm);
  op::mmu_notifier_register(&w.mm); // it would wait for the write lock under our read hold
  mmap_read_unlock(&w.mm);
  EXPECT_EQ(rules(), std::vector<std::string>{"mmu_notifier_register"});
}

TEST_F(CxxValidator, TrylocksDoNotWait) {
  // A trylock cannot close a deadlock cycle: neither the forbidden relation nor the order
  // applies to it (__vmf_anon_prepare, zap_empty_pte_table); the waiting forms still report.
  World w;
  ASSERT_TRUE(lock_vma_under_rcu(&w.mm, 0, &w.vma));
  ASSERT_TRUE(mmap_read_trylock(&w.mm));
  mmap_read_unlock(&w.mm);
  vma_end_read(&w.vma);
  mmap_read_lock(&w.mm);
  spin_lock(w.pte.pte_lock);
  ASSERT_TRUE(spin_trylock(w.pmd.pmd_lock));
  spin_unlock(w.pmd.pmd_lock);
  spin_unlock(w.pte.pte_lock);
  mmap_read_unlock(&w.mm);
  EXPECT_TRUE(reports().empty()) << reports().front().rule << ": " << reports().front().message;

  ASSERT_TRUE(lock_vma_under_rcu(&w.mm, 0, &w.vma));
  ASSERT_EQ(mmap_read_lock_killable(&w.mm), 0); // killable still waits
  mmap_read_unlock(&w.mm);
  vma_end_read(&w.vma);
  spin_lock(w.pte.pte_lock);
  spin_lock(w.pmd.pmd_lock);
  spin_unlock(w.pmd.pmd_lock);
  spin_unlock(w.pte.pte_lock);
  ASSERT_EQ(rules().size(), 2u);
  EXPECT_EQ(rules()[0], "no_mmap_lock_under_vma_read");
  EXPECT_NE(reports()[1].message.find("'pmd_lock.held' must be acquired before 'pte_lock.held'"),
            std::string::npos)
      << reports()[1].message;
}

TEST_F(CxxValidator, PteOffsetMapLockWaitsAndRechecks) {
  // v7.0's pte_offset_map_lock (mm/pgtable-generic.c) spin_locks the PTL, then compares the
  // PMD entry with what it read (pmd_same) and drops the lock on a change.
  World w;
  ASSERT_EQ(pte_offset_map_lock(&w.mm, &w.pmd, 0, &w.pte), &w.pte);
  pte_unmap_unlock(&w.pte, w.pte.pte_lock);

  // It waits for a holder rather than failing.
  std::atomic<bool> held{false};
  std::thread holder([&] {
    w.pte.pte_lock.raw().lock();
    held = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    w.pte.pte_lock.raw().unlock();
  });
  while (!held)
    std::this_thread::yield();
  EXPECT_EQ(pte_offset_map_lock(&w.mm, &w.pmd, 0, &w.pte), &w.pte);
  pte_unmap_unlock(&w.pte, w.pte.pte_lock);
  holder.join();

  // The table was detached (or moved) while it waited: NULL, and the PTL is free again.
  w.pmd.entry = nullptr;
  EXPECT_EQ(pte_offset_map_lock(&w.mm, &w.pmd, 0, &w.pte), nullptr);
  EXPECT_TRUE(rt::heldLocks().empty());
  ASSERT_TRUE(w.pte.pte_lock.raw().try_lock());
  w.pte.pte_lock.raw().unlock();
  EXPECT_TRUE(reports().empty()) << reports().front().rule << ": " << reports().front().message;

  // A waiting acquisition is not exempt from the order as a trylock is: the PTL is taken
  // before swap_lock (swap_lock.held is below pte_lock.held).
  w.pmd.entry = &w.pte;
  swap_lock.lock();
  ASSERT_EQ(pte_offset_map_lock(&w.mm, &w.pmd, 0, &w.pte), &w.pte);
  pte_unmap_unlock(&w.pte, w.pte.pte_lock);
  swap_lock.unlock();
  ASSERT_EQ(reports().size(), 1u);
  EXPECT_NE(reports()[0].message.find("'pte_lock.held' must be acquired before 'swap_lock"),
            std::string::npos)
      << reports()[0].message;
}

TEST_F(CxxValidator, AliasChecksTheLink) {
  World w;
  w.vma.mapping = &w.mapping;
  mmap_read_lock(&w.mm);
  alias::mmap_lock_read(&w.mm, &w.vma);
  EXPECT_TRUE(reports().empty());
  alias::mmap_lock_read(&w.mm, &w.otherVma); // otherVma belongs to another mm
  alias::mmap_lock_write(&w.mm, &w.vma);     // held for reading only
  mmap_read_unlock(&w.mm);
  alias::i_mmap_lock_read(&w.mapping, &w.vma); // not held at all
  ASSERT_EQ(rules(), (std::vector<std::string>{"alias", "alias::mmap_lock_write",
                                               "alias::i_mmap_lock_read"}));
  EXPECT_EQ(reports()[0].message, "alias::mmap_lock_read: vma->vm_mm is not mm");
}

TEST_F(CxxValidator, FlagsViewReadsTheWrittenFlags) {
  // vm_flags is a read-only view of the flags word (one union in the kernel): no setter of
  // its own, and what the vm_flags_*() helpers write is what vm_flags reads.
  World w;
  mmap_write_lock(&w.mm);
  vma_start_write(&w.vma);
  w.vma.set_flags_vm_flags_helpers(0x73);
  EXPECT_EQ(w.vma.vm_flags(via::mmap_lock{}), 0x73u);
  mmap_write_unlock(&w.mm);
  EXPECT_TRUE(reports().empty());
}

TEST_F(CxxValidator, AnotherObjectsLock) {
  World w;
  mmap_read_lock(&w.otherMm); // the lock of another mm: the analysis sees a near match only
  w.pte.pte_lock.lock();
  op::install(&w.vma, &w.pte, via::mmap_lock{});
  w.pte.pte_lock.unlock();
  mmap_read_unlock(&w.otherMm);
  EXPECT_EQ(rules(), std::vector<std::string>{"install"});
}

TEST_F(CxxValidator, OrderInversion) {
  World w;
  w.mm.page_table_lock.lock();
  w.mm.mmap_lock.lock();
  w.mm.mmap_lock.unlock();
  w.mm.page_table_lock.unlock();
  ASSERT_EQ(rules().size(), 1u);
  EXPECT_NE(reports()[0].message.find("'mmap_lock.write' must be acquired before "
                                      "'page_table_lock.held'"),
            std::string::npos)
      << reports()[0].message;
}

TEST_F(CxxValidator, ModeSpecificOrder) {
  // rmap_main orders vma_lock.write before i_mmap_lock; clang orders declarations, not modes.
  World w;
  w.vma.mapping = &w.mapping;
  mmap_write_lock(&w.mm);
  i_mmap_lock_write(&w.mapping);
  vma_start_write(&w.vma);
  i_mmap_unlock_write(&w.mapping);
  mmap_write_unlock(&w.mm);
  ASSERT_EQ(rules(), std::vector<std::string>{"rmap_main"});
  EXPECT_NE(reports()[0].message.find("'vma_lock.write' must be acquired before 'i_mmap_lock"),
            std::string::npos);
}

TEST_F(CxxValidator, RequiresRelation) {
  // The seqcount API takes the lock itself, so clang cannot name the mm it belongs to.
  World w;
  raw_write_seqcount_begin(w.mm.write_protect_seq_lock);
  raw_write_seqcount_end(w.mm.write_protect_seq_lock);
  EXPECT_EQ(rules(), std::vector<std::string>{"write_protect_seq_needs_mmap_write"});
}

TEST_F(CxxValidator, SeqcountSampleComesBack) {
  // v7.0's gup_fast: raw_seqcount_try_begin assigns the sampled count to its argument and
  // fails on an odd one; read_seqcount_retry(s, start) is true when a writer ran since.
  World w;
  mmap_write_lock(&w.mm);
  raw_write_seqcount_begin(w.mm.write_protect_seq_lock); // fork write-protecting: odd
  unsigned long start = 7;
  EXPECT_FALSE(raw_seqcount_try_begin(w.mm.write_protect_seq_lock, start));
  EXPECT_EQ(start, 1u);
  raw_write_seqcount_end(w.mm.write_protect_seq_lock);
  mmap_write_unlock(&w.mm);

  ASSERT_TRUE(raw_seqcount_try_begin(w.mm.write_protect_seq_lock, start));
  EXPECT_EQ(start, 2u);
  EXPECT_FALSE(read_seqcount_retry(w.mm.write_protect_seq_lock, start)); // nobody wrote
  ASSERT_TRUE(raw_seqcount_try_begin(w.mm.write_protect_seq_lock, start));
  mmap_write_lock(&w.mm); // fork runs in between (another thread in the kernel)
  w.mm.write_protect_seq_lock.raw().lock();
  w.mm.write_protect_seq_lock.raw().unlock();
  mmap_write_unlock(&w.mm);
  EXPECT_TRUE(read_seqcount_retry(w.mm.write_protect_seq_lock, start));
  EXPECT_EQ(start, 2u);

  unsigned long seq = 0; // the mm's lock sequence, through the pointer form
  ASSERT_TRUE(mmap_lock_speculate_try_begin(&w.mm, &seq));
  EXPECT_EQ(seq, w.mm.mm_lock_seq_lock.raw().value());
  EXPECT_FALSE(mmap_lock_speculate_retry(&w.mm, seq));
  EXPECT_TRUE(reports().empty()) << reports().front().rule << ": " << reports().front().message;
  EXPECT_TRUE(rt::heldLocks().empty());
}

TEST_F(CxxValidator, VmaWriteNeedsMmapWriteOfItsOwnMm) {
  World w;
  mmap_write_lock(&w.otherMm);
  vma_start_write(&w.vma);
  mmap_write_unlock(&w.otherMm);
  EXPECT_EQ(rules(), std::vector<std::string>{"vma_write_needs_mmap_write"});
}

TEST_F(CxxValidator, EndsWithRelation) {
  World w;
  mmap_write_lock(&w.mm);
  vma_start_write(&w.vma);
  EXPECT_TRUE(w.vma.vma_lock.raw().writeLocked(w.mm.mmap_lock.raw()));
  vma_end_write_all(&w.mm); // ends every VMA write hold of the mm, by hand
  EXPECT_FALSE(w.vma.vma_lock.raw().writeLocked(w.mm.mmap_lock.raw()));
  vma_assert_write_locked(&w.vma);
  mmap_write_unlock(&w.mm);
  EXPECT_EQ(rules(), std::vector<std::string>{"vma_assert_write_locked"});

  reports().clear();
  mmap_write_lock(&w.mm);
  vma_start_write(&w.vma);
  mmap_write_downgrade(&w.mm); // downgrading ends them too
  w.vma.set_vm_page_prot(2);
  mmap_read_unlock(&w.mm);
  EXPECT_EQ(rules(), (std::vector<std::string>{"vm_area_struct.vm_page_prot",
                                               "vm_area_struct.vm_page_prot"}));
  EXPECT_TRUE(rt::heldLocks().empty());
}

TEST_F(CxxValidator, VmaReadLockedOnlyUnderTheMmapLock) {
  // v7.0's vma_start_read_locked asserts the mmap lock (operation read_lock_vma_under_mmap);
  // lock_vma_under_rcu is the way without it.
  World w;
  mmap_read_lock(&w.mm);
  ASSERT_TRUE(vma_start_read_locked(&w.vma));
  mmap_read_unlock(&w.mm);
  vma_end_read(&w.vma);
  EXPECT_TRUE(reports().empty());
  ASSERT_TRUE(vma_start_read_locked(&w.vma));
  vma_end_read(&w.vma);
  EXPECT_EQ(rules(), std::vector<std::string>{"vma_start_read_locked"});
}

TEST_F(CxxValidator, ForbiddenRelation) {
  // The static token is per mm; taking another mm's mmap lock under a VMA read lock is
  // still the forbidden nesting and is caught at run time.
  World w;
  ASSERT_TRUE(lock_vma_under_rcu(&w.mm, 0, &w.vma));
  mmap_read_lock(&w.otherMm);
  mmap_read_unlock(&w.otherMm);
  vma_end_read(&w.vma);
  EXPECT_EQ(rules(), std::vector<std::string>{"no_mmap_lock_under_vma_read"});
}

TEST_F(CxxValidator, ConditionalRequirement) {
  // move_ptes needs the anon_vma write lock only if the VMA has an anon_vma.
  World w;
  vm_area_struct newVma;
  newVma.vm_mm = &w.mm;
  pte_table newPte;
  mmap_write_lock(&w.mm);
  vma_start_write(&w.vma);
  vma_start_write(&newVma);
  w.pte.pte_lock.lock();
  newPte.pte_lock.lock();
  op::move_ptes(&w.vma, &newVma, &w.pte, &newPte, via::rmap_locked{});
  EXPECT_TRUE(reports().empty());
  w.vma.anon_vma = &w.av;
  op::move_ptes(&w.vma, &newVma, &w.pte, &newPte, via::rmap_locked{});
  newPte.pte_lock.unlock();
  w.pte.pte_lock.unlock();
  mmap_write_unlock(&w.mm);
  ASSERT_EQ(rules(), std::vector<std::string>{"move_ptes"});
  EXPECT_NE(reports()[0].message.find("anon_vma_lock"), std::string::npos);
}

TEST_F(CxxValidator, ConditionalFieldRequirement) {
  // write_all: vm_start/vm_end/vm_pgoff also need the write lock of every rmap tree that links
  // the VMA (v7.0's vma_prepare takes i_mmap_lock_write and anon_vma_lock_write before
  // vma_set_range).  Clang sees only the mmap and VMA write locks; the rest is run-time state.
  World w;
  mmap_write_lock(&w.mm);
  vma_start_write(&w.vma);
  w.vma.set_vm_start(0x1000); // linked into no tree: the two write locks are enough
  EXPECT_TRUE(reports().empty());
  w.vma.mapping = &w.mapping;
  w.vma.set_vm_end(0x3000); // in the file's i_mmap tree, which is not write-locked
  i_mmap_lock_write(&w.mapping);
  w.vma.set_vm_end(0x3000);
  w.vma.anon_vma = &w.av;
  w.vma.set_vm_pgoff(1); // also in the anon_vma's tree
  anon_vma_lock_write(&w.av);
  w.vma.set_vm_pgoff(1);
  w.vma.set_vm_start(0x2000);
  anon_vma_unlock_write(&w.av);
  i_mmap_unlock_write(&w.mapping);
  EXPECT_EQ(w.vma.vm_start(via::mmap_lock{}), 0x2000u);
  mmap_write_unlock(&w.mm);
  ASSERT_EQ(rules(),
            (std::vector<std::string>{"vm_area_struct.vm_end", "vm_area_struct.vm_pgoff"}));
  EXPECT_NE(reports()[0].message.find("i_mmap_lock"), std::string::npos) << reports()[0].message;
  EXPECT_NE(reports()[1].message.find("anon_vma_lock"), std::string::npos)
      << reports()[1].message;
}

TEST_F(CxxValidator, LinkFieldAccessors) {
  // vma->anon_vma is also the pointer capability expressions follow, so it stays public; its
  // accessors carry the field rules and are checked at run time.
  World w;
  w.vma.set_anon_vma_null_to_non_null(&w.av, via::fault{});
  ASSERT_EQ(rules(),
            (std::vector<std::string>{"vm_area_struct.anon_vma", "vm_area_struct.anon_vma"}));
  reports().clear();
  mmap_read_lock(&w.mm);
  spin_lock(w.mm.page_table_lock);
  w.vma.set_anon_vma_null_to_non_null(nullptr, via::fault{});
  spin_unlock(w.mm.page_table_lock);
  mmap_read_unlock(&w.mm);
  EXPECT_TRUE(reports().empty());
}

TEST_F(CxxValidator, ReleaseInTheWrongMode) {
  World w;
  w.mm.mmap_lock.lock_shared();
  w.mm.mmap_lock.unlock();
  EXPECT_EQ(rules(), std::vector<std::string>{"mode"});
}

TEST_F(CxxValidator, ReleaseOfALockNotHeld) {
  World w;
  w.mm.page_table_lock.raw().lock(); // taken behind the validator's back
  w.mm.page_table_lock.unlock();
  EXPECT_EQ(rules(), std::vector<std::string>{"release"});
}

TEST(CxxValidatorDeathTest, DefaultHandlerAbortsWithTheRule) {
  EXPECT_DEATH(
      {
        rt::setViolationHandler(nullptr);
        mm_struct mm;
        mm.page_table_lock.lock();
        mm.mmap_lock.lock();
      },
      "lockspec: violation of 'rmap_main'");
}

} // namespace
} // namespace lockspec
