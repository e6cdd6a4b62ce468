#include "sema.h"

#include <gtest/gtest.h>

#include "requirement.h"
#include "test_util.h"

namespace lockspec {
namespace {

TEST(Sema, BaseSpecCompiles) {
  auto c = compileString(kBaseSpec);
  ASSERT_TRUE(c.model) << c.diags;
  EXPECT_EQ(c.model->locks.size(), 2u);
  const Lock *mmap = c.model->findLock("mmap_lock");
  EXPECT_TRUE(mmap->satisfies("write", "read"));
  EXPECT_TRUE(mmap->satisfies("downgraded", "read"));
  EXPECT_FALSE(mmap->satisfies("read", "downgraded"));
}

TEST(Sema, NormalisesToDnfWithInstancePaths) {
  auto c = compileString(std::string(kBaseSpec) + R"(
operation install {
  doc "d"; source "s";
  subject vma: vm_area_struct;
  requires (mmap_lock.read | vma_lock.read) & (mmap_lock.write | vma_lock);
})");
  ASSERT_TRUE(c.model) << c.diags;
  const Operation *op = c.model->findOperation("install");
  // (R|V)&(W|V) -> {W}, {R,V}... after dedupe: {mmap.write}, {mmap.read, vma.read},
  // {vma.read, mmap.write}, {vma.read}.
  ASSERT_EQ(op->requirement.alternatives.size(), 4u);
  const Atom &first = op->requirement.alternatives[0].atoms[0];
  EXPECT_EQ(first.lock, "mmap_lock");
  EXPECT_EQ(first.mode, "write"); // read & write of the same instance keeps write.
  EXPECT_EQ(first.instance, "vma->vm_mm->mmap_lock");
  EXPECT_EQ(op->requirement.alternatives[3].atoms[0].instance, "vma");
  // Subsumed alternatives are reported as warnings.
  EXPECT_NE(c.diags.find("warning: alternative"), std::string::npos) << c.diags;
}

TEST(Sema, AtomsNamingOneLockFromOneRoleResolveAlike) {
  // Instances are resolved once per role, object and lock and then reused: two operations
  // naming the same lock from the same role must get the same atom, whatever else they name.
  auto c = compileString(std::string(kBaseSpec) + R"(
operation install {
  doc "d"; source "s";
  subject vma: vm_area_struct;
  requires mmap_lock.read;
}
operation zap {
  doc "d"; source "s";
  subject vma: vm_area_struct;
  requires mmap_lock.read & vma_lock;
})");
  ASSERT_TRUE(c.model) << c.diags;
  const Atom &a = c.model->findOperation("install")->requirement.alternatives.at(0).atoms.at(0);
  const Operation *zap = c.model->findOperation("zap");
  const Atom *b = nullptr;
  for (const Atom &atom : zap->requirement.alternatives.at(0).atoms)
    if (atom.lock == "mmap_lock")
      b = &atom;
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a, *b);
  EXPECT_EQ(a.lock, "mmap_lock");
  EXPECT_EQ(a.mode, "read");
  EXPECT_EQ(a.role, "vma");
  EXPECT_EQ(a.object, "vm_area_struct");
  EXPECT_EQ(a.instance, "vma->vm_mm->mmap_lock");
  EXPECT_EQ(a.links, std::vector<std::string>{"mm"}) << "mmap_lock belongs to the vma's mm";
}

TEST(Sema, OrderCycleReportedWithPath) {
  auto c = compileString(std::string(kBaseSpec) + R"(
order a { doc "d"; source "s"; mmap_lock { vma_lock; } }
order b { doc "d"; source "s"; vma_lock { mmap_lock; } }
)");
  EXPECT_FALSE(c.model);
  EXPECT_NE(c.diags.find("error: lock order cycle"), std::string::npos) << c.diags;
  EXPECT_NE(c.diags.find("note: 'mmap_lock' ordered before 'vma_lock' here (order 'a')"),
            std::string::npos)
      << c.diags;
}

TEST(Sema, HistoricalTreeIsNotEnforced) {
  auto c = compileString(std::string(kBaseSpec) + R"(
order a { doc "d"; source "s"; mmap_lock { vma_lock; } }
order b { doc "d"; source "s"; historical "stale"; vma_lock { mmap_lock; } }
)");
  ASSERT_TRUE(c.model) << c.diags;
  EXPECT_EQ(c.model->enforcedEdges().size(), 1u);
}

// A lock's rank is its longest chain of enforced order edges, not the first or shortest one
// found, and historical trees do not count.
TEST(Sema, OrderRankIsTheLongestEnforcedChain) {
  auto c = compileString(std::string(kBaseSpec) + R"(
lock ptl: spinlock on vm_area_struct { doc "p"; source "s"; mode held exclusive; }
lock other: spinlock on mm_struct { doc "o"; source "s"; mode held exclusive; }
order shortcut { doc "d"; source "s"; mmap_lock { ptl; } }
order chain { doc "d"; source "s"; mmap_lock { vma_lock { ptl; } } }
order old { doc "d"; source "s"; historical "stale"; ptl { other; } }
)");
  ASSERT_TRUE(c.model) << c.diags;
  EXPECT_EQ(c.model->findLock("mmap_lock")->orderRank, 0u);
  EXPECT_EQ(c.model->findLock("vma_lock")->orderRank, 1u);
  EXPECT_EQ(c.model->findLock("ptl")->orderRank, 2u);
  EXPECT_EQ(c.model->findLock("other")->orderRank, 0u);
}

TEST(Sema, DerivedMatrixMustMatchDeclared) {
  auto ok = compileString(std::string(kBaseSpec) + R"(
matrix m { doc "d"; source "s"; lock mmap_lock;
  R: N, N, Y;  D: N, Y, Y;  W: Y, Y, Y; })");
  ASSERT_TRUE(ok.model) << ok.diags;
  auto bad = compileString(std::string(kBaseSpec) + R"(
matrix m { doc "d"; source "s"; lock mmap_lock;
  R: N, N, Y;  D: N, N, Y;  W: Y, Y, Y; })");
  EXPECT_FALSE(bad.model);
  EXPECT_NE(bad.diags.find("matrix says 'downgraded' and 'downgraded' do not exclude each other"),
            std::string::npos)
      << bad.diags;
}

TEST(Sema, DerivedStateTableChecksRowsAndCoverage) {
  std::string table = std::string(kBaseSpec) + R"(
let stable = mmap_lock.read | vma_lock.read { doc "stable"; }
table t { doc "d"; source "s"; object vm_area_struct;
  axis mmap_lock "mmap"; axis vma_lock "vma";
  column stable "Stable?" = stable;
  column w "Write?" = mmap_lock.write & vma_lock.write;
  row -, - : N, N;
  row -, R : Y, N;
  row R/D/W, -/R : Y, N;
  row W, W : Y, Y;
})";
  auto ok = compileString(table);
  ASSERT_TRUE(ok.model) << ok.diags;
  // 4 mmap states x 3 VMA states, less (-, W), (R, W) and (D, W): a VMA write lock needs
  // the mmap write lock.
  EXPECT_EQ(ok.model->tables[0].derived.size(), 12u - 3u);

  std::string wrong = table;
  wrong.replace(wrong.find("row W, W : Y, Y"), 15, "row W, W : Y, N");
  auto bad = compileString(wrong);
  EXPECT_FALSE(bad.model);
  EXPECT_NE(bad.diags.find("row declares 'Write?' N but the rules give Y for state "
                           "(mmap_lock W, vma_lock W)"),
            std::string::npos)
      << bad.diags;

  std::string missing = table;
  missing.erase(missing.find("row W, W : Y, Y;"), 16);
  auto gap = compileString(missing);
  EXPECT_NE(gap.diags.find("has no row for state (mmap_lock W, vma_lock W)"), std::string::npos)
      << gap.diags;
}

TEST(Sema, WriteWeakerThanReadIsAnError) {
  auto c = compileString(std::string(kBaseSpec) + R"(
object f_holder { doc "x"; var vma2; }
object vm2 { doc "v"; var v; link mm: mm_struct = "v->mm";
  field flags { doc "f"; source "s"; read mmap_lock.write; write mmap_lock.read; }
})");
  EXPECT_FALSE(c.model);
  EXPECT_NE(c.diags.find("write rule of 'vm2.flags' is weaker than its read rule"),
            std::string::npos)
      << c.diags;
}

TEST(Sema, RejectedSetMustNotSatisfy) {
  auto c = compileString(std::string(kBaseSpec) + R"(
operation op { doc "d"; source "s"; subject vma: vm_area_struct;
  requires mmap_lock.read | vma_lock.read;
  rejects mmap_lock.write "too strong, so this must be an error";
})");
  EXPECT_FALSE(c.model);
  EXPECT_NE(c.diags.find("rejected lock set"), std::string::npos) << c.diags;
}

TEST(Sema, ImpliedHoldsFollowRelations) {
  auto c = compileString(kBaseSpec);
  ASSERT_TRUE(c.model);
  Atom vmaWrite;
  vmaWrite.lock = "vma_lock";
  vmaWrite.mode = "write";
  vmaWrite.role = "vma";
  auto held = withImpliedHolds(*c.model, {vmaWrite});
  ASSERT_EQ(held.size(), 2u);
  EXPECT_EQ(held[1].lock, "mmap_lock");
  EXPECT_EQ(held[1].links, std::vector<std::string>{"mm"});
}

TEST(Sema, UnreachableLockNamesBothObjects) {
  auto c = compileString(std::string(kBaseSpec) + R"(
object lonely { doc "x"; var l; }
operation op { doc "d"; source "s"; subject l: lonely; requires mmap_lock; })");
  EXPECT_NE(c.diags.find("lock 'mmap_lock' is held by object 'mm_struct', which is not reachable "
                         "from role 'l' (object 'lonely')"),
            std::string::npos)
      << c.diags;
}

} // namespace
} // namespace lockspec
