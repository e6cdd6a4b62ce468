// The rust backend: a cargo package of type-state stubs (generated/rust/) in which holding the
// right guard is the only way to call an operation and taking locks out of the spec's order
// does not type-check; plus the spec-derived compile-fail corpus that shows it.
#pragma once

#include <string>
#include <vector>

#include "backend.h"
#include "model.h"
#include "code_text.h"

namespace lockspec {

/// Every file of the crate (`rust/Cargo.toml`, `rust/src/*.rs`) and its corpus
/// (`rust/corpus/*.rs`, `rust/corpus/unexpressed.txt`), named relative to the output directory.
std::vector<OutputFile> emitRust(const Model &model);

namespace rust {


/// One `impl LockAfter<before> for after` and why it holds.
struct OrderPair {
  std::string before, after;
  std::string why; ///< For the `// SAFETY:` comment.
};

/// The explicit transitive closure of the enforced order over lock classes: every (before,
/// after) pair, sorted, each once; plus the self pairs of classes an operation holds twice.
std::vector<OrderPair> orderClosure(const Model &model);

} // namespace rust
} // namespace lockspec
