#include "diagnostics.h"

#include <algorithm>
#include <ostream>

namespace lockspec {

const char *toString(Severity severity) {
  switch (severity) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "?";
}

bool Diagnostics::extends(const Diagnostic &last, const Diagnostic &next) const {
  if (!last.hasSpan || !next.hasSpan || last.severity != next.severity ||
      last.span.file != next.span.file || !last.notes.empty() || last.message != next.message)
    return false;
  if (next.span.begin == last.span.begin && next.span.end == last.span.end)
    return true; // The same error at the same place, from two passes: once is enough.
  if (next.span.begin < last.span.end)
    return false;
  std::string_view gap = sources_.text(last.span.file)
                             .substr(last.span.end, next.span.begin - last.span.end);
  return gap.find_first_not_of(" \t") == std::string_view::npos;
}

Diagnostic &Diagnostics::report(Diagnostic diag) {
  bool isError = diag.severity == Severity::Error;
  if (stopped_) {
    dropped_ = std::move(diag);
    return dropped_;
  }
  if (Diagnostic *last = diags_.empty() ? nullptr : &diags_.back(); last && extends(*last, diag)) {
    last->span.end = diag.span.end; // A run of the same error is one error over the run.
    return *last;
  }
  if (isError && errorLimit_ != 0 && errorCount_ == errorLimit_) {
    stopped_ = true;
    diags_.push_back({Severity::Error, false, {}, "too many errors; stopping after " +
                      std::to_string(errorLimit_) + " (--error-limit=N changes the limit, 0 for none)", {}});
    dropped_ = std::move(diag);
    return dropped_;
  }
  ++(isError ? errorCount_ : warningCount_);
  diags_.push_back(std::move(diag));
  return diags_.back();
}

Diagnostic &Diagnostics::error(Span span, std::string message) {
  return report({Severity::Error, true, span, std::move(message), {}});
}

Diagnostic &Diagnostics::warning(Span span, std::string message) {
  return report({Severity::Warning, true, span, std::move(message), {}});
}

Diagnostic &Diagnostics::error(std::string message) {
  return report({Severity::Error, false, {}, std::move(message), {}});
}

void Diagnostics::note(Diagnostic &diag, Span span, std::string message) {
  diag.notes.push_back({Severity::Note, true, span, std::move(message), {}});
}

namespace {

/// Whether `c` continues a UTF-8 sequence (so an excerpt must not start or end before it).
bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

void Diagnostics::renderOne(const Diagnostic &diag, std::string &out) const {
  if (!diag.hasSpan) {
    out += "lockspec: ";
    out += toString(diag.severity);
    out += ": " + diag.message + "\n";
    return;
  }
  LineCol lc = sources_.lineCol(diag.span.file, diag.span.begin);
  out += sources_.path(diag.span.file) + ":" + std::to_string(lc.line) + ":" +
         std::to_string(lc.column) + ": " + toString(diag.severity) + ": " + diag.message + "\n";
  std::string_view line = sources_.lineText(diag.span.file, diag.span.begin);
  size_t col = lc.column - 1;
  // A window of the line around the caret: a spec line of junk can be a megabyte long.
  size_t from = 0, to = line.size();
  if (line.size() > kMaxExcerpt) {
    from = col > kMaxExcerpt / 2 ? col - kMaxExcerpt / 2 : 0;
    from = std::min(from, line.size() - kMaxExcerpt);
    to = from + kMaxExcerpt;
    while (from < col && continuation(line[from]))
      ++from;
    while (to < line.size() && to > col + 1 && continuation(line[to]))
      --to;
  }
  std::string excerpt = from > 0 ? "..." : "";
  // Control bytes (a NUL, a lone CR) would garble a terminal; tabs stay so the caret lines up.
  for (char c : line.substr(from, to - from)) {
    unsigned char byte = static_cast<unsigned char>(c);
    excerpt += (byte < 0x20 && c != '\t') || byte == 0x7f ? '?' : c;
  }
  std::string marker = from > 0 ? "   " : "";
  for (size_t i = from; i < col && i < to; ++i)
    marker += line[i] == '\t' ? '\t' : ' ';
  marker += '^';
  uint32_t windowEnd = diag.span.begin + static_cast<uint32_t>(to > col ? to - col : 0);
  uint32_t end = std::min(diag.span.end, windowEnd);
  for (uint32_t i = diag.span.begin + 1; i < end; ++i)
    marker += '~';
  if (to < line.size())
    excerpt += "...";
  out += excerpt + "\n" + marker + "\n";
}

std::string Diagnostics::render(const Diagnostic &diag) const {
  std::string out;
  renderOne(diag, out);
  for (const Diagnostic &note : diag.notes)
    renderOne(note, out);
  return out;
}

std::string Diagnostics::renderAll() const {
  std::string out;
  for (const Diagnostic &diag : diags_)
    out += render(diag);
  return out;
}

} // namespace lockspec

namespace lockspec {

void Diagnostics::print(std::ostream &out) const {
  std::string text;
  for (const Diagnostic &diag : diags_) {
    text.clear();
    renderOne(diag, text);
    for (const Diagnostic &note : diag.notes)
      renderOne(note, text);
    out << text;
  }
}

} // namespace lockspec
