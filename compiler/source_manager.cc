#include "source_manager.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lockspec {

FileId SourceManager::add(std::unique_ptr<Buffer> buffer) {
  buffers_.push_back(std::move(buffer));
  return static_cast<FileId>(buffers_.size() - 1);
}

FileId SourceManager::addBuffer(std::string name, std::string text) {
  auto buffer = std::make_unique<Buffer>();
  buffer->path = name;
  buffer->name = std::move(name);
  buffer->text = std::move(text);
  return add(std::move(buffer));
}

namespace {

/// Closes a file descriptor on every way out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0)
      close(fd);
  }
};

} // namespace

std::optional<FileId> SourceManager::addFile(const std::string &path, std::string name,
                                             std::string *error, const OpenedCheck &check) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  Fd file{open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  struct stat st {};
  if (file.fd < 0 || fstat(file.fd, &st) != 0) {
    *error = "cannot open '" + path + "'";
    return std::nullopt;
  }
  if (check) {
    *error = check(file.fd);
    if (!error->empty())
      return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    *error = "'" + path + "' is not a regular file";
    return std::nullopt;
  }
  size_t size = static_cast<size_t>(st.st_size);
  if (size > kMaxFileBytes) {
    *error = "'" + path + "' is larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB";
    return std::nullopt;
  }
  // One byte more than the size, to see a file that grew since fstat.
  std::string text(size + 1, '\0');
  size_t got = 0;
  while (got < text.size()) {
    ssize_t n = read(file.fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      *error = "cannot read '" + path + "'";
      return std::nullopt;
    }
    if (n == 0)
      break;
    got += static_cast<size_t>(n);
  }
  if (got > size) {
    *error = "'" + path + "' changed while it was read";
    return std::nullopt;
  }
  text.resize(got);
  FileId id = addBuffer(std::move(name), std::move(text));
  buffers_[id]->path = path;
  return id;
}

const std::vector<uint32_t> &SourceManager::lineStarts(FileId file) const {
  Buffer &buffer = *buffers_[file];
  if (buffer.lineStarts.empty()) {
    // A line ends at LF, CRLF or a lone CR, as the lexer sees it.
    buffer.lineStarts.push_back(0);
    std::string_view text = buffer.text;
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
        buffer.lineStarts.push_back(static_cast<uint32_t>(i + 1));
  }
  return buffer.lineStarts;
}

LineCol SourceManager::lineCol(FileId file, uint32_t offset) const {
  const auto &starts = lineStarts(file);
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  unsigned line = static_cast<unsigned>(it - starts.begin());
  return {line, offset - starts[line - 1] + 1};
}

LineCol SourceManager::lineCol(FileId file, uint32_t offset, LineHint &hint) const {
  const auto &starts = lineStarts(file);
  size_t line = hint.file == file ? hint.lineIndex : 0;
  if (line >= starts.size() || starts[line] > offset) {
    LineCol lc = lineCol(file, offset); // Backwards: an ordinary binary search.
    hint = {file, lc.line - 1};
    return lc;
  }
  // Gallop forward from the hint (1, 2, 4 ... lines) until a line starts past `offset`, then
  // binary-search that bracket: a few steps, near the last lookup, for a position a little
  // further on, which is how sema walks a spec.
  size_t low = line, step = 1, high = line + 1;
  while (high < starts.size() && starts[high] <= offset) {
    low = high;
    step *= 2;
    high = low + step;
  }
  high = std::min(high, starts.size());
  // starts[low] <= offset, and starts[high] > offset or high is the end.
  auto it = std::upper_bound(starts.begin() + static_cast<std::ptrdiff_t>(low) + 1,
                             starts.begin() + static_cast<std::ptrdiff_t>(high), offset);
  size_t index = static_cast<size_t>(it - starts.begin()) - 1;
  hint = {file, static_cast<uint32_t>(index)};
  return {static_cast<unsigned>(index + 1), offset - starts[index] + 1};
}

std::optional<Span> SourceManager::spanAt(std::string_view name, unsigned line,
                                          unsigned column) const {
  for (FileId file = 0; file < buffers_.size(); ++file) {
    if (buffers_[file]->name != name)
      continue;
    const auto &starts = lineStarts(file);
    std::string_view text = buffers_[file]->text;
    if (line == 0 || line > starts.size() || column == 0)
      return std::nullopt;
    size_t begin = size_t(starts[line - 1]) + column - 1;
    if (begin >= text.size())
      return std::nullopt;
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    size_t end = begin + 1;
    while (word(text[begin]) && end < text.size() && word(text[end]))
      ++end;
    return Span{file, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  }
  return std::nullopt;
}

std::string_view SourceManager::lineText(FileId file, uint32_t offset) const {
  const auto &starts = lineStarts(file);
  std::string_view text = this->text(file);
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  uint32_t begin = *(it - 1);
  uint32_t end = it == starts.end() ? static_cast<uint32_t>(text.size()) : *it - 1;
  if (end > begin && text[end - 1] == '\r') // CRLF: the line break is the LF.
    --end;
  return text.substr(begin, end - begin);
}

} // namespace lockspec
