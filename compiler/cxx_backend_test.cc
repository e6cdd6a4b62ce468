#include "cxx_backend.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "test_util.h"

namespace lockspec {
namespace {

/// The backend on the real spec, with its files by name.
class CxxBackend : public ::testing::Test {
protected:
  void SetUp() override {
    SourceManager sources;
    Diagnostics diags(sources);
    auto model = loadSpec(LOCKSPEC_SOURCE_DIR "/rules/mm.rules", sources, diags);
    ASSERT_TRUE(model) << diags.renderAll();
    for (OutputFile &f : emitCxx(*model))
      files_[f.name] = std::move(f.contents);
    header_ = files_["include/lockspec/mm_locks.h"];
  }
  bool has(const std::string &text) const { return header_.find(text) != std::string::npos; }

  std::map<std::string, std::string> files_;
  std::string header_;
};

TEST_F(CxxBackend, WritesHeadersCorpusAndUncheckedList) {
  EXPECT_TRUE(files_.count("include/lockspec/runtime.h"));
  EXPECT_TRUE(files_.count("tests/cxx/corpus/op_install.cc"));
  EXPECT_TRUE(files_.count("tests/cxx/corpus/relations.cc"));
  EXPECT_TRUE(files_.count("tests/cxx/corpus/order.cc"));
  EXPECT_TRUE(files_.count("tests/cxx/corpus/aliases.cc"));
  EXPECT_TRUE(files_.count("tests/cxx/corpus/unchecked.txt"));
  EXPECT_TRUE(has("Do not edit."));
  EXPECT_TRUE(has("rules/locks.rules"));
}

TEST_F(CxxBackend, AnyOfBecomesOneOverloadPerAlternative) {
  // install: the mmap lock or the VMA lock, read or write, and always the PTE lock.
  EXPECT_TRUE(has("inline void install(struct vm_area_struct *vma, struct pte_table *pte, "
                  "via::mmap_lock) LOCKSPEC_REQUIRES(pte->pte_lock) "
                  "LOCKSPEC_REQUIRES_SHARED(vma->vm_mm->mmap_lock)"));
  EXPECT_TRUE(has("inline void install(struct vm_area_struct *vma, struct pte_table *pte, "
                  "via::vma_lock) LOCKSPEC_REQUIRES(pte->pte_lock) "
                  "LOCKSPEC_REQUIRES_SHARED(vma->vma_lock)"));
  // An rmap lock is stable enough for a zap, never for an install.
  EXPECT_TRUE(has("via::anon_vma_lock) LOCKSPEC_REQUIRES(pte->pte_lock) "
                  "LOCKSPEC_REQUIRES_SHARED(vma->anon_vma->root->rwsem)"));
  // Naming it for an install selects an overload that refuses it with the spec's reason.
  EXPECT_FALSE(has("inline void install(struct vm_area_struct *vma, struct pte_table *pte, "
                   "via::anon_vma_lock) LOCKSPEC_REQUIRES"));
  EXPECT_TRUE(has("inline void install(struct vm_area_struct *vma, struct pte_table *pte, "
                  "via::anon_vma_lock) LOCKSPEC_REJECTED(\"op::install with via::anon_vma_lock "
                  "is not enough: an rmap lock alone does not keep the range"));
  // One name per alternative: the install and the zap both call the mmap-lock way mmap_lock.
  EXPECT_TRUE(has("inline void zap(struct vm_area_struct *vma, struct pte_table *pte, "
                  "via::mmap_lock)"));
  // An operation with a single way takes no tag, so it has no refusal either.
  EXPECT_FALSE(has("LOCKSPEC_REJECTED(\"op::move_page_tables"));
}

TEST_F(CxxBackend, VmaWriteNeedsAndEndsWithMmapWrite) {
  EXPECT_TRUE(has("inline void vma_start_write(struct vm_area_struct *vma) "
                  "LOCKSPEC_REQUIRES(vma->vm_mm->mmap_lock) "
                  "LOCKSPEC_ASSERT_CAPABILITY(vma->vma_lock)"));
  // Requiring a VMA write hold requires the mmap write section it lives in.
  EXPECT_TRUE(has("void set_vm_page_prot(unsigned long value) "
                  "LOCKSPEC_REQUIRES(this->vm_mm->mmap_lock, this->vma_lock)"));
  EXPECT_TRUE(has("inline void mmap_write_downgrade(struct mm_struct *mm) "
                  "LOCKSPEC_RELEASE(mm->mmap_lock) LOCKSPEC_ACQUIRE_SHARED(mm->mmap_lock)"));
}

TEST_F(CxxBackend, ForbiddenRelationIsANegativeCapability) {
  // The token is named after the hold that forbids the call, and its capability kind is that
  // lock's class: "cannot call function 'mmap_read_lock' while vma_lock
  // 'mm->vma_lock_read_held' is held".
  EXPECT_TRUE(has("class LOCKSPEC_CAPABILITY(\"vma_lock\") VmaLockHeld {"));
  EXPECT_TRUE(has("inline void mmap_read_lock(struct mm_struct *mm) "
                  "LOCKSPEC_REQUIRES(!mm->vma_lock_read_held) "
                  "LOCKSPEC_ACQUIRE_SHARED(mm->mmap_lock)"));
  EXPECT_TRUE(has("LOCKSPEC_TRY_ACQUIRE_SHARED(true, vma->vma_lock, "
                  "vma->vm_mm->vma_lock_read_held)"));
  // Only the acquisitions that wait are forbidden: a trylock cannot deadlock, a killable lock
  // waits.
  EXPECT_TRUE(has("inline bool mmap_read_trylock(struct mm_struct *mm) "
                  "LOCKSPEC_TRY_ACQUIRE_SHARED(true, mm->mmap_lock) {"));
  EXPECT_TRUE(has("inline int mmap_read_lock_killable(struct mm_struct *mm) "
                  "LOCKSPEC_REQUIRES(!mm->vma_lock_read_held) "
                  "LOCKSPEC_TRY_ACQUIRE_SHARED(false, mm->mmap_lock) {"));
  // It gives up when the runtime's hook reports a fatal signal during the wait, and the
  // validator forgets the hold it recorded before waiting.
  EXPECT_TRUE(has("  bool ok = mm->mmap_lock.lock_shared_killable();\n  return ok ? 0 : -4;"));
  EXPECT_TRUE(has("  bool ok = mm->mmap_lock.lock_killable();\n  return ok ? 0 : -4;"));
  EXPECT_TRUE(has("    bool ok = raw_.lock_killable();\n"
                  "    LOCKSPEC_RT(if (!ok) ::lockspec::rt::onRelease(kSpec, this, 0, false));"));
}

TEST_F(CxxBackend, GenericSpinFunctionsTakeEverySpinlockClass) {
  for (const char *type : {"PageTableLock", "PmdLock", "PteLock"}) {
    EXPECT_TRUE(has(std::string("inline bool spin_trylock(") + type +
                    " &lock) LOCKSPEC_TRY_ACQUIRE(true, lock) {"))
        << type;
    EXPECT_TRUE(
        has(std::string("inline void spin_unlock(") + type + " &lock) LOCKSPEC_RELEASE(lock) {"))
        << type;
  }
  // Members are named after their class, not `ptl` twice or the folio's `flags` word.
  // The PMD lock has its place in the order (rules/order.rules, rmap_main's page-table level).
  EXPECT_TRUE(has("  PmdLock pmd_lock LOCKSPEC_ACQUIRED_AFTER(mm_struct::mmap_lock, "
                  "anon_vma::rwsem)"));
  EXPECT_TRUE(has("  FolioLock folio_lock LOCKSPEC_ACQUIRED_AFTER("));
  EXPECT_FALSE(has(" ptl;"));
}

TEST_F(CxxBackend, AliasBridgesCheckTheLinkAndAssertInTheSameMode) {
  EXPECT_TRUE(has("inline void mmap_lock_read(struct mm_struct *mm, struct vm_area_struct *vma) "
                  "LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock) "
                  "LOCKSPEC_ASSERT_SHARED_CAPABILITY(vma->vm_mm->mmap_lock) {\n"
                  "  ::lockspec::rt::expectSame(&mm->mmap_lock, &vma->vm_mm->mmap_lock, "
                  "\"alias::mmap_lock_read: vma->vm_mm is not mm\");"));
  EXPECT_TRUE(has("inline void mmap_lock_write(struct mm_struct *mm, struct vm_area_struct *vma) "
                  "LOCKSPEC_REQUIRES(mm->mmap_lock) "
                  "LOCKSPEC_ASSERT_CAPABILITY(vma->vm_mm->mmap_lock) {"));
  EXPECT_TRUE(has("inline void i_mmap_lock_read(struct address_space *mapping, struct "
                  "vm_area_struct *vma) LOCKSPEC_REQUIRES_SHARED(mapping->i_mmap_rwsem) "
                  "LOCKSPEC_ASSERT_SHARED_CAPABILITY(vma->mapping->i_mmap_rwsem) {"));
  // The anon_vma lock is the root's: an anon_vma and a VMA of its tree share it.
  EXPECT_TRUE(has("LOCKSPEC_REQUIRES_SHARED(anon_vma->root->rwsem) "
                  "LOCKSPEC_ASSERT_SHARED_CAPABILITY(vma->anon_vma->root->rwsem) {"));
  // A downgraded hold is a read hold: no bridge of its own.
  EXPECT_FALSE(has("mmap_lock_downgraded("));
}

TEST_F(CxxBackend, EveryWritePathOfARuledFieldIsChecked) {
  // vm_flags is a view of the flags word (v7.0's `flags`): no unchecked setter, one storage
  // for both, and the vm_flags_*() helpers' write needs both write locks.
  EXPECT_FALSE(has("set_vm_flags("));
  EXPECT_FALSE(has("unsigned long vm_flags_ = 0;"));
  EXPECT_TRUE(has("void set_flags_vm_flags_helpers(unsigned long value) "
                  "LOCKSPEC_REQUIRES(this->vm_mm->mmap_lock, this->vma_lock) {"));
}

TEST_F(CxxBackend, FactsAreSharedAndMayBeForbidden) {
  EXPECT_TRUE(
      has("  static void assume_foll_pin() LOCKSPEC_ASSERT_SHARED_CAPABILITY(foll_pin) {}"));
  EXPECT_TRUE(has("inline void gup_get(struct mm_struct *mm, via::slow) "
                  "LOCKSPEC_REQUIRES(!fact::foll_longterm) "
                  "LOCKSPEC_REQUIRES_SHARED(mm->mmap_lock, fact::foll_get) {"));
  EXPECT_TRUE(
      has("inline void mmu_notifier_register(struct mm_struct *mm) "
          "LOCKSPEC_REQUIRES(!mm->mmap_lock) LOCKSPEC_REQUIRES_SHARED(fact::mm_users_held) {"));
}

TEST_F(CxxBackend, OrderEdgesOnTheLaterDeclaration) {
  EXPECT_TRUE(has("PageTableLock page_table_lock LOCKSPEC_ACQUIRED_AFTER(mm_struct::mmap_lock)"));
  // An edge an always-known path implies is left out: clang walked every declaration naming
  // the held lock and printed an inversion once per declaration.  mmap_lock -> pte_lock stays
  // (an ACQUIRED_AFTER on pte_lock is the only way clang learns of it); i_rwsem -> pte_lock
  // goes, since i_rwsem declares ACQUIRED_BEFORE(mm_struct::mmap_lock).
  EXPECT_TRUE(has("PteLock pte_lock LOCKSPEC_ACQUIRED_AFTER(mm_struct::mmap_lock, "));
  EXPECT_FALSE(has("PteLock pte_lock LOCKSPEC_ACQUIRED_AFTER(inode::i_rwsem"));
  // Mode-specific edges are left to the validator, and listed.
  EXPECT_NE(files_["tests/cxx/corpus/unchecked.txt"].find(
                "order rmap_main: vma_lock.write before i_mmap_lock | clang orders lock "
                "declarations, not modes | CxxValidator.ModeSpecificOrder"),
            std::string::npos);
}

TEST_F(CxxBackend, KillableVmaWriteIsAnAssertionLikeThePlainOne) {
  // A try-acquire would leave a hold nothing releases (mmap_write_unlock ends it), so callers
  // were told "not held on every path"; the failure path is listed instead.
  EXPECT_TRUE(has("[[nodiscard]] inline int vma_start_write_killable(struct vm_area_struct *vma) "
                  "LOCKSPEC_REQUIRES(vma->vm_mm->mmap_lock) "
                  "LOCKSPEC_ASSERT_CAPABILITY(vma->vma_lock) {"));
  EXPECT_NE(files_["tests/cxx/corpus/unchecked.txt"].find("try vma_start_write_killable failing |"),
            std::string::npos);
}

TEST_F(CxxBackend, WaitingTriesWaitAndRecheckTheEntryAbove) {
  // pte_offset_map_lock waits for the PTL, then asks the PMD table whether its entry still maps
  // the table (v7.0: spin_lock, pmd_same); a trylock still only tries.
  EXPECT_TRUE(has("struct pte_table *pte) LOCKSPEC_TRY_ACQUIRE(true, pte->pte_lock) {\n"
                  "  (void)mm;\n  (void)pmd;\n  (void)addr;\n  (void)pte;\n"
                  "  pte->pte_lock.lock();\n  bool ok = pmd->maps(addr, pte);\n  if (!ok)\n"
                  "    pte->pte_lock.unlock();\n  return ok ? pte : nullptr;\n}"));
  EXPECT_TRUE(has("  virtual bool maps(unsigned long addr, const struct pte_table *pte) const = 0;"));
  // Only the PMD table is asked: get_locked_pte, given the mm alone, walks on its own.
  EXPECT_EQ(header_.find("virtual bool maps("), header_.rfind("virtual bool maps("));
  EXPECT_TRUE(has("inline struct pte_table * get_locked_pte(struct mm_struct *mm, unsigned long "
                  "addr, struct pte_table *pte) LOCKSPEC_TRY_ACQUIRE(true, pte->pte_lock) {\n"
                  "  (void)mm;\n  (void)addr;\n  (void)pte;\n  pte->pte_lock.lock();\n"
                  "  bool ok = true;"));
  EXPECT_TRUE(has("bool ok = mm->mmap_lock.try_lock_shared();")); // mmap_read_trylock
}

TEST_F(CxxBackend, SeqcountReadSideHandsBackTheSample) {
  EXPECT_TRUE(has("inline bool raw_seqcount_try_begin(WriteProtectSeqLock &s, unsigned long "
                  "&start) LOCKSPEC_TRY_ACQUIRE_SHARED(true, s) {"));
  EXPECT_TRUE(has("bool ok = s.try_begin(start);"));
  EXPECT_TRUE(has("inline bool read_seqcount_retry(WriteProtectSeqLock &s, unsigned long start) "
                  "LOCKSPEC_RELEASE_SHARED(s) {"));
  EXPECT_TRUE(has("return s.retry(start);"));
  EXPECT_TRUE(has("bool ok = mm->mm_lock_seq_lock.try_begin(*seq);"));
}

TEST_F(CxxBackend, ConditionalFieldRulesAreListedForTheValidator) {
  const std::string &u = files_["tests/cxx/corpus/unchecked.txt"];
  EXPECT_NE(u.find("field vm_area_struct.vm_start write: i_mmap_lock.write if file_backed | a "
                   "condition is run-time state | CxxValidator.ConditionalFieldRequirement"),
            std::string::npos);
  EXPECT_TRUE(has("LOCKSPEC_RT(if (this->anon_vma != nullptr) ::lockspec::rt::expectHeld(kSpec, "
                  "&this->anon_vma->root->rwsem, 3, 2u, \"vm_area_struct.vm_pgoff\"););"));
}

TEST_F(CxxBackend, LinkFieldGapsAreListedAsCheckedByNeither) {
  // vm_mm's read rule has no accessor and no validator check: it must not be filed under a
  // validator test that does not cover it.
  const std::string &unchecked = files_["tests/cxx/corpus/unchecked.txt"];
  EXPECT_NE(unchecked.find("field vm_area_struct.vm_mm read `stable | rcu` | it is the link "
                           "pointer that capability expressions name (`vma->vm_mm`), so it stays "
                           "a public member and has no read accessor: no read is checked | none\n"),
            std::string::npos);
  EXPECT_NE(unchecked.find("field vm_area_struct.anon_vma write `any { fault: mmap_lock.read & "
                           "page_table_lock; merge: write_most; fork: mmap_lock.write & "
                           "vma_detached; }` (NULL -> non-NULL) by raw assignment"),
            std::string::npos);
  EXPECT_EQ(unchecked.find("vm_mm (raw access)"), std::string::npos);
  EXPECT_EQ(unchecked.find("anon_vma.root"), std::string::npos); // 'read none', 'write once'
}

TEST_F(CxxBackend, CorpusHasPositiveAndNegativeCasesWithTheirDiagnostics) {
  const std::string &install = files_["tests/cxx/corpus/op_install.cc"];
  EXPECT_NE(install.find("// lockspec-case: operation install via mmap_lock | positive | positive\n"),
            std::string::npos);
  EXPECT_NE(install.find("  op::install(vma, pte, via::mmap_lock{}); // expected-error-re "
                         "{{calling function 'install' requires holding "
                         "{{.*}}'vma->vm_mm->mmap_lock'}}"),
            std::string::npos);
  EXPECT_NE(install.find("| rejected rmap_lock.write & pte_lock@pte | negative"),
            std::string::npos);
  EXPECT_NE(install.find("| other vm_area_struct: vma->vm_mm->mmap_lock | negative"),
            std::string::npos);
  // The refusal of a rejected lock set's tag, apart: clang skips the analysis of a file with
  // errors, so it cannot share one with the warnings above.
  EXPECT_EQ(install.find("is unavailable"), std::string::npos);
  const std::string &refused = files_["tests/cxx/corpus/op_install_refused.cc"];
  EXPECT_NE(refused.find("  op::install(vma, pte, via::anon_vma_lock{}); // expected-error "
                         "{{'install' is unavailable: op::install with via::anon_vma_lock is not "
                         "enough: an rmap lock alone"),
            std::string::npos)
      << refused;
}

TEST_F(CxxBackend, AttributesAreGuardedOneByOne) {
  const std::string &runtime = files_["include/lockspec/runtime.h"];
  EXPECT_NE(runtime.find("#if LOCKSPEC_HAS_ATTRIBUTE(acquired_after)"), std::string::npos);
  EXPECT_NE(runtime.find("#if LOCKSPEC_HAS_ATTRIBUTE(try_acquire_shared_capability)"),
            std::string::npos);
}

TEST(CxxBackendSmallSpec, EmitsForASpecWithoutTheMmNames) {
  // No VMA write section to end with, no guards of the real spec's names: the backend still
  // writes a header, and the VMA lock becomes a plain rwsem.
  Compiled c = compileString(kBaseSpec);
  ASSERT_TRUE(c.model) << c.diags;
  std::vector<OutputFile> files = emitCxx(*c.model);
  auto header = std::find_if(files.begin(), files.end(), [](const OutputFile &f) {
    return f.name == "include/lockspec/mm_locks.h";
  });
  ASSERT_NE(header, files.end());
  EXPECT_NE(header->contents.find("::lockspec::rt::RwSem raw_;"), std::string::npos);
  EXPECT_EQ(header->contents.find("::lockspec::rt::VmaLock raw_;"), std::string::npos);
  EXPECT_NE(header->contents.find("static_assert(sizeof(MmapReadLockGuard) == sizeof(void *));"),
            std::string::npos);
}

} // namespace
} // namespace lockspec
