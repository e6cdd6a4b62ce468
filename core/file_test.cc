// Unit tests of file-backed VMAs (shared and private, the i_mmap tree, the page cache), of
// mremap moving whole PTE tables, and of the killable mmap lock's -EINTR path.
#include <thread>

#include "core/core_test_fixture.h"
#include "core/notifier.h"
#include "core/page_table.h"

namespace lockspec::core {
namespace {

using namespace lockspec::core::testing;

/// A file of 512 pages (one table span) beside the fixture's mm; the page cache is dropped after the mm is gone,
/// before the fixture checks that every folio came back.
class FileTest : public CoreTest {
protected:
  void TearDown() override {
    mm_.reset();
    rcuBarrier();
    file_.truncate(report_);
    CoreTest::TearDown();
  }
  AddressSpace file_{pool_, 512};
};

/// The VMAs of `file`'s i_mmap tree, copied under its lock.
std::vector<Vma *> iMmap(AddressSpace *file) {
  i_mmap_lock_read(file);
  std::vector<Vma *> out = mappingVmas(file);
  i_mmap_unlock_read(file);
  return out;
}

TEST_F(FileTest, SharedMappingsMapThePageCacheFolioAndACacheMissRetriesUnderTheMmapLock) {
  ASSERT_TRUE(mmapFile(mm(), kBase, 8 * kPageSize, kRw | VM_SHARED, &file_, 4));
  ASSERT_TRUE(mmapFile(mm(), kBase + 16 * kPageSize, 8 * kPageSize, kRw | VM_SHARED, &file_, 4));
  EXPECT_EQ(iMmap(&file_).size(), 2u);
  bool viaVma = true;
  // Page 5 is not cached: the VMA-lock attempt reads it in and retries under the mmap lock.
  ASSERT_EQ(handleUserFault(mm(), kBase + kPageSize, true, &viaVma), Fault::Ok);
  EXPECT_FALSE(viaVma);
  EXPECT_TRUE(file_.cached(5));
  // Now cached: the other mapping of page 5 faults under the VMA lock and maps the same folio.
  ASSERT_EQ(handleUserFault(mm(), kBase + 17 * kPageSize, false, &viaVma), Fault::Ok);
  EXPECT_TRUE(viaVma);
  Folio *f = folioAt(kBase + kPageSize);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(folioAt(kBase + 17 * kPageSize), f);
  EXPECT_EQ(f->mapping, &file_);
  EXPECT_EQ(f->mapcount.load(), 2);
  EXPECT_EQ(f->refcount.load(), 3); // two mappings and the page cache
  EXPECT_NE(peekPte(mm(), kBase + kPageSize) & kPteWrite, 0u); // shared: written in place
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(FileTest, PrivateMappingCopiesOnWriteAndIsInBothRmapTrees) {
  ASSERT_TRUE(mmapFile(mm(), kBase, 8 * kPageSize, kRw, &file_, 0));
  Vma *vma = mm()->map.load()->find(kBase)->vma;
  EXPECT_NE(vma->anon_vma, nullptr);
  EXPECT_EQ(iMmap(&file_), std::vector<Vma *>{vma});
  ASSERT_EQ(handleUserFault(mm(), kBase + 2 * kPageSize, false), Fault::Ok);
  Folio *page = folioAt(kBase + 2 * kPageSize);
  ASSERT_EQ(page->mapping, &file_);
  EXPECT_EQ(peekPte(mm(), kBase + 2 * kPageSize) & kPteWrite, 0u); // read-only: a write copies
  page->data.store(42);
  ASSERT_EQ(handleUserFault(mm(), kBase + 2 * kPageSize, true), Fault::Ok);
  Folio *copy = folioAt(kBase + 2 * kPageSize);
  ASSERT_NE(copy, page);
  EXPECT_EQ(copy->mapping, nullptr);
  EXPECT_EQ(copy->anon_vma, vma->anon_vma);
  EXPECT_EQ(copy->data.load(), 42u);
  EXPECT_EQ(page->refcount.load(), 1); // the page cache's alone
  // The copy is found through the anon_vma, the page through i_mmap (no longer mapped).
  ASSERT_TRUE(FolioPool::tryGet(copy));
  EXPECT_EQ(rmapWalk(mm(), copy, false), 1);
  pool_.put(copy);
  ASSERT_TRUE(FolioPool::tryGet(page));
  EXPECT_EQ(rmapWalk(mm(), page, false), 0);
  pool_.put(page);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(FileTest, CopyOnWriteInvalidatesTheSecondaryMmu) {
  SecondaryMmu device(kBase, 16);
  mmuNotifierRegister(mm(), &device);
  ASSERT_TRUE(mmapFile(mm(), kBase, 16 * kPageSize, kRw, &file_, 0));
  ASSERT_EQ(handleUserFault(mm(), kBase, false), Fault::Ok); // the page-cache folio
  ASSERT_TRUE(device.fault(mm(), kBase));
  EXPECT_EQ(device.lookup(kBase), folioAt(kBase)->id);
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok); // replaced by a private copy
  EXPECT_EQ(device.lookup(kBase), 0u); // wp_page_copy's notifier range dropped the old one
  EXPECT_EQ(device.check(mm()), 0);
  mm()->notifier.store(nullptr);
}

TEST_F(FileTest, FileRmapUnmapsFromEveryMappingAndEvictionReadsItInAgain) {
  ASSERT_TRUE(mmapFile(mm(), kBase, 8 * kPageSize, kRw | VM_SHARED, &file_, 0));
  ASSERT_TRUE(mmapFile(mm(), kBase + 32 * kPageSize, 8 * kPageSize, kRw, &file_, 0));
  ASSERT_EQ(handleUserFault(mm(), kBase + 3 * kPageSize, false), Fault::Ok);
  ASSERT_EQ(handleUserFault(mm(), kBase + 35 * kPageSize, false), Fault::Ok);
  Folio *page = folioAt(kBase + 3 * kPageSize);
  ASSERT_EQ(folioAt(kBase + 35 * kPageSize), page);
  ASSERT_TRUE(FolioPool::tryGet(page));
  EXPECT_EQ(rmapWalk(mm(), page, false), 2); // aged in both
  EXPECT_EQ(peekPte(mm(), kBase + 3 * kPageSize) & kPteYoung, 0u);
  EXPECT_EQ(rmapWalk(mm(), page, true), 2); // unmapped from both
  EXPECT_EQ(peekPte(mm(), kBase + 35 * kPageSize), 0u);
  EXPECT_TRUE(file_.evict(page)); // only the cache and we held it
  EXPECT_FALSE(file_.cached(3));
  ASSERT_EQ(handleUserFault(mm(), kBase + 3 * kPageSize, false), Fault::Ok);
  EXPECT_TRUE(file_.cached(3));
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(FileTest, EvictionBacksOffFromAMappedFolio) {
  ASSERT_TRUE(mmapFile(mm(), kBase, 8 * kPageSize, kRw | VM_SHARED, &file_, 0));
  ASSERT_EQ(handleUserFault(mm(), kBase, false), Fault::Ok);
  Folio *page = folioAt(kBase);
  ASSERT_TRUE(FolioPool::tryGet(page));
  EXPECT_FALSE(file_.evict(page));
  EXPECT_TRUE(file_.cached(0));
  EXPECT_EQ(folioAt(kBase), page);
}

TEST_F(FileTest, SplitAndMunmapKeepTheIMmapTreeExact) {
  ASSERT_TRUE(mmapFile(mm(), kBase, 16 * kPageSize, kRw, &file_, 10));
  ASSERT_EQ(handleUserFault(mm(), kBase + 12 * kPageSize, false), Fault::Ok);
  ASSERT_TRUE(mprotect(mm(), kBase + 4 * kPageSize, 4 * kPageSize, VM_READ)); // three VMAs
  EXPECT_EQ(iMmap(&file_).size(), 3u);
  Folio *page = folioAt(kBase + 12 * kPageSize);
  EXPECT_EQ(page->index.load(), 22u);
  ASSERT_TRUE(FolioPool::tryGet(page));
  EXPECT_EQ(rmapWalk(mm(), page, false), 1); // found in the tail by its vm_pgoff
  pool_.put(page);
  EXPECT_EQ(checkQuiescent(mm()), 0);
  ASSERT_EQ(munmap(mm(), kBase, 8 * kPageSize), 0);
  EXPECT_EQ(iMmap(&file_).size(), 1u);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(FileTest, ForkLinksTheChildIntoIMmapAndSharedFileTablesAreNotCopied) {
  ASSERT_TRUE(mmapFile(mm(), kBase, 8 * kPageSize, kRw | VM_SHARED, &file_, 0));
  ASSERT_EQ(handleUserFault(mm(), kBase, true), Fault::Ok);
  std::unique_ptr<Mm> child = forkMm(mm());
  EXPECT_EQ(iMmap(&file_).size(), 2u);
  EXPECT_EQ(peekPte(child.get(), kBase), 0u); // faulted in on demand (vma_needs_copy)
  ASSERT_EQ(handleUserFault(child.get(), kBase, false), Fault::Ok);
  EXPECT_EQ(folioAt(child.get(), kBase), folioAt(kBase));
  exitMm(std::move(child));
  EXPECT_EQ(iMmap(&file_).size(), 1u);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

/// mremap of a PMD-aligned range moves the PTE table itself, under the rmap locks of both
/// trees (the validator checks move_page_tables' rmap_hidden: a missing i_mmap or anon_vma
/// lock fails the test through the fixture).
TEST_F(FileTest, MremapMovesAWholeTableOfAPrivateFileMapping) {
  const unsigned long from = kBase + 2 * kPteTableSpan, to = kBase + 8 * kPteTableSpan;
  ASSERT_TRUE(mmapFile(mm(), from, kPteTableSpan, kRw, &file_, 0));
  ASSERT_EQ(handleUserFault(mm(), from + 3 * kPageSize, false), Fault::Ok); // page cache
  ASSERT_EQ(handleUserFault(mm(), from + 9 * kPageSize, true), Fault::Ok);  // anonymous copy
  Folio *page = folioAt(from + 3 * kPageSize), *copy = folioAt(from + 9 * kPageSize);
  PteTable *table = pmdFind(mm(), from)->entries[pmdIndex(from)].load();
  unsigned whole = 0;
  ASSERT_TRUE(mremap(mm(), from, kPteTableSpan, to, &whole));
  EXPECT_EQ(whole, 1u);
  EXPECT_EQ(pmdFind(mm(), from)->entries[pmdIndex(from)].load(), nullptr);
  EXPECT_EQ(pmdFind(mm(), to)->entries[pmdIndex(to)].load(), table); // the same table
  EXPECT_EQ(table->pmd, pmdFind(mm(), to));
  EXPECT_EQ(folioAt(to + 3 * kPageSize), page);
  EXPECT_EQ(folioAt(to + 9 * kPageSize), copy);
  EXPECT_EQ(mm()->liveTables.load(), 1);
  // Both rmap trees find the entries at their new addresses.
  ASSERT_TRUE(FolioPool::tryGet(page));
  EXPECT_EQ(rmapWalk(mm(), page, false), 1);
  pool_.put(page);
  ASSERT_TRUE(FolioPool::tryGet(copy));
  EXPECT_EQ(rmapWalk(mm(), copy, false), 1);
  pool_.put(copy);
  EXPECT_EQ(iMmap(&file_).size(), 1u);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

TEST_F(FileTest, MremapOfAnUnalignedRangeMovesEntryByEntry) {
  const unsigned long from = kBase + 2 * kPteTableSpan, to = kBase + 8 * kPteTableSpan + kPageSize;
  ASSERT_TRUE(mmapFixed(mm(), from, kPteTableSpan, kRw));
  ASSERT_EQ(handleUserFault(mm(), from, true), Fault::Ok);
  Folio *f = folioAt(from);
  PteTable *table = pmdFind(mm(), from)->entries[pmdIndex(from)].load();
  unsigned whole = 7;
  ASSERT_TRUE(mremap(mm(), from, kPteTableSpan, to, &whole));
  EXPECT_EQ(whole, 0u);
  EXPECT_EQ(folioAt(to), f);
  EXPECT_NE(pmdFind(mm(), to)->entries[pmdIndex(to)].load(), table);
  EXPECT_EQ(checkQuiescent(mm()), 0);
}

/// Whether a fatal signal is pending for the calling thread, for the runtime's hook.
thread_local bool tSignal = false;
bool signalHere() { return tSignal; }

TEST_F(CoreTest, KillableMunmapGivesUpWithEintrOnlyWhileItWaits) {
  ASSERT_TRUE(mmapFixed(mm(), kBase, 4 * kPageSize, kRw));
  rt::FatalSignalHook previous = rt::setFatalSignalHook(&signalHere);
  tSignal = true;
  // Uncontended, the killable lock is taken even with a signal pending (the rwsem fast path).
  EXPECT_EQ(munmap(mm(), kBase + 3 * kPageSize, kPageSize), 0);
  std::atomic<bool> held{false}, release{false};
  std::thread reader([&] {
    mmap_read_lock(mm());
    held = true;
    while (!release.load())
      std::this_thread::yield();
    mmap_read_unlock(mm());
  });
  while (!held.load())
    std::this_thread::yield();
  // Contended: the wait ends with -EINTR and nothing is unmapped.
  EXPECT_EQ(munmap(mm(), kBase, kPageSize), -4);
  EXPECT_NE(mm()->map.load()->find(kBase), nullptr);
  tSignal = false;
  release = true;
  reader.join();
  EXPECT_EQ(munmap(mm(), kBase, kPageSize), 0);
  EXPECT_EQ(mm()->map.load()->find(kBase), nullptr);
  rt::setFatalSignalHook(previous);
}

} // namespace
} // namespace lockspec::core
