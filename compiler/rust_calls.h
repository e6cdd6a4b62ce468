// An operation's call in the generated Rust crate, as its user writes it: shared by the rust
// backend (which emits the function) and the docs (which show the call next to the C++ one), so
// that the parameters the page shows are the ones the crate declares.
#pragma once

#include <string>
#include <vector>

#include "model.h"

namespace lockspec {

/// The Rust call of each alternative of `op`'s requirement, in order, one line each
/// (`ops::install(vma, &pte, &mmap_lock_read_guard);`): roles by name, each guard as a
/// variable named after its type (`MmapLockReadGuard` -> `mmap_lock_read_guard`, suffixed
/// `_at_ROLE` for a lock of another role than the subject), facts as their token
/// (`&irqs_disabled`).  "" for an alternative the crate gives no evidence type; a single call
/// when the requirement has one alternative (it takes no evidence).  Empty when the crate has
/// no function for `op` at all.
std::vector<std::string> rustCalls(const Model &model, const Operation &op);

/// The trait of `ops::` the evidence argument of operation `op` implements (`ZapEvidence`).
std::string rustEvidenceTrait(const std::string &op);

} // namespace lockspec
