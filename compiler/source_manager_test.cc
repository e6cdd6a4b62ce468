#include "source_manager.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

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

// Files are read or mapped by size (see addFile): each way must give the file's bytes followed
// by the NUL the lexer stops on.  Sizes: small (read), large (mapped), a whole number of pages
// (read: a mapping would have no byte after the end), and empty.
TEST(SourceManagerTest, FilesOfEverySizeReadWholeWithTheSentinel) {
  size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "lockspec-sm-test";
  std::filesystem::create_directories(dir);
  for (size_t size : {size_t(100), SourceManager::kMapMinBytes + 123,
                      (SourceManager::kMapMinBytes / page + 2) * page, size_t(0)}) {
    std::string text;
    for (size_t i = 0; i < size; ++i)
      text += i % 61 == 60 ? '\n' : static_cast<char>('a' + i % 26);
    std::filesystem::path path = dir / ("f" + std::to_string(size) + ".rules");
    std::ofstream(path, std::ios::binary) << text;
    SourceManager sources;
    std::string error;
    auto file = sources.addFile(path.string(), &error);
    ASSERT_TRUE(file) << error;
    std::string_view got = sources.text(*file);
    EXPECT_EQ(got, text) << size;
    EXPECT_EQ(got.data()[got.size()], '\0') << size;
    EXPECT_EQ(sources.lineCol(*file, static_cast<uint32_t>(size)).line, 1 + size / 61) << size;
  }
  std::filesystem::remove_all(dir);
  SourceManager sources;
  std::string error;
  EXPECT_FALSE(sources.addFile((dir / "missing.rules").string(), &error));
  EXPECT_NE(error.find("cannot open"), std::string::npos) << error;
}

} // namespace
} // namespace lockspec
