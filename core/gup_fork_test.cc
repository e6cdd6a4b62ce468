// Unit tests of GUP (get, pin, longterm, fast) and fork (copy-on-write, pinned folios copied,
// write_protect_seq).
#include <thread>

#include "core/core_test_fixture.h"

namespace lockspec::core {
namespace {

using namespace lockspec::core::testing;

TEST_F(CoreTest, GupGetTakesAReferenceAndPinTakesTheBias) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, kRw));
  Folio *got = gupSlow(mm(), kBase, FOLL_GET | FOLL_WRITE); // faults the page in
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(got, folioAt(kBase));
  EXPECT_EQ(got->refcount.load(), 2);
  gupRelease(mm(), got, FOLL_GET);
  EXPECT_EQ(got->refcount.load(), 1);
  Folio *pinned = gupSlow(mm(), kBase, FOLL_PIN | FOLL_WRITE | FOLL_LONGTERM);
  ASSERT_EQ(pinned, got);
  EXPECT_EQ(pinned->refcount.load(), 1 + kGupPinCountingBias);
  EXPECT_EQ(pinned->pincount.load(), 1);
  // Unmapping drops the mapping's reference; the pin keeps the folio.
  ASSERT_EQ(munmap(mm(), kBase, 4 * kPageSize), 0);
  EXPECT_EQ(pool_.inUse(), 1);
  EXPECT_EQ(pinned->refcount.load(), kGupPinCountingBias);
  gupRelease(mm(), pinned, FOLL_PIN);
  EXPECT_EQ(pool_.inUse(), 0);
}

TEST_F(CoreTest, GupRejectsInvalidFlagsAndMissingVmas) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, VM_READ));
  EXPECT_EQ(gupSlow(mm(), kBase, FOLL_GET | FOLL_LONGTERM), nullptr);
  EXPECT_EQ(gupFast(mm(), kBase, FOLL_GET | FOLL_LONGTERM), nullptr);
  EXPECT_EQ(gupSlow(mm(), kBase, FOLL_GET | FOLL_PIN), nullptr);
  EXPECT_EQ(gupSlow(mm(), kBase, 0), nullptr);
  EXPECT_EQ(gupSlow(mm(), kBase + 4 * kPageSize, FOLL_GET), nullptr);
  EXPECT_EQ(gupSlow(mm(), kBase, FOLL_GET | FOLL_WRITE), nullptr); // read-only VMA
  EXPECT_EQ(peekPte(mm(), kBase), 0u);
}

TEST_F(CoreTest, GupFastNeedsAMappedEntryAndFallsBackOtherwise) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, kRw));
  EXPECT_EQ(gupFast(mm(), kBase, FOLL_GET), nullptr); // nothing mapped: use the slow path
  ASSERT_EQ(handleUserFault(mm(), kBase, false), Fault::Ok);
  EXPECT_EQ(gupFast(mm(), kBase, FOLL_GET | FOLL_WRITE), nullptr); // read-only entry
  Folio *f = gupFast(mm(), kBase, FOLL_GET);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->refcount.load(), 2);
  gupRelease(mm(), f, FOLL_GET);
  Folio *p = gupFast(mm(), kBase, FOLL_PIN);
  ASSERT_EQ(p, f);
  EXPECT_EQ(p->pincount.load(), 1);
  gupRelease(mm(), p, FOLL_PIN);
  EXPECT_EQ(p->refcount.load(), 1);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, GupFastPinBacksOutWhileForkWriteProtects) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  mmap_write_lock(mm());
  raw_write_seqcount_begin(mm()->write_protect_seq_lock);
  Folio *pinned = nullptr, *got = nullptr;
  std::thread gup([&] {
    RcuThread rcu;
    pinned = gupFast(mm(), kBase, FOLL_PIN | FOLL_WRITE);
    got = gupFast(mm(), kBase, FOLL_GET); // FOLL_GET does not look at the count
  });
  gup.join();
  raw_write_seqcount_end(mm()->write_protect_seq_lock);
  mmap_write_unlock(mm());
  EXPECT_EQ(pinned, nullptr);
  ASSERT_NE(got, nullptr);
  gupRelease(mm(), got, FOLL_GET);
  EXPECT_EQ(folioAt(kBase)->pincount.load(), 0);
}

TEST_F(CoreTest, ForkSharesCopyOnWriteAndAWriteCopies) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  Folio *f = folioAt(kBase);
  f->data.store(7);
  std::unique_ptr<Mm> child = forkMm(mm());
  EXPECT_EQ(folioAt(child.get(), kBase), f);
  EXPECT_EQ(f->mapcount.load(), 2);
  EXPECT_FALSE(peekPte(mm(), kBase) & kPteWrite);
  EXPECT_FALSE(peekPte(child.get(), kBase) & kPteWrite);
  // A pin of a shared folio unshares it first: the child's write fault copies.
  ASSERT_EQ(handleUserFault(child.get(), kBase, true), Fault::Ok);
  Folio *copy = folioAt(child.get(), kBase);
  ASSERT_NE(copy, f);
  EXPECT_EQ(copy->data.load(), 7u);
  EXPECT_EQ(f->mapcount.load(), 1);
  // The parent is the only mapper again: its write fault reuses the folio.
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  EXPECT_EQ(folioAt(kBase), f);
  exitMm(std::move(child));
  EXPECT_EQ(pool_.inUse(), 1);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, ForkCopiesAPinnedFolioInsteadOfSharingIt) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, kRw));
  Folio *pinned = gupSlow(mm(), kBase, FOLL_PIN | FOLL_WRITE);
  ASSERT_NE(pinned, nullptr);
  pinned->data.store(9);
  std::unique_ptr<Mm> child = forkMm(mm());
  Folio *childs = folioAt(child.get(), kBase);
  ASSERT_NE(childs, nullptr);
  EXPECT_NE(childs, pinned);
  EXPECT_EQ(childs->data.load(), 9u);
  EXPECT_EQ(pinned->mapcount.load(), 1);
  EXPECT_TRUE(peekPte(mm(), kBase) & kPteWrite); // the parent keeps writing into the pin
  exitMm(std::move(child));
  gupRelease(mm(), pinned, FOLL_PIN);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(CoreTest, GupPinOfASharedFolioUnsharesIt) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, kRw));
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  Folio *f = folioAt(kBase);
  std::unique_ptr<Mm> child = forkMm(mm());
  EXPECT_EQ(gupFast(mm(), kBase, FOLL_PIN), nullptr); // shared: not pinnable locklessly
  Folio *pinned = gupSlow(mm(), kBase, FOLL_PIN | FOLL_WRITE);
  ASSERT_NE(pinned, nullptr);
  EXPECT_NE(pinned, f); // the parent got its own copy
  EXPECT_EQ(folioAt(child.get(), kBase), f);
  EXPECT_EQ(f->mapcount.load(), 1);
  gupRelease(mm(), pinned, FOLL_PIN);
  exitMm(std::move(child));
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

} // namespace
} // namespace lockspec::core
