#include "wording.h"

#include <gtest/gtest.h>

namespace lockspec::check {
namespace {

TEST(Wording, PlainTextDropsRolesAndMarkup) {
  EXPECT_EQ(plainText("The **stable** VMA: :c:func:`!vma_start_write`,\n  ``vm_flags`` and "
                      ":c:member:`~mm->mmap_lock`."),
            "The stable VMA: vma_start_write, vm_flags and mm->mmap_lock.");
  EXPECT_EQ(plainText("a *ptl pointer"), "a *ptl pointer"); // a C dereference stays
}

TEST(Wording, FirstSentenceSkipsVersionsAndAbbreviations) {
  EXPECT_EQ(firstSentence("Since v7.0 it is taken, e.g. by zap. Then more."),
            "Since v7.0 it is taken, e.g. by zap");
  EXPECT_EQ(firstSentence("No period at all"), "No period at all");
  EXPECT_EQ(firstSentence("Ends here."), "Ends here");
  EXPECT_EQ(firstSentence("Taken for writing. vma_start_write asserts it."), "Taken for writing");
}

TEST(Wording, WaysSayEachLockAndEachWayOnce) {
  // 'pte_lock' or 'pte_lock' & 'vma_lock': holding the PTL alone is enough.
  EXPECT_EQ(waysWords({{"'pte_lock'"}, {"'pte_lock'", "'vma_lock' for read"}}), "'pte_lock'");
  EXPECT_EQ(waysWords({{"'b'", "'a'", "'b'"}, {"'a'", "'b'"}}), "'a' and 'b'");
  EXPECT_EQ(waysWords({{"'a'"}, {"'b'"}, {"'c'", "'d'"}}), "'a', 'b' or 'c' and 'd'");
  EXPECT_EQ(waysWords({{"'a'"}, {"'b'"}, {"'c'"}}, 2), "'a', 'b' or 1 more ways");
  EXPECT_EQ(waysWords({}), "");
  // What every way needs comes first.
  EXPECT_EQ(waysWords({{"'mmap_lock'", "'pte_lock'"}, {"'pte_lock'", "'vma_lock'"}}),
            "'pte_lock' and either 'mmap_lock' or 'vma_lock'");
  EXPECT_EQ(keptWays({{"'b'", "'a'"}, {"'a'"}, {"'a'"}, {"'c'"}}), (std::vector<size_t>{1, 3}));
}

TEST(Wording, LockWordsNameOwnerAndModeOnlyWhenThereAreSeveral) {
  Lock rw;
  rw.name = "mmap_lock";
  rw.modes.resize(2);
  rw.modes[0].name = "read";
  rw.modes[1].name = "write";
  Lock spin;
  spin.name = "pte_lock";
  spin.modes.resize(1);
  spin.modes[0].name = "held";
  EXPECT_EQ(lockWords(rw, "vma->vm_mm", "read"), "'mmap_lock' of 'vma->vm_mm' for read");
  EXPECT_EQ(lockWords(spin, "", "held"), "'pte_lock'");
  EXPECT_EQ(lockWords(rw, "mm", "downgraded"), "'mmap_lock' of 'mm' downgraded");
}

TEST(Wording, ClauseReasonComesFromTheClauseOrTheLetItNames) {
  Model m;
  Let stable;
  stable.name = "stable";
  stable.doc = "The VMA is **stable**: it cannot be freed.  Any lock will do.";
  m.lets.push_back(stable);
  Requirement named;
  named.text = "stable";
  EXPECT_EQ(clauseReason(m, named), "the VMA is stable: it cannot be freed");
  named.reason = "its own reason";
  EXPECT_EQ(clauseReason(m, named), "its own reason");
  Requirement other;
  other.text = "pte_lock@pte";
  EXPECT_EQ(clauseReason(m, other), "");
  Documented named_first;
  named_first.doc = "VMA locks end with it.";
  EXPECT_EQ(docReason(named_first), "VMA locks end with it");
  named_first.doc = "Page_table_lock guards it.";
  EXPECT_EQ(docReason(named_first), "Page_table_lock guards it");
  named_first.doc = "A VMA write lock needs it.";
  EXPECT_EQ(docReason(named_first), "a VMA write lock needs it");
}

TEST(Wording, ReasonsForTheLocksStillMissing) {
  Lock a, b;
  std::vector<std::pair<const Lock *, std::string>> why = {
      {&a, "a's reason"}, {&b, "b's reason"}, {&a, "a's reason"}, {&b, ""}};
  EXPECT_EQ(reasonsFor(why, {&b}), "b's reason");
  EXPECT_EQ(reasonsFor(why, {&a, &b}), "a's reason; and b's reason");
  EXPECT_EQ(reasonsFor(why, {}), "");
}

} // namespace
} // namespace lockspec::check
