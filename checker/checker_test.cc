#include "checker.h"

#include <gtest/gtest.h>

#include "driver.h"
#include "lock_state.h"
#include "report.h"

namespace lockspec::check {
namespace {

/// The real spec, loaded once for all tests.
struct Spec {
  SourceManager sources;
  std::optional<Model> model;
  std::unique_ptr<Checker> checker;
  Spec() {
    Diagnostics diags(sources);
    model = loadSpec(LOCKSPEC_SOURCE_DIR "/rules/mm.rules", sources, diags);
    if (model)
      checker = std::make_unique<Checker>(*model, sources);
  }
};

Spec &spec() {
  static Spec s;
  return s;
}

TEST(CheckerTest, ACallersLockReleasedAgainIsRecordedOnce) {
  // A loop around a release of the caller's lock must leave the path's state as it found it,
  // or the walk over the loop never reaches its fixed point.
  const Lock *lock = &spec().model->locks.front();
  State st;
  Held may{lock, "", "mm", 10, 20, true, false};
  addDropped(st, may);
  addDropped(st, may);
  ASSERT_EQ(st.dropped.size(), 1u);
  EXPECT_TRUE(st.dropped[0].may);
  Held definite = may;
  definite.may = false;
  definite.at = 30;
  addDropped(st, definite); // released on this path for certain now
  ASSERT_EQ(st.dropped.size(), 1u);
  EXPECT_FALSE(st.dropped[0].may);
  addDropped(st, Held{lock, "", "other", 40, 50, false, false});
  EXPECT_EQ(st.dropped.size(), 2u);
}

TEST(CheckerTest, StructParametersOfADeclarator) {
  ts::Parser parser;
  ts::Tree tree = parser.parse(
      "int f(const struct mm_struct *mm, int n, struct vm_area_struct **pvma,\n"
      "      void (*cb)(struct anon_vma *av), union u *x, struct { int a; } *anon) { return 0; }");
  ts::Node fn = tree.root().namedChild(0);
  std::vector<std::string> got;
  for (const StructParam &p : structParameters(fn.child("declarator")))
    got.push_back(std::string(p.structName) + ":" + std::string(p.declarator.text()));
  // A function-pointer parameter's own parameters count; unions and unnamed structs do not.
  EXPECT_EQ(got, (std::vector<std::string>{"mm_struct:*mm", "vm_area_struct:**pvma",
                                           "anon_vma:*av"}));
  ts::Tree none = parser.parse("int g(int a, long b) { return a; }");
  EXPECT_TRUE(structParameters(none.root().namedChild(0).child("declarator")).empty());
}

/// "rule@line" for every finding of `code`.
std::vector<std::string> findings(const std::string &code) {
  FileChecker fc(*spec().checker);
  std::vector<std::string> out;
  auto found = fc.check(code);
  for (const Finding &f : found) {
    unsigned line = 1;
    for (uint32_t i = 0; i < f.diag.span.begin && i < code.size(); ++i)
      line += code[i] == '\n';
    out.push_back(f.rule + "@" + std::to_string(line));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(CheckerTest, SpecLoads) {
  ASSERT_TRUE(spec().checker);
}

TEST(CheckerTest, BalancedLockingIsClean) {
  EXPECT_EQ(findings("void f(struct mm_struct *mm) {\n mmap_read_lock(mm);\n"
                     " mmap_read_unlock(mm);\n}\n"),
            V{});
}

TEST(CheckerTest, LeakAndUnlockNotHeld) {
  EXPECT_EQ(findings("void f(struct mm_struct *mm) {\n mmap_read_lock(mm);\n}\n"),
            V{"held-at-return@3"});
  EXPECT_EQ(findings("void f(struct mm_struct *mm) {\n mmap_read_lock(mm);\n"
                     " mmap_read_unlock(mm);\n mmap_read_unlock(mm);\n}\n"),
            V{"unlock-not-held@4"});
  // Released before this function took it, on some paths: the caller's lock (a note, not a
  // finding).
  EXPECT_EQ(findings("void f(struct mm_struct *mm, int x) {\n if (x)\n  mmap_read_unlock(mm);\n}\n"),
            V{"caller-held@3"});
  // On every path, by a function no caller here holds it for: an unmatched release.
  EXPECT_EQ(findings("void f(struct mm_struct *mm) {\n mmap_read_unlock(mm);\n}\n"),
            V{"unlock-not-held@2"});
}

TEST(CheckerTest, TryLockHeldOnlyOnSuccess) {
  EXPECT_EQ(findings("int f(struct mm_struct *mm) {\n if (!mmap_read_trylock(mm))\n"
                     "  return -EAGAIN;\n mmap_read_unlock(mm);\n return 0;\n}\n"),
            V{});
  EXPECT_EQ(findings("int f(struct mm_struct *mm) {\n if (mmap_read_trylock(mm))\n"
                     "  return -EAGAIN;\n mmap_read_unlock(mm);\n return 0;\n}\n"),
            (V{"held-at-return@3", "unlock-not-held@4"}));
}

TEST(CheckerTest, DistinctVariablesAreDistinctVmas) {
  EXPECT_EQ(findings("void f(struct vm_area_struct *vma, struct vm_area_struct *prev) {\n"
                     " mmap_write_lock(vma->vm_mm);\n vma_start_write(vma);\n"
                     " prev->vm_end = 0;\n mmap_write_unlock(vma->vm_mm);\n}\n"),
            V{"missing-lock@4"});
}

TEST(CheckerTest, ParseErrorIsANoteAndSkipsTheFunction) {
  auto out = findings("void f(struct mm_struct *mm) {\n mmap_read_lock(mm) +;\n}\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rfind("parse-error@", 0), 0u);
}

TEST(CheckerTest, RendersInTheCompilersFormatWithASpecNote) {
  FileChecker fc(*spec().checker);
  std::string code = "void f(struct mm_struct *mm, spinlock_t *ptl) {\n"
                     " spin_lock(&mm->page_table_lock);\n mmap_read_lock(mm);\n}\n";
  std::vector<FileResult> results{{"t.c", code, fc.check(code), {}}};
  SourceManager sources; // Spec notes point into spec().sources; render with those.
  std::string text = render(Format::Text, results, spec().sources);
  EXPECT_NE(text.find("t.c:3:2: error: 'mmap_read_lock' takes 'mmap_lock' of 'mm' while "
                      "'page_table_lock' of 'mm' is held, against the lock order"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("rules/order.rules:"), std::string::npos) << text;
}

} // namespace
} // namespace lockspec::check
