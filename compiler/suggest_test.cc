#include "suggest.h"

#include <map>

#include <gtest/gtest.h>

namespace lockspec {
namespace {

TEST(EditDistance, CountsEachKindOfEditOnce) {
  EXPECT_EQ(editDistance("mmap_lock", "mmap_lock"), 0u);
  EXPECT_EQ(editDistance("mmap_lok", "mmap_lock"), 1u);   // insertion
  EXPECT_EQ(editDistance("mmap_lockk", "mmap_lock"), 1u); // deletion
  EXPECT_EQ(editDistance("mmap_lack", "mmap_lock"), 1u);  // substitution
  EXPECT_EQ(editDistance("raed", "read"), 1u);            // swap of neighbours
  EXPECT_EQ(editDistance("", "read"), 4u);
  EXPECT_EQ(editDistance("pte_lock", "ptl"), 5u);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
}

TEST(ClosestName, SuggestsATypoOfADeclaredName) {
  std::vector<std::string_view> locks{"mmap_lock", "vma_lock", "pte_lock", "i_mmap_lock"};
  EXPECT_EQ(closestName("mmap_lok", locks), "mmap_lock");
  EXPECT_EQ(closestName("vma_lck", locks), "vma_lock");
  EXPECT_EQ(closestName("ptelock", locks), "pte_lock");
  EXPECT_EQ(closestName("i_mmap_lock_", locks), "i_mmap_lock");
}

TEST(ClosestName, StaysQuietWhenNothingIsClose) {
  std::vector<std::string_view> locks{"mmap_lock", "vma_lock", "pte_lock"};
  EXPECT_EQ(closestName("nosuch", locks), std::nullopt);
  EXPECT_EQ(closestName("rcu", locks), std::nullopt);
  // One edit in three characters: `vma` is not a typo of `vma_lock`.
  EXPECT_EQ(closestName("vma", locks), std::nullopt);
  EXPECT_EQ(closestName("mmap_lock", {"mmap_lock"}), std::nullopt) << "a name is not its own typo";
  EXPECT_EQ(closestName("x", {}), std::nullopt);
}

TEST(ClosestName, FourCharactersAllowOneEdit) {
  std::vector<std::string_view> modes{"read", "write", "held"};
  EXPECT_EQ(closestName("raed", modes), "read");
  EXPECT_EQ(closestName("wrte", modes), "write");
  EXPECT_EQ(closestName("rd", modes), std::nullopt);
  // Under three characters every short name is one edit away: no guess.
  EXPECT_EQ(closestName("o", {"a", "x"}), std::nullopt);
  EXPECT_EQ(closestName("mn", {"mm"}), std::nullopt);
}

TEST(ClosestName, TiesGoToTheFirstInByteOrder) {
  EXPECT_EQ(closestName("lockb", {"lockc", "locka"}), "locka");
  EXPECT_EQ(closestName("lockb", {"locka", "lockc"}), "locka");
}

TEST(DidYouMean, FormatsTheSuggestionOrNothing) {
  EXPECT_EQ(didYouMean("mmap_lok", {"mmap_lock"}), "; did you mean 'mmap_lock'?");
  EXPECT_EQ(didYouMean("nosuch", {"mmap_lock"}), "");
  std::map<std::string_view, int> table{{"mmap_lock", 1}, {"mm_struct", 2}};
  EXPECT_EQ(didYouMean("mm_strct", table, [](int kind) { return kind == 2; }),
            "; did you mean 'mm_struct'?");
  EXPECT_EQ(didYouMean("mm_strct", table, [](int kind) { return kind == 1; }), "");
  struct Named {
    std::string name;
  };
  std::vector<Named> modes{{"read"}, {"write"}};
  EXPECT_EQ(didYouMeanNamed("wirte", modes), "; did you mean 'write'?");
}

} // namespace
} // namespace lockspec
