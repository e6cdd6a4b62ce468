#include "source_manager.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

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

// Every file must come back whole, followed by the NUL the lexer stops on.
TEST(SourceManagerTest, FilesOfEverySizeReadWholeWithTheSentinel) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "lockspec-sm-test";
  std::filesystem::create_directories(dir);
  for (size_t size : {size_t(100), size_t(70000), size_t(0)}) {
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

// A file goes by two names: the one outputs give it and the path it was read from.  The
// caller's check sees the file opened (its descriptor), and a refusal reads nothing.
TEST(SourceManagerTest, ChecksTheOpenedFileAndKeepsBothNames) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "lockspec-sm-names";
  std::filesystem::create_directories(dir);
  std::filesystem::path path = dir / "a.rules";
  std::ofstream(path) << "object o {}";
  struct stat onDisk {};
  ASSERT_EQ(stat(path.c_str(), &onDisk), 0);
  SourceManager sources;
  std::string error;
  ino_t seen = 0;
  auto file = sources.addFile(path.string(), "spec/a.rules", &error, [&](int fd) {
    struct stat opened {};
    fstat(fd, &opened);
    seen = opened.st_ino;
    return std::string();
  });
  ASSERT_TRUE(file) << error;
  EXPECT_EQ(seen, onDisk.st_ino);
  EXPECT_EQ(sources.name(*file), "spec/a.rules");
  EXPECT_EQ(sources.path(*file), path.string());
  EXPECT_FALSE(sources.addFile(path.string(), "spec/a.rules", &error,
                               [](int) { return std::string("refused"); }));
  EXPECT_EQ(error, "refused");
  EXPECT_EQ(sources.size(), 1u);
  std::filesystem::remove_all(dir);
}

// A FIFO would block the read and a device never end: only regular files are specs, and
// a file over the cap is refused before a byte of it is read.
TEST(SourceManagerTest, RefusesWhatIsNotASpecFile) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "lockspec-sm-refuse";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string fifo = (dir / "fifo.rules").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::filesystem::path big = dir / "big.rules";
  std::ofstream(big).close();
  std::filesystem::resize_file(big, SourceManager::kMaxFileBytes + 1); // Sparse: no disk.
  SourceManager sources;
  std::string error;
  EXPECT_FALSE(sources.addFile(fifo, &error));
  EXPECT_EQ(error, "'" + fifo + "' is not a regular file");
  EXPECT_FALSE(sources.addFile("/dev/zero", &error));
  EXPECT_EQ(error, "'/dev/zero' is not a regular file");
  EXPECT_FALSE(sources.addFile(big.string(), &error));
  EXPECT_EQ(error, "'" + big.string() + "' is larger than 64 MiB");
  EXPECT_EQ(sources.size(), 0u);
  std::filesystem::remove_all(dir);
}

// CR-only, CRLF and LF line ends all start a line, as they end a // comment in the lexer.
TEST(SourceManagerTest, EveryLineEndStartsALine) {
  SourceManager sources;
  FileId file = sources.addBuffer("t.rules", "a\rb\r\nc\nd");
  EXPECT_EQ(sources.lineCol(file, 2).line, 2u);
  EXPECT_EQ(sources.lineText(file, 2), "b");
  EXPECT_EQ(sources.lineCol(file, 5).line, 3u);
  EXPECT_EQ(sources.lineText(file, 5), "c");
  EXPECT_EQ(sources.lineCol(file, 7).line, 4u);
}

} // namespace
} // namespace lockspec
