#include "source_manager.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lockspec {

SourceManager::Mapping::~Mapping() {
  if (data_)
    munmap(const_cast<void *>(data_), size_);
}

FileId SourceManager::add(std::unique_ptr<Buffer> buffer) {
  buffers_.push_back(std::move(buffer));
  return static_cast<FileId>(buffers_.size() - 1);
}

FileId SourceManager::addBuffer(std::string name, std::string text) {
  auto buffer = std::make_unique<Buffer>();
  buffer->name = std::move(name);
  buffer->owned = std::move(text);
  buffer->text = buffer->owned;
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

std::optional<FileId> SourceManager::addFile(const std::string &path, std::string *error) {
  Fd file{open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  struct stat st {};
  if (file.fd < 0 || fstat(file.fd, &st) != 0) {
    *error = "cannot open '" + path + "'";
    return std::nullopt;
  }
  // A large file is mapped rather than read: its pages come straight from the page cache,
  // where reading copied 27 MB into fresh memory for a 100k-rule spec, and on the VMs
  // measured here every megabyte first touched costs about a millisecond (issue 3).  The
  // bytes after the end of a mapping's last page are zero, which gives the lexer its
  // sentinel; a file that fills its last page has none, so it is read.
  size_t size = static_cast<size_t>(st.st_size);
  size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  if (S_ISREG(st.st_mode) && size >= kMapMinBytes && size % page != 0) {
    void *data = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, file.fd, 0);
    if (data != MAP_FAILED) {
      auto buffer = std::make_unique<Buffer>();
      buffer->name = path;
      buffer->mapping.adopt(data, size);
      buffer->text = std::string_view(static_cast<const char *>(data), size);
      return add(std::move(buffer));
    }
  }
  // Read in pieces until the end: the size is a hint (a pipe has none).
  std::string text(S_ISREG(st.st_mode) ? size : 0, '\0');
  size_t got = 0;
  for (;;) {
    if (got == text.size())
      text.resize(std::max<size_t>(2 * text.size(), 4096));
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
  text.resize(got);
  return addBuffer(path, std::move(text));
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

void SourceManager::indexLines() const {
  for (FileId file = 0; file < buffers_.size(); ++file)
    lineStarts(file);
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
