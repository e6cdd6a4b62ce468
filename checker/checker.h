// `lockspec check`: the spec's lock rules enforced on C sources, one function at a time.
//
// Knows lock calls only from the Model.  See checker/README.md for what it tracks and what it
// cannot know.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "lock_index.h"
#include "summary.h"
#include "ts.h"

namespace lockspec::check {

/// FileId used in spans into the file being checked; whoever renders the findings replaces it
/// with the id the file gets in its SourceManager (spans into the spec keep their ids).
inline constexpr FileId kCheckedFile = 0xffffffffu;

/// One diagnostic with a stable rule id for JSON and SARIF ("missing-lock", ...).
struct Finding {
  std::string rule;
  Diagnostic diag;
  /// For a requirement passed up a call path: the finding it started as.  Reported once per
  /// program, at the first root that reaches it.
  std::string origin;
};

/// Rule ids, with a one-line description each (SARIF's rule metadata).
struct RuleInfo {
  const char *id;
  const char *description;
};
const std::vector<RuleInfo> &rules();

/// A function definition the checker did not analyse, and why.
struct SkippedFunction {
  std::string name;
  uint32_t offset = 0; ///< Byte offset of its first byte in the checked file.
  std::string reason;
};

/// How many function definitions a file has and how many were analysed: no function is lost
/// silently.  Definitions inside code that does not parse at file level are counted by their
/// opening brace in column 0 (kernel style) and listed as skipped with their line.
struct FunctionStats {
  unsigned defined = 0, analysed = 0;
  std::vector<SkippedFunction> skipped;
  void add(const FunctionStats &o) {
    defined += o.defined;
    analysed += o.analysed;
    skipped.insert(skipped.end(), o.skipped.begin(), o.skipped.end());
  }
};

/// The shared, read-only part: the model index.
class Checker {
public:
  Checker(const Model &model, const SourceManager &specSources);
  const LockIndex &index() const { return index_; }

private:
  LockIndex index_;
};

/// A parameter declared with a named struct type (`struct vm_area_struct *vma`): the struct's
/// name and the parameter's declarator.
struct StructParam {
  std::string_view structName;
  ts::Node declarator;
};

/// The struct-typed parameters in a function's declarator, in source order, those of a
/// function-pointer parameter's own parameter list included.
std::vector<StructParam> structParameters(ts::Node declarator);

/// One worker's state: a parser over a shared Checker.  Not thread-safe; use one per thread.
class FileChecker {
public:
  explicit FileChecker(const Checker &checker) : checker_(checker) {}
  /// Every finding in `text`, in source order.  Never fails: code that does not parse gives a
  /// note and is skipped.
  std::vector<Finding> check(std::string text);
  /// The function counts of the last check().
  const FunctionStats &functions() const { return functions_; }

private:
  FunctionStats functions_;
  const Checker &checker_;
  ts::Parser parser_;
};

/// Analyses one function definition (flow.cc); `parameters` are its structParameters().
void checkFunction(const LockIndex &index, ts::Node function, std::string_view name,
                   const std::vector<StructParam> &parameters,
                   std::vector<Finding> &out, const CallContext *ctx = nullptr,
                   FunctionSummary *summary = nullptr);

} // namespace lockspec::check
