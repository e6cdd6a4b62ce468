// The compiler as a library: load a spec, build the model, run backends, write outputs.
// The CLI is a thin main over this; the bindings and tests call it directly.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "backend.h"
#include "diagnostics.h"
#include "model.h"
#include "time_report.h"

namespace lockspec {

/// What loadSpec reports on the way to the model.
struct LoadOptions {
  /// When set, each phase (parse, sema and sema's passes) adds its time here.
  TimeReport *timeReport = nullptr;
  /// The kernel to compile the spec for: an id of kKernels (model.h); see kernel_filter.h.
  std::string_view kernel = kKernels[0].id;
  /// Further directories includes may come from (`-I`), searched in order after the
  /// including file's own directory.
  std::vector<std::string> includeDirs;
};

/// Parses `path` and its includes into `sources` and analyses it.  Errors go to `diags`;
/// nullopt when there was any.
std::optional<Model> loadSpec(const std::string &path, SourceManager &sources, Diagnostics &diags,
                              LoadOptions options = {});

/// Same, for a spec given as a string under a pseudo file name (tests, bindings).  Includes
/// are resolved relative to the current directory.
std::optional<Model> loadSpecFromString(const std::string &name, const std::string &text,
                                        SourceManager &sources, Diagnostics &diags);

/// Every backend, in the order `compile` runs them.
const std::vector<Backend> &backends();

/// Runs the named backends (all when `only` is empty); unknown names are an error in `error`.
std::optional<std::vector<OutputFile>>
runBackends(const Model &model, const std::vector<std::string> &only, std::string *error);

/// Result of comparing or writing outputs.
struct WriteReport {
  std::vector<std::string> changed;  ///< Files that differ (check) or were rewritten (write).
  std::vector<std::string> leftover; ///< Files no output names any more (found, or removed).
  std::vector<std::string> errors;   ///< I/O errors and rejected names.
};

/// Writes each output under `dir` only if its contents changed; with `checkOnly`, writes
/// nothing and lists the stale files.  Names that are absolute or contain ".." are rejected
/// before anything is written.  With `complete` (every backend ran), a file in a directory
/// that outputs are written to but that no output names is a leftover of an older spec (a
/// renamed operation's page): listed, and removed unless `checkOnly`.  Only those directories
/// are looked at, and not below them, so a directory the outputs share with other files is
/// never swept.
WriteReport writeOutputs(const std::string &dir, const std::vector<OutputFile> &outputs,
                         bool checkOnly, bool complete = false);

/// A Make-style depfile: every output depends on every spec file read (`sources`' paths).
std::string depfile(const std::string &dir, const std::vector<OutputFile> &outputs,
                    const SourceManager &sources);

} // namespace lockspec
