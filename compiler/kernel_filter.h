// The kernel filter: keeps what holds for the target kernel and records what is versioned.
//
// A spec covers the kernels of kKernels (model.h).  An entity, API function, field rule or
// operation API name marked `kernel "ID"` holds for that kernel only; everything unmarked holds
// for all.  Before sema, the filter removes from the tree whatever does not hold for the
// target, so two declarations of one name for different kernels never meet, and lists every
// marked item (kept or removed) for the model, the JSON and the docs.
#pragma once

#include <string_view>
#include <vector>

#include "ast.h"
#include "diagnostics.h"
#include "model.h"
#include "source_manager.h"

namespace lockspec {

/// Removes from `spec` what does not hold for kernel `target` (an id of kKernels) and returns
/// every item marked with a kernel.  An unknown kernel id in the spec is an error in `diags`.
std::vector<VersionedRule> filterForKernel(ast::Spec &spec, std::string_view target,
                                           const SourceManager &sources, Diagnostics &diags);

} // namespace lockspec
