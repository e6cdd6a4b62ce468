#include "diagnostics.h"

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

Diagnostic &Diagnostics::error(Span span, std::string message) {
  ++errorCount_;
  diags_.push_back({Severity::Error, true, span, std::move(message), {}});
  return diags_.back();
}

Diagnostic &Diagnostics::warning(Span span, std::string message) {
  ++warningCount_;
  diags_.push_back({Severity::Warning, true, span, std::move(message), {}});
  return diags_.back();
}

Diagnostic &Diagnostics::error(std::string message) {
  ++errorCount_;
  diags_.push_back({Severity::Error, false, {}, std::move(message), {}});
  return diags_.back();
}

void Diagnostics::note(Diagnostic &diag, Span span, std::string message) {
  diag.notes.push_back({Severity::Note, true, span, std::move(message), {}});
}

void Diagnostics::append(Diagnostics &&later) {
  for (Diagnostic &d : later.diags_)
    diags_.push_back(std::move(d));
  errorCount_ += later.errorCount_;
  warningCount_ += later.warningCount_;
  later.diags_.clear();
  later.errorCount_ = later.warningCount_ = 0;
}

void Diagnostics::renderOne(const Diagnostic &diag, std::string &out) const {
  if (!diag.hasSpan) {
    out += "lockspec: ";
    out += toString(diag.severity);
    out += ": " + diag.message + "\n";
    return;
  }
  LineCol lc = sources_.lineCol(diag.span.file, diag.span.begin);
  out += sources_.name(diag.span.file) + ":" + std::to_string(lc.line) + ":" +
         std::to_string(lc.column) + ": " + toString(diag.severity) + ": " + diag.message + "\n";
  std::string_view line = sources_.lineText(diag.span.file, diag.span.begin);
  out += line;
  out += "\n";
  // Caret under the first byte, tildes over the rest of the span on this line.  Tabs in the
  // source line are kept so the caret lines up in a terminal.
  std::string marker;
  unsigned col = lc.column - 1;
  for (unsigned i = 0; i < col && i < line.size(); ++i)
    marker += line[i] == '\t' ? '\t' : ' ';
  marker += '^';
  uint32_t lineEnd = diag.span.begin - col + static_cast<uint32_t>(line.size());
  uint32_t end = std::min(diag.span.end, lineEnd);
  for (uint32_t i = diag.span.begin + 1; i < end; ++i)
    marker += '~';
  out += marker + "\n";
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
