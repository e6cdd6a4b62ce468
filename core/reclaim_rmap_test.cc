// Unit tests of PTE-table reclaim (seed 002) and of rmap walks through anon_vmas.
#include "core/core_test_fixture.h"
#include "core/notifier.h"
#include "core/page_table.h"

namespace lockspec::core {
namespace {

using namespace lockspec::core::testing;

TEST_F(CoreTest, ReclaimFreesAnEmptyTableAndBacksOffFromAFullOne) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 1024 * kPageSize, kRw)); // two table spans
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  ASSERT_EQ(handleUserFault(mm(), kBase + 512 * kPageSize, true), Fault::Ok);
  ASSERT_EQ(mm()->liveTables.load(), 2);
  EXPECT_EQ(reclaimEmptyTables(mm(), kBase, 1024 * kPageSize), 0u); // both map a page
  ASSERT_TRUE(madviseDontneed(mm(), kBase, kPageSize));
  EXPECT_EQ(reclaimEmptyTables(mm(), kBase, 1024 * kPageSize), 1u);
  EXPECT_EQ(mm()->liveTables.load(), 1);
  EXPECT_EQ(pmdFind(mm(), kBase)->entries[pmdIndex(kBase)].load(), nullptr);
  EXPECT_NE(peekPte(mm(), kBase + 512 * kPageSize), 0u);
  // A fault after reclaim allocates a new table.
  ASSERT_EQ(handleUserFault(mm(), kBase + kPageSize, false), Fault::Ok);
  EXPECT_EQ(mm()->liveTables.load(), 2);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, ReclaimLeavesTablesPartlyOutsideTheRange) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 1024 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  ASSERT_TRUE(madviseDontneed(mm(), kBase, kPageSize));
  // The range covers only half of the first table's span: it is not reclaimed.
  EXPECT_EQ(reclaimEmptyTables(mm(), kBase + 256 * kPageSize, 512 * kPageSize), 0u);
  EXPECT_EQ(mm()->liveTables.load(), 1);
}

TEST_F(CoreTest, RmapUnmapReachesParentAndChildThroughTheAnonVma) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 8 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase + 2 * kPageSize, true), Fault::Ok);
  Folio *f = folioAt(kBase + 2 * kPageSize);
  std::unique_ptr<Mm> child = forkMm(mm());
  ASSERT_EQ(f->mapcount.load(), 2);
  ASSERT_TRUE(FolioPool::tryGet(f));
  EXPECT_EQ(rmapWalk(mm(), f, false), 2); // aged in both
  EXPECT_FALSE(peekPte(mm(), kBase + 2 * kPageSize) & kPteYoung);
  EXPECT_EQ(rmapWalk(mm(), f, true), 2); // unmapped from both
  EXPECT_EQ(peekPte(mm(), kBase + 2 * kPageSize), 0u);
  EXPECT_EQ(peekPte(child.get(), kBase + 2 * kPageSize), 0u);
  EXPECT_EQ(f->mapcount.load(), 0);
  EXPECT_EQ(f->refcount.load(), 1); // ours
  pool_.put(f);
  EXPECT_EQ(pool_.inUse(), 0);
  exitMm(std::move(child));
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, RmapDoesNotUnmapAPinnedFolio) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 8 * kPageSize, kRw));
  Folio *pinned = gupSlow(mm(), kBase, FOLL_PIN | FOLL_WRITE);
  ASSERT_NE(pinned, nullptr);
  EXPECT_EQ(rmapWalk(mm(), pinned, true), 0);
  EXPECT_NE(peekPte(mm(), kBase), 0u);
  gupRelease(mm(), pinned, FOLL_PIN);
  ASSERT_TRUE(FolioPool::tryGet(pinned));
  EXPECT_EQ(rmapWalk(mm(), pinned, true), 1);
  pool_.put(pinned);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, RmapAfterSplitFindsTheRightVma) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 8 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase + 6 * kPageSize, true), Fault::Ok);
  ASSERT_TRUE(mprotect(mm(), kBase, 4 * kPageSize, VM_READ)); // split at page 4
  Folio *f = folioAt(kBase + 6 * kPageSize);
  ASSERT_TRUE(FolioPool::tryGet(f));
  EXPECT_EQ(rmapWalk(mm(), f, true), 1); // found in the tail VMA, by its own vm_pgoff
  pool_.put(f);
  EXPECT_EQ(peekPte(mm(), kBase + 6 * kPageSize), 0u);
}

} // namespace
} // namespace lockspec::core

namespace lockspec::core {
namespace {

using namespace lockspec::core::testing;

TEST_F(CoreTest, SecondaryMmuMirrorsThePrimaryAndIsInvalidatedWithIt) {
  SecondaryMmu device(kBase, 16);
  mmuNotifierRegister(mm(), &device);
  ASSERT_TRUE(mmapFixed(mm(), kBase, 16 * kPageSize, kRw));
  EXPECT_FALSE(device.fault(mm(), kBase)); // nothing mapped: the device does not fault it in
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  ASSERT_EQ(handleUserFault(mm(), kBase + kPageSize, true), Fault::Ok);
  ASSERT_TRUE(device.fault(mm(), kBase));
  ASSERT_TRUE(device.fault(mm(), kBase + kPageSize));
  EXPECT_EQ(device.lookup(kBase), folioAt(kBase)->id);
  ASSERT_TRUE(madviseDontneed(mm(), kBase, kPageSize)); // zap
  EXPECT_EQ(device.lookup(kBase), 0u);
  EXPECT_NE(device.lookup(kBase + kPageSize), 0u);
  ASSERT_TRUE(mprotect(mm(), kBase, 4 * kPageSize, VM_READ)); // protection change
  EXPECT_EQ(device.lookup(kBase + kPageSize), 0u);
  ASSERT_TRUE(device.fault(mm(), kBase + kPageSize));
  Folio *f = folioAt(kBase + kPageSize);
  ASSERT_TRUE(FolioPool::tryGet(f));
  EXPECT_EQ(rmapWalk(mm(), f, true), 1); // reclaim's unmap
  pool_.put(f);
  EXPECT_EQ(device.lookup(kBase + kPageSize), 0u);
  EXPECT_EQ(device.check(mm()), 0);
  EXPECT_EQ(checkQuiescent(mm()), 0);
  mm()->notifier.store(nullptr);
}

TEST_F(CoreTest, SecondaryFaultDoesNotInstallDuringAnInvalidation) {
  SecondaryMmu device(kBase, 16);
  mmuNotifierRegister(mm(), &device);
  ASSERT_TRUE(mmapFixed(mm(), kBase, 16 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  device.invalidateStart(kBase, kBase + 16 * kPageSize);
  EXPECT_FALSE(device.fault(mm(), kBase)); // the sequence stays odd: every retry fails
  EXPECT_EQ(device.lookup(kBase), 0u);
  device.invalidateEnd();
  EXPECT_TRUE(device.fault(mm(), kBase));
  EXPECT_EQ(device.lookup(kBase), folioAt(kBase)->id);
  mm()->notifier.store(nullptr);
}

} // namespace
} // namespace lockspec::core

namespace lockspec::core {
namespace {

using namespace lockspec::core::testing;

TEST_F(CoreTest, MremapMovesTheEntriesAndTheRmapFollows) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 16 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase + 4 * kPageSize, true), Fault::Ok);
  ASSERT_EQ(handleUserFault(mm(), kBase + 5 * kPageSize, true), Fault::Ok);
  Folio *f = folioAt(kBase + 5 * kPageSize);
  const unsigned long to = kBase + 3 * kPteTableSpan + 7 * kPageSize; // another table
  EXPECT_FALSE(mremap(mm(), kBase + 4 * kPageSize, 4 * kPageSize, kBase + 6 * kPageSize));
  ASSERT_TRUE(mremap(mm(), kBase + 4 * kPageSize, 4 * kPageSize, to));
  EXPECT_EQ(peekPte(mm(), kBase + 5 * kPageSize), 0u);
  EXPECT_EQ(folioAt(to + kPageSize), f);
  EXPECT_EQ(f->mapcount.load(), 1);
  EXPECT_EQ(handleUserFault(mm(), kBase + 5 * kPageSize, false), Fault::SegvMapErr);
  ASSERT_TRUE(FolioPool::tryGet(f));
  EXPECT_EQ(rmapWalk(mm(), f, false), 1); // found at its new address by vm_pgoff
  pool_.put(f);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, MremapWithinOneTable) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  Folio *f = folioAt(kBase);
  ASSERT_TRUE(mremap(mm(), kBase, 4 * kPageSize, kBase + 32 * kPageSize)); // same table
  EXPECT_EQ(folioAt(kBase + 32 * kPageSize), f);
  EXPECT_EQ(peekPte(mm(), kBase), 0u);
  EXPECT_EQ(mm()->liveTables.load(), 1);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

} // namespace
} // namespace lockspec::core
