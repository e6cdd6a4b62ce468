// Diagnostics as data: collected by every stage, printed once in the house format.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "source_manager.h"

namespace lockspec {

enum class Severity { Error, Warning, Note };

/// One message with an optional location; notes attach related places.
struct Diagnostic {
  Severity severity = Severity::Error;
  bool hasSpan = false;
  Span span;
  std::string message;
  std::vector<Diagnostic> notes;
};

/// Collects diagnostics from all stages so that many errors come out of one run.  Nothing in
/// the compiler prints or exits on its own; the driver decides.
class Diagnostics {
public:
  explicit Diagnostics(const SourceManager &sources) : sources_(sources) {}

  /// Reports an error at `span`; returns it so callers can attach notes.
  Diagnostic &error(Span span, std::string message);
  Diagnostic &warning(Span span, std::string message);
  /// An error with no location (I/O failures).
  Diagnostic &error(std::string message);
  /// Adds a note to `diag`.
  static void note(Diagnostic &diag, Span span, std::string message);
  /// Moves `later`'s diagnostics after this one's, as if they had been reported here: a pass
  /// that ran on another thread reports into its own Diagnostics (see Sema).
  void append(Diagnostics &&later);

  bool hadErrors() const { return errorCount_ > 0; }
  unsigned errorCount() const { return errorCount_; }
  unsigned warningCount() const { return warningCount_; }
  const std::deque<Diagnostic> &all() const { return diags_; }

  /// `file:line:col: error: message`, the source line and a caret with tildes over the span;
  /// then the notes in the same form.
  std::string render(const Diagnostic &diag) const;
  /// Every diagnostic, in report order.
  std::string renderAll() const;

  const SourceManager &sources() const { return sources_; }

private:
  void renderOne(const Diagnostic &diag, std::string &out) const;

  const SourceManager &sources_;
  std::deque<Diagnostic> diags_; // Deque: references handed out stay valid.
  unsigned errorCount_ = 0;
  unsigned warningCount_ = 0;
};

const char *toString(Severity severity);

} // namespace lockspec
