#include "source_manager.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

namespace lockspec {

FileId SourceManager::addBuffer(std::string name, std::string text) {
  auto buffer = std::make_unique<Buffer>();
  buffer->name = std::move(name);
  buffer->text = std::move(text);
  buffers_.push_back(std::move(buffer));
  return static_cast<FileId>(buffers_.size() - 1);
}

std::optional<FileId> SourceManager::addFile(const std::string &path, std::string *error) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    *error = "cannot open '" + path + "'";
    return std::nullopt;
  }
  // Read once into a string of the file's size.  Through an ostringstream, a 27 MB spec was
  // grown by doubling and then copied out: ~80 MB of fresh memory, and on the VMs measured
  // here every megabyte first touched costs about a millisecond (issue 3).
  std::string text;
  std::streamoff size = in.tellg();
  if (size >= 0) {
    text.resize(static_cast<size_t>(size));
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (in.gcount() != static_cast<std::streamsize>(size))
      in.setstate(std::ios::badbit);
  } else { // Not seekable (a pipe): read it as it comes.
    in.clear();
    std::ostringstream stream;
    stream << in.rdbuf();
    text = std::move(stream).str();
  }
  if (in.bad()) {
    *error = "cannot read '" + path + "'";
    return std::nullopt;
  }
  return addBuffer(path, std::move(text));
}

const std::vector<uint32_t> &SourceManager::lineStarts(FileId file) const {
  Buffer &buffer = *buffers_[file];
  if (buffer.lineStarts.empty()) {
    buffer.lineStarts.push_back(0);
    // memchr rather than a byte loop: this runs over the whole spec the first time a position
    // is resolved, 3% of a large compile.
    const char *begin = buffer.text.data(), *end = begin + buffer.text.size();
    for (const char *p = begin; (p = static_cast<const char *>(std::memchr(p, '\n', end - p)));)
      buffer.lineStarts.push_back(static_cast<uint32_t>(++p - begin));
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
  if (end > begin && text[end - 1] == '\r')
    --end;
  return text.substr(begin, end - begin);
}

} // namespace lockspec
