// Unit tests of the core's protocols, including their failure paths.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "core/core_test_fixture.h"
#include "core/mm.h"
#include "core/page_table.h"

namespace lockspec::core {
namespace {

using namespace lockspec::core::testing;

TEST_F(CoreTest, FaultInstallsOneMappingUnderTheVmaLock) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 16 * kPageSize, kRw));
  bool viaVma = false;
  EXPECT_EQ(handleUserFault(mm(), kBase + 3 * kPageSize, false, &viaVma), Fault::Ok);
  EXPECT_TRUE(viaVma);
  Folio *f = folioAt(kBase + 3 * kPageSize);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->mapcount.load(), 1);
  EXPECT_EQ(f->refcount.load(), 1);
  EXPECT_EQ(f->index.load(), (kBase >> kPageShift) + 3);
  EXPECT_FALSE(peekPte(mm(), kBase + 3 * kPageSize) & kPteWrite);
  // A second fault on the same page maps nothing new.
  EXPECT_EQ(handleUserFault(mm(), kBase + 3 * kPageSize, false), Fault::Ok);
  EXPECT_EQ(folioAt(kBase + 3 * kPageSize), f);
  EXPECT_EQ(pool_.inUse(), 1);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, FaultOutsideAVmaOrAgainstItsProtectionFails) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, VM_READ));
  EXPECT_EQ(handleUserFault(mm(), kBase + 4 * kPageSize, false), Fault::SegvMapErr);
  EXPECT_EQ(handleUserFault(mm(), kBase, true), Fault::SegvAccErr);
  EXPECT_EQ(peekPte(mm(), kBase), 0u);
  EXPECT_EQ(handleUserFault(mm(), kBase, false), Fault::Ok);
}

TEST_F(CoreTest, FaultFallsBackToTheMmapLockWhileTheVmaIsWriteLocked) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, kRw));
  Vma *vma = mm()->map.load()->find(kBase)->vma;
  std::atomic<bool> done{false};
  Fault result = Fault::Retry;
  bool viaVma = true;
  mmap_write_lock(mm());
  alias::mmap_lock_write(mm(), vma);
  vma_start_write(vma);
  std::thread faulter([&] {
    RcuThread rcu;
    result = handleUserFault(mm(), kBase, true, &viaVma);
    done = true;
  });
  // The faulter cannot finish: the VMA lock fails and the mmap read lock waits for us.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(done.load());
  mmap_write_unlock(mm());
  faulter.join();
  EXPECT_EQ(result, Fault::Ok);
  EXPECT_FALSE(viaVma);
  EXPECT_NE(peekPte(mm(), kBase) & kPteWrite, 0u);
}

TEST_F(CoreTest, VmaWriteLockEndsAtDowngrade) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, kRw));
  Vma *vma = mm()->map.load()->find(kBase)->vma;
  mmap_write_lock(mm());
  alias::mmap_lock_write(mm(), vma);
  vma_start_write(vma);
  EXPECT_TRUE(vma->vma_lock.raw().writeLocked(mm()->mmap_lock.raw()));
  mmap_write_downgrade(mm());
  EXPECT_FALSE(vma->vma_lock.raw().writeLocked(mm()->mmap_lock.raw()));
  mmap_read_unlock(mm());
  bool viaVma = false;
  EXPECT_EQ(handleUserFault(mm(), kBase, false, &viaVma), Fault::Ok);
  EXPECT_TRUE(viaVma);
}

TEST_F(CoreTest, MunmapZapsFreesFoliosAndTables) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 1024 * kPageSize, kRw)); // two PTE tables
  for (unsigned long p = 0; p < 1024; p += 100)
    ASSERT_EQ(handleUserFault(mm(), kBase + p * kPageSize, true), Fault::Ok);
  EXPECT_EQ(pool_.inUse(), 11);
  EXPECT_EQ(mm()->liveTables.load(), 2);
  EXPECT_EQ(munmap(mm(), kBase, 1024 * kPageSize), 0);
  EXPECT_EQ(peekPte(mm(), kBase), 0u);
  EXPECT_EQ(pool_.inUse(), 0);
  EXPECT_EQ(mm()->liveTables.load(), 0); // unlinked now, freed after a grace period
  EXPECT_EQ(handleUserFault(mm(), kBase, false), Fault::SegvMapErr);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, MunmapKeepsATableANeighbourStillUses) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 8 * kPageSize, kRw));
  ASSERT_TRUE(mmapFixed(mm(), kBase + 8 * kPageSize, 8 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  ASSERT_EQ(handleUserFault(mm(), kBase + 8 * kPageSize, true), Fault::Ok);
  EXPECT_EQ(munmap(mm(), kBase, 8 * kPageSize), 0);
  rcuBarrier();
  EXPECT_EQ(mm()->liveTables.load(), 1);
  EXPECT_NE(peekPte(mm(), kBase + 8 * kPageSize), 0u);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, MunmapOfTheMiddleSplitsTheVma) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 16 * kPageSize, kRw));
  for (unsigned long p = 0; p < 16; ++p)
    ASSERT_EQ(handleUserFault(mm(), kBase + p * kPageSize, true), Fault::Ok);
  EXPECT_EQ(munmap(mm(), kBase + 4 * kPageSize, 4 * kPageSize), 0);
  EXPECT_EQ(mm()->map.load()->entries.size(), 2u);
  EXPECT_EQ(pool_.inUse(), 12);
  EXPECT_EQ(handleUserFault(mm(), kBase + 5 * kPageSize, false), Fault::SegvMapErr);
  EXPECT_EQ(handleUserFault(mm(), kBase + 9 * kPageSize, true), Fault::Ok);
  EXPECT_NE(peekPte(mm(), kBase + 3 * kPageSize), 0u);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, MprotectWriteProtectsAndAWriteFaultReusesTheFolio) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 8 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase + kPageSize, true), Fault::Ok);
  Folio *f = folioAt(kBase + kPageSize);
  ASSERT_TRUE(mprotect(mm(), kBase, 2 * kPageSize, VM_READ));
  EXPECT_EQ(mm()->map.load()->entries.size(), 2u); // split at kBase + 2 pages
  EXPECT_FALSE(peekPte(mm(), kBase + kPageSize) & kPteWrite);
  EXPECT_EQ(handleUserFault(mm(), kBase + kPageSize, true), Fault::SegvAccErr);
  EXPECT_EQ(handleUserFault(mm(), kBase + 2 * kPageSize, true), Fault::Ok);
  ASSERT_TRUE(mprotect(mm(), kBase, 2 * kPageSize, kRw));
  EXPECT_EQ(handleUserFault(mm(), kBase + kPageSize, true), Fault::Ok);
  EXPECT_EQ(folioAt(kBase + kPageSize), f); // exclusive: reused, not copied
  EXPECT_TRUE(peekPte(mm(), kBase + kPageSize) & kPteWrite);
  EXPECT_FALSE(mprotect(mm(), kBase, 16 * kPageSize, VM_READ)); // a hole: refused
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, MadviseDontneedZapsAndARefaultGetsANewFolio) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 8 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  folioAt(kBase)->data.store(42);
  EXPECT_TRUE(madviseDontneed(mm(), kBase, 8 * kPageSize));
  EXPECT_EQ(peekPte(mm(), kBase), 0u);
  EXPECT_EQ(pool_.inUse(), 0);
  ASSERT_EQ(handleUserFault(mm(), kBase, false), Fault::Ok);
  EXPECT_EQ(folioAt(kBase)->data.load(), 0u);
  ASSERT_EQ(handleUserFault(mm(), kBase + kPageSize, true), Fault::Ok);
  EXPECT_FALSE(madviseDontneed(mm(), kBase + kPageSize, 9 * kPageSize)); // a hole: -ENOMEM
  EXPECT_EQ(peekPte(mm(), kBase + kPageSize), 0u); // but the mapped part is zapped
  EXPECT_NE(peekPte(mm(), kBase), 0u);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, MadviseDontneedInOneVmaNeedsOnlyTheVmaLock) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 8 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase + kPageSize, true), Fault::Ok);
  std::atomic<bool> done{false};
  bool whole = false;
  // A writer holds the mmap lock but has not write-locked this VMA: v7.0's DONTNEED goes
  // through the VMA read lock and finishes; one that took the mmap read lock would wait.
  mmap_write_lock(mm());
  std::thread zapper([&] {
    RcuThread rcu;
    whole = madviseDontneed(mm(), kBase, 8 * kPageSize);
    done = true;
  });
  for (int i = 0; i < 500 && !done.load(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(done.load());
  mmap_write_unlock(mm());
  zapper.join();
  EXPECT_TRUE(whole);
  EXPECT_EQ(peekPte(mm(), kBase + kPageSize), 0u);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, QuiescentCheckFindsAnEntryOutsideEveryVma) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 8 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  // Forge an entry past the VMA's end in the same table: the invariant must see it.
  PteTable *pte = pmdFind(mm(), kBase)->entries[pmdIndex(kBase)].load();
  std::uint64_t v = pte->entries[pteIndex(kBase)].exchange(0);
  pte->entries[pteIndex(kBase) + 9].store(v);
  EXPECT_GE(checkQuiescent(mm()), 1);
  pte->entries[pteIndex(kBase) + 9].store(0);
  pte->entries[pteIndex(kBase)].store(v);
  EXPECT_EQ(checkQuiescent(mm()), 0);
  report_.reset(); // the forged violation was the point of the test
}

} // namespace
} // namespace lockspec::core
