// Checking many files in parallel: one FileChecker (parser) per worker thread.
#pragma once

#include <string>
#include <vector>

#include "report.h"

namespace lockspec::check {

struct RunOptions {
  unsigned jobs = 1;     ///< Worker threads (at least 1).
  bool progress = false; ///< A "[n/total] file" line on stderr, rewritten in place.
};

/// Reads and checks every file of `paths`; results come back in the order of `paths`.  Files
/// that cannot be read are listed in `ioErrors` ("cannot open 'x.c'") and give no result.
std::vector<FileResult> checkFiles(const Checker &checker, const std::vector<std::string> &paths,
                                   const RunOptions &options, std::vector<std::string> &ioErrors);

/// Checks `files` (each with its path and text; the path names it in call paths) as one
/// program, as checkFiles does once it has read them: parsed on `options.jobs` threads, then
/// analysed callees first (program.h).  Fills in each file's findings and function counts.
void checkTexts(const Checker &checker, std::vector<FileResult> &files, const RunOptions &options);

} // namespace lockspec::check
