#include "source_manager.h"

#include <gtest/gtest.h>
#include <random>

namespace lockspec {
namespace {

/// The hinted lookup must agree with the binary search whatever order positions come in:
/// forward (sema's usual order), backward, far jumps, and alternating between files.
TEST(SourceManagerTest, HintedLineColMatchesBinarySearch) {
  SourceManager sources;
  std::string a, b;
  for (int i = 0; i < 400; ++i)
    a += std::string(static_cast<size_t>(i % 7), 'x') + "\n"; // Empty lines too.
  for (int i = 0; i < 50; ++i)
    b += "line " + std::to_string(i) + "\r\n";
  FileId fa = sources.addBuffer("a.rules", a), fb = sources.addBuffer("b.rules", b);

  auto check = [&](FileId file, uint32_t offset, SourceManager::LineHint &hint) {
    LineCol want = sources.lineCol(file, offset), got = sources.lineCol(file, offset, hint);
    ASSERT_EQ(got.line, want.line) << "offset " << offset;
    ASSERT_EQ(got.column, want.column) << "offset " << offset;
  };
  SourceManager::LineHint hint;
  for (uint32_t off = 0; off <= a.size(); ++off)
    check(fa, off, hint);
  for (uint32_t off = static_cast<uint32_t>(a.size()) + 1; off-- > 0;)
    check(fa, off, hint);
  std::mt19937 rng(7);
  for (int i = 0; i < 5000; ++i) {
    bool first = rng() % 2;
    FileId file = first ? fa : fb;
    size_t size = first ? a.size() : b.size();
    check(file, static_cast<uint32_t>(rng() % (size + 1)), hint);
  }
}

/// The hint moves with the lookups: after a far jump it points at the new line, so the next
/// nearby lookup is a short scan (and still right).
TEST(SourceManagerTest, HintFollowsLookups) {
  SourceManager sources;
  FileId f = sources.addBuffer("f.rules", "a\nbb\nccc\ndddd\n");
  SourceManager::LineHint hint;
  EXPECT_EQ(sources.lineCol(f, 10, hint).line, 4u);
  EXPECT_EQ(hint.lineIndex, 3u);
  EXPECT_EQ(sources.lineCol(f, 2, hint).line, 2u);
  EXPECT_EQ(hint.lineIndex, 1u);
  EXPECT_EQ(sources.lineCol(f, 6, hint).column, 2u);
}

} // namespace
} // namespace lockspec
