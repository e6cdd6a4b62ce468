// Diagnostics as data: collected by every stage, printed once in the house format.
#pragma once

#include <deque>
#include <iosfwd>
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
///
/// A hostile input (a megabyte of junk) must not turn into a megabyte of errors: after
/// errorLimit() errors, one more without a location says so, later errors are dropped, and
/// stopped() tells the stages to give up (the lexer then reports the end of the file).
class Diagnostics {
public:
  /// Errors kept before stopping, as clang's -ferror-limit; 0 means no limit.
  static constexpr unsigned kDefaultErrorLimit = 20;
  /// At most this many bytes of a source line are shown, around the caret.
  static constexpr size_t kMaxExcerpt = 160;

  explicit Diagnostics(const SourceManager &sources) : sources_(sources) {}

  void setErrorLimit(unsigned limit) { errorLimit_ = limit; }
  unsigned errorLimit() const { return errorLimit_; }
  /// True once the error limit was reached: the run's outcome is known, so stop working.
  bool stopped() const { return stopped_; }

  /// Reports an error at `span`; returns it so callers can attach notes.
  Diagnostic &error(Span span, std::string message);
  Diagnostic &warning(Span span, std::string message);
  /// An error with no location (I/O failures).
  Diagnostic &error(std::string message);
  /// Adds a note to `diag`.
  static void note(Diagnostic &diag, Span span, std::string message);

  bool hadErrors() const { return errorCount_ > 0; }
  unsigned errorCount() const { return errorCount_; }
  unsigned warningCount() const { return warningCount_; }
  const std::deque<Diagnostic> &all() const { return diags_; }

  /// `file:line:col: error: message`, the source line and a caret with tildes over the span;
  /// then the notes in the same form.
  std::string render(const Diagnostic &diag) const;
  /// Every diagnostic, in report order.
  std::string renderAll() const;
  /// Writes every diagnostic to `out`, one at a time (the CLI's stderr).
  void print(std::ostream &out) const;

  const SourceManager &sources() const { return sources_; }

private:
  void renderOne(const Diagnostic &diag, std::string &out) const;
  /// Stores `diag` unless the limit was reached (then a scratch slot takes it, so callers
  /// may still attach notes).
  Diagnostic &report(Diagnostic diag);
  /// Whether `next` repeats `last` at the same place or on the bytes right after it (blanks
  /// between allowed).
  bool extends(const Diagnostic &last, const Diagnostic &next) const;

  const SourceManager &sources_;
  std::deque<Diagnostic> diags_; // Deque: references handed out stay valid.
  Diagnostic dropped_; // Receives what comes after the limit.
  unsigned errorCount_ = 0;
  unsigned warningCount_ = 0;
  unsigned errorLimit_ = kDefaultErrorLimit;
  bool stopped_ = false;
};

const char *toString(Severity severity);

} // namespace lockspec
