// Which names a spec may declare: every declared name becomes an identifier or a file name
// in some backend's output.
#pragma once

#include <string_view>

#include "ast.h"
#include "diagnostics.h"

namespace lockspec {

/// Why `name` cannot name a `what` ("operation", "lock", ...), or "" when it can.  Names
/// that are keywords in C++ or Rust, or that C++ reserves, are refused everywhere: the C++
/// backend emits them as identifiers and a Rust backend will, and one rule for every kind of
/// name is simpler to state than a mangling per backend.  Operations and topics get a docs
/// page each, beside the section's `index` page.
std::string reservedNameReason(std::string_view what, std::string_view name);

/// Reports every declared name of `spec` that reservedNameReason refuses, at the name.
void checkNames(const ast::Spec &spec, Diagnostics &diags);

} // namespace lockspec
