#include "rust_backend.h"

#include <algorithm>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "test_util.h"

namespace lockspec {
namespace {

/// The backend on the real spec, with its files by name.
class RustBackend : public ::testing::Test {
protected:
  void SetUp() override {
    SourceManager sources;
    Diagnostics diags(sources);
    model_ = loadSpec(LOCKSPEC_SOURCE_DIR "/rules/mm.rules", sources, diags);
    ASSERT_TRUE(model_) << diags.renderAll();
    for (OutputFile &f : emitRust(*model_))
      files_[f.name] = std::move(f.contents);
  }
  bool has(const std::string &file, const std::string &text) const {
    auto it = files_.find(file);
    return it != files_.end() && it->second.find(text) != std::string::npos;
  }
  bool ordered(const std::string &before, const std::string &after) const {
    auto pairs = rust::orderClosure(*model_);
    return std::any_of(pairs.begin(), pairs.end(), [&](const rust::OrderPair &p) {
      return p.before == before && p.after == after;
    });
  }

  std::optional<Model> model_;
  std::map<std::string, std::string> files_;
};

TEST_F(RustBackend, WritesACargoPackageWithoutDependencies) {
  const std::string &toml = files_["rust/Cargo.toml"];
  ASSERT_FALSE(toml.empty());
  // Nothing follows the [dependencies] header: crates.io is unreachable.
  std::string deps = toml.substr(toml.find("[dependencies]"));
  EXPECT_EQ(deps, "[dependencies]\n");
  EXPECT_TRUE(has("rust/src/lib.rs", "#![no_std]"));
  EXPECT_TRUE(files_.count("rust/Cargo.lock"));
  EXPECT_TRUE(files_.count("rust/src/ffi.rs"));
  EXPECT_TRUE(files_.count("rust/corpus/unexpressed.txt"));
}

TEST_F(RustBackend, OrderIsTheExplicitClosure) {
  // Direct and transitive pairs of mm/rmap.c's tree, and never the reverse.
  EXPECT_TRUE(ordered("mmap_lock", "i_mmap_lock"));
  EXPECT_TRUE(ordered("i_mmap_lock", "anon_vma_lock"));
  EXPECT_TRUE(ordered("mmap_lock", "lru_lock"));
  EXPECT_FALSE(ordered("anon_vma_lock", "i_mmap_lock"));
  EXPECT_FALSE(ordered("pte_lock", "mmap_lock"));
  // pte_lock has several predecessors: one impl each, no blanket impl.
  EXPECT_TRUE(has("rust/src/order.rs", "unsafe impl LockAfter<MmapLock> for PteLock {}"));
  EXPECT_TRUE(has("rust/src/order.rs", "unsafe impl LockAfter<AnonVmaLock> for PteLock {}"));
  EXPECT_TRUE(has("rust/src/order.rs", "unsafe impl LockAfter<PmdLock> for PteLock {}"));
  EXPECT_FALSE(has("rust/src/order.rs", "unsafe impl<"));
  // The spec puts the PMD lock at the page-table-lock level of mm/rmap.c's tree
  // (rules/order.rules), so it follows the mmap and rmap locks: retract_pte_table takes it
  // under the mmap read lock.  The pairs are the spec's own, not inferred by the backend.
  EXPECT_TRUE(ordered("mmap_lock", "pmd_lock"));
  EXPECT_TRUE(ordered("i_mmap_lock", "pmd_lock"));
  EXPECT_FALSE(ordered("pmd_lock", "mmap_lock"));
  EXPECT_TRUE(has("rust/src/order.rs", "// SAFETY: `mmap_lock` is before `pmd_lock` in the "
                                       "enforced order.\nunsafe impl LockAfter<MmapLock> for "
                                       "PmdLock {}"));
  // mremap holds two VMA write locks and two PTE locks.
  EXPECT_TRUE(ordered("vma_lock", "vma_lock"));
  EXPECT_TRUE(ordered("pte_lock", "pte_lock"));
  EXPECT_FALSE(ordered("mmap_lock", "mmap_lock"));
  // RCU is in no order tree.
  EXPECT_FALSE(has("rust/src/order.rs", "for Rcu"));
}

TEST_F(RustBackend, ARolesOwnLockGuardIsTheRole) {
  // The subject's VMA write proof is the VMA parameter: no separate `vma` to mismatch, and
  // the mmap guard, reached through a link, is still checked against it at run time.
  EXPECT_TRUE(has("rust/src/ops.rs",
                  "pub fn reset_vma_flags<'g, B: Backend>(\n"
                  "    vma_mmap_lock: &'g MmapLockWriteGuard<'_, B>,\n"
                  "    vma: &'g VmaLockWriteGuard<'_, B>,\n"
                  ") -> Permit<'g, ResetVmaFlags> {\n"
                  "    let roles = [vma.object().as_raw()];\n"
                  "    assert!(\n"
                  "        same::<B>(vma_mmap_lock.instance(), roles[0], "
                  "&[LinkId::VmAreaStructMm]),"));
}

TEST_F(RustBackend, NotSendMarkersNameTheGuardAndWhy) {
  // rustc's E0277 names the innermost non-Send type: the marker, not `*const ()`.
  EXPECT_TRUE(has("rust/src/guards.rs",
                  "_not_send: PhantomData<*const UnlockOnLockingThread<MmapLockReadGuard<'static, "
                  "B>>>,"));
  EXPECT_TRUE(has("rust/src/guards.rs",
                  "_not_send: PhantomData<*const ValidOnLockingThreadOnly<VmaLockWriteGuard<"
                  "'static, B>>>,"));
  EXPECT_FALSE(has("rust/src/guards.rs", "*const ()"));
}

TEST_F(RustBackend, VmaWriteIsAProofBorrowedFromTheMmapWriteGuard) {
  const std::string &g = files_["rust/src/guards.rs"];
  size_t impl = g.find("impl<'a, B: Backend> MmapLockWriteGuard<'a, B> {\n    /// Write-locks a VMA");
  ASSERT_NE(impl, std::string::npos);
  EXPECT_NE(g.find("pub fn vma_start_write<'g, L: LockClass>(\n        &'g self,", impl),
            std::string::npos);
  // A proof has no Drop: the hold ends with the mmap write hold.
  EXPECT_FALSE(has("rust/src/guards.rs", "Drop for VmaLockWriteGuard"));
  EXPECT_TRUE(has("rust/src/guards.rs", "Drop for MmapLockWriteGuard"));
  // Downgrade consumes the write guard.
  EXPECT_TRUE(has("rust/src/guards.rs",
                  "pub fn mmap_write_downgrade(self) -> MmapLockDowngradedGuard<'a, B>"));
  // lock_vma_under_rcu is fallible and names its fallback.
  EXPECT_TRUE(has("rust/src/guards.rs", "On `None` the caller falls back to `mmap_read_lock`."));
}

TEST_F(RustBackend, InstallTakesMmapOrVmaGuardsAndNoRmapGuard) {
  const std::string &ops = files_["rust/src/ops.rs"];
  auto implFor = [&](const std::string &type) {
    return ops.find("InstallEvidence<B> for &'e0 " + type + "<'e0a, B>") != std::string::npos;
  };
  EXPECT_TRUE(implFor("MmapLockReadGuard"));
  EXPECT_TRUE(implFor("MmapLockWriteGuard"));
  EXPECT_TRUE(implFor("VmaLockReadGuard"));
  EXPECT_FALSE(implFor("AnonVmaLockWriteGuard"));
  EXPECT_FALSE(implFor("IMmapLockWriteGuard"));
  // The PTE lock every alternative needs is a parameter of its own, and the table is its.
  EXPECT_TRUE(has("rust/src/ops.rs", "    pte: &'g PteLockHeldGuard<'_, B>,\n    ev: E,\n"));
  // The corpus rejects the rmap write lock for install.
  EXPECT_TRUE(has("rust/corpus/install_rejected_1.rs", "lockspec-expect: E0277"));
}

TEST_F(RustBackend, EveryGuardHasASizeAssertion) {
  const std::string &lib = files_["rust/src/lib.rs"];
  const std::string &g = files_["rust/src/guards.rs"];
  size_t guards = 0;
  // Every guard and proof (the `!Send` markers are not values anyone holds).
  std::istringstream lines(g);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("pub struct ", 0) == 0 && line.find("<'a, B: Backend> {") != std::string::npos)
      ++guards;
  size_t asserts = 0;
  for (size_t at = lib.find("assert!(size_of::<guards::"); at != std::string::npos;
       at = lib.find("assert!(size_of::<guards::", at + 1))
    ++asserts;
  EXPECT_GT(guards, 10u);
  EXPECT_EQ(guards, asserts);
}

TEST(RustBackendSmall, TwoPredecessorsGetOneImplEach) {
  // The shape Fuchsia's one-blanket-impl-per-edge cannot express (E0119).
  Compiled c = compileString(std::string(kBaseSpec) + R"(
lock a_lock: spinlock on mm_struct { doc "a"; source "x"; path "mm->a"; mode held("H") exclusive; }
lock b_lock: spinlock on mm_struct { doc "b"; source "x"; path "mm->b"; mode held("H") exclusive; }
lock c_lock: spinlock on mm_struct { doc "c"; source "x"; path "mm->c"; mode held("H") exclusive; }
order t1 { doc "t1"; source "x"; a_lock { c_lock; } }
order t2 { doc "t2"; source "x"; b_lock { c_lock; } }
)");
  ASSERT_TRUE(c.model) << c.diags;
  auto pairs = rust::orderClosure(*c.model);
  std::vector<std::string> got;
  for (const rust::OrderPair &p : pairs)
    got.push_back(p.before + "<" + p.after);
  EXPECT_EQ(got, (std::vector<std::string>{"a_lock<c_lock", "b_lock<c_lock"}));
}

} // namespace
} // namespace lockspec

namespace lockspec {
namespace {

TEST(RustBackendSmall, AGuardThatCannotBeMadeIsLeftOut) {
  // The base spec downgrades a write hold nothing can take: no downgraded guard, no crash
  // (the fuzzer's seed), and no FFI backend without the core's locks.
  Compiled c = compileString(kBaseSpec);
  ASSERT_TRUE(c.model) << c.diags;
  std::map<std::string, std::string> files;
  for (OutputFile &f : emitRust(*c.model))
    files[f.name] = std::move(f.contents);
  EXPECT_NE(files["rust/src/guards.rs"].find("pub struct MmapLockReadGuard"), std::string::npos);
  EXPECT_EQ(files["rust/src/guards.rs"].find("MmapLockDowngradedGuard"), std::string::npos);
  EXPECT_FALSE(files.count("rust/src/ffi.rs"));
}

} // namespace
} // namespace lockspec
