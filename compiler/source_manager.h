// Owns the text of every spec file and maps byte offsets to lines and columns.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lockspec {

/// Index of a buffer in its SourceManager.
using FileId = uint32_t;

/// A half-open byte range in one buffer.  Tokens and AST nodes carry these; line and column
/// are computed only when a diagnostic is printed.
struct Span {
  FileId file = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
};

/// A 1-based line and byte column.
struct LineCol {
  unsigned line = 1;
  unsigned column = 1;
};

/// Holds buffers read from disk or given as strings (tests use a fixed pseudo file name so
/// expected messages are stable).
class SourceManager {
public:
  /// Adds a buffer under `name`; returns its id.
  FileId addBuffer(std::string name, std::string text);
  /// The largest spec file read.  Offsets are 32-bit, and a spec of 100k rules is about
  /// 27 MB; what is larger is not a spec (`/dev/zero` behind a symlink, a log file).
  static constexpr size_t kMaxFileBytes = size_t(64) << 20;
  /// Checks an opened file before a byte of it is read: the file, not a path that may have
  /// changed since it was checked.  Returns an error message, or "" to go on.
  using OpenedCheck = std::function<std::string(int fd)>;
  /// Reads the regular file `path` and names it `name` (its path as outputs give it);
  /// nullopt (and `error` set) when it cannot be read, fails `check`, is not a regular file
  /// (a FIFO would block, a device never end) or is over kMaxFileBytes.  `error` names the
  /// path, never the contents.
  std::optional<FileId> addFile(const std::string &path, std::string name, std::string *error,
                                const OpenedCheck &check = {});
  /// Same, named by its path.
  std::optional<FileId> addFile(const std::string &path, std::string *error) {
    return addFile(path, path, error);
  }

  /// The buffer's text.  text(file).data()[text(file).size()] is '\0' (a std::string's):
  /// the lexer uses that byte as a sentinel.
  std::string_view text(FileId file) const { return buffers_[file]->text; }
  /// The name the model and the outputs give the buffer: independent of the current
  /// directory and of how the command line spelled the spec.
  const std::string &name(FileId file) const { return buffers_[file]->name; }
  /// The path the buffer was read from, for diagnostics and depfiles: what opens it from
  /// the current directory.  A string buffer's name.
  const std::string &path(FileId file) const { return buffers_[file]->path; }
  size_t size() const { return buffers_.size(); }

  /// Line and column of a byte offset; builds the line table of that buffer on first use.
  LineCol lineCol(FileId file, uint32_t offset) const;

  /// Where the last lookup through it landed; owned by the caller, so the manager stays
  /// read-only after the line tables are built.
  struct LineHint {
    FileId file = ~FileId{0};
    uint32_t lineIndex = 0; ///< 0-based index into the file's line starts.
  };
  /// lineCol for a caller that asks in mostly increasing order (sema, one position per
  /// entity): a galloping search forward from the hint instead of a binary search over a
  /// million line starts, which missed the cache at every step (2% of a 100k-rule compile,
  /// perf).
  LineCol lineCol(FileId file, uint32_t offset, LineHint &hint) const;
  /// The span of the word (an identifier, or else one byte) at a line and column of the
  /// buffer named `name`: a position the model kept, back to a place a diagnostic can show.
  /// nullopt when no buffer has that name or the position is outside it.
  std::optional<Span> spanAt(std::string_view name, unsigned line, unsigned column) const;
  /// The text of the line holding `offset`, without its newline.
  std::string_view lineText(FileId file, uint32_t offset) const;

private:
  struct Buffer {
    std::string name, path;
    std::string text;
    mutable std::vector<uint32_t> lineStarts; // Built lazily.
  };
  const std::vector<uint32_t> &lineStarts(FileId file) const;
  /// Registers `buffer`; returns its id.
  FileId add(std::unique_ptr<Buffer> buffer);

  std::vector<std::unique_ptr<Buffer>> buffers_;
};

} // namespace lockspec
