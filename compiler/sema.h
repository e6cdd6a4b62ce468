// Semantic analysis: resolves the AST into the immutable Model, normalises every requirement,
// derives the lock-state tables and exclusivity matrices, and reports what is wrong.
#pragma once

#include <optional>

#include "ast.h"
#include "diagnostics.h"
#include "model.h"
#include "time_report.h"

namespace lockspec {

/// How analyze() runs.
struct SemaOptions {
  /// When set, each pass's time is added here.
  TimeReport *timeReport = nullptr;
};

/// Builds the model of `spec`.  Reports every error it finds to `diags`; returns nullopt when
/// there was one (a model is never handed to backends after an error).  The tree's prose (docs,
/// sources, notes) is moved into the model rather than copied, so `spec` is spent afterwards.
std::optional<Model> analyze(ast::Spec &spec, const SourceManager &sources, Diagnostics &diags,
                             const SemaOptions &options = {});

} // namespace lockspec
