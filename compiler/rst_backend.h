// The `rst` backend: the docs site's pages, in the shape and voice of the kernel's
// Documentation/mm/process_addrs.rst, rendered from the model alone.
//
// Every page remembers, line by line, which spec position it came from, so the Sphinx
// extension (through the bindings) can report RST problems at rules/ locations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "backend.h"
#include "model.h"

namespace lockspec {

/// RST text with the spec position of every line.
struct RstText {
  std::vector<std::string> lines;
  std::vector<SourcePos> origins; ///< One per line: where in rules/ the line comes from.

  /// The lines joined with newlines (a final newline included when not empty).
  std::string text() const;
};

/// One page of the site.
struct RstPage : RstText {
  std::string name;  ///< Docname relative to the site's generated root: "operations/zap".
  std::string title; ///< The page's title.
};

/// Every page: "process_addrs" (the main page), "locks" (lock classes, groups, named
/// requirements, facts), "objects" (every field in full), "topics/index" and "topics/<topic>" for
/// each topic the main page does not use, "operations/index" and "operations/<operation>".
std::vector<RstPage> renderRstPages(const Model &model);

/// The page named `name`, or nullopt when there is none.
std::optional<RstPage> renderRstPage(const Model &model, const std::string &name);

/// The standalone body of one operation (title level `=` over and under), or nullopt.
std::optional<RstText> renderRstOperation(const Model &model, const std::string &operation);

/// One `.. table::` of an object's fields with the given caption, or nullopt when the object
/// has no such table.
std::optional<RstText> renderRstFieldTable(const Model &model, const std::string &object,
                                           const std::string &caption);

/// The `.. graphviz::` block of the lock-order graph.
RstText renderRstOrderGraph(const Model &model);

/// DOT of the enforced lock order: one node per lock, one edge per parent-child pair of an
/// enforced order tree.
std::string orderGraphDot(const Model &model);

/// DOT of what an operation requires: the operation, its alternatives and their atoms.
std::string operationGraphDot(const Model &model, const Operation &op);

/// How a requirement reads in a table cell: alternatives joined by "or", atoms by commas.
std::string describeRequirement(const Requirement &req);

/// The backend: each page as `docs/<name>.rst` under a "do not edit" banner.
std::vector<OutputFile> emitRst(const Model &model);

} // namespace lockspec
