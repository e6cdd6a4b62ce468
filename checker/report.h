// Rendering `lockspec check` results: the compiler's text format, JSON, or SARIF 2.1.0.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checker.h"

namespace lockspec::check {

enum class Format { Text, Json, Sarif };

/// The outcome of checking one file.
struct FileResult {
  std::string path;
  std::string text; ///< The file's bytes (moved into the SourceManager when rendering).
  std::vector<Finding> findings;
  FunctionStats functions;
};

/// Counts that decide the exit status: errors and warnings are findings, notes are not.
struct Summary {
  unsigned errors = 0, warnings = 0, notes = 0;
  bool hasFindings() const { return errors + warnings > 0; }
};
Summary summarize(const std::vector<FileResult> &results);

/// "functions analysed: A of D" over all results, then one line per skipped definition
/// ("  file:line: name: reason"), for stderr on every run.
std::string coverageReport(const std::vector<FileResult> &results);

/// Renders every finding.  `sources` holds the spec the model came from (spans in notes point
/// into it); each checked file is added to it and spans into kCheckedFile are rewritten.
std::string render(Format format, std::vector<FileResult> &results, SourceManager &sources);

/// `text` as a JSON string literal; bytes that are not UTF-8 become U+FFFD.
std::string jsonString(std::string_view text);

} // namespace lockspec::check
