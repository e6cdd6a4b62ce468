#include "c_expr.h"

#include <gtest/gtest.h>

namespace lockspec::check {
namespace {

std::string canon(const std::string &expr) {
  ts::Parser parser;
  ts::Tree tree = parser.parse("void f(void) { " + expr + "; }");
  ts::Node stmt = tree.root().namedChild(0).child("body").namedChild(0);
  return canonical(stmt.namedChild(0));
}

TEST(CExprTest, CanonicalFormIgnoresSpellingDifferences) {
  EXPECT_EQ(canon("vma -> vm_mm"), "vma->vm_mm");
  EXPECT_EQ(canon("(vma)->vm_mm"), "vma->vm_mm");
  EXPECT_EQ(canon("((struct vm_area_struct *)vma)->vm_mm"), "vma->vm_mm");
  EXPECT_EQ(canon("&*ptl"), "ptl");
  EXPECT_EQ(canon("(&init_mm)->mmap_lock"), "init_mm.mmap_lock");
  EXPECT_EQ(canon("&mm->page_table_lock"), "&mm->page_table_lock");
}

TEST(CExprTest, SubstituteReplacesWholeIdentifiersOnly) {
  EXPECT_EQ(substitute("vma->vm_mm", "vma", "prev"), "prev->vm_mm");
  EXPECT_EQ(substitute("vma->vma", "vma", "prev"), "prev->vma");
  EXPECT_EQ(substitute("vmax->vm_mm", "vma", "prev"), "vmax->vm_mm");
  EXPECT_EQ(substitute("mm->mmap_lock", "mm", "&init_mm"), "(&init_mm)->mmap_lock");
}

TEST(CExprTest, Helpers) {
  EXPECT_EQ(rootIdentifier("vma->vm_mm"), "vma");
  EXPECT_EQ(rootIdentifier("&mm->x"), "mm");
  EXPECT_EQ(rootIdentifier("0"), "");
  EXPECT_TRUE(isIdentifier("prev"));
  EXPECT_FALSE(isIdentifier("a->b"));
  EXPECT_TRUE(isNullLiteral("NULL"));
  EXPECT_TRUE(isNullLiteral(" 0 "));
  EXPECT_FALSE(isNullLiteral("vma"));
}

} // namespace
} // namespace lockspec::check
