// The `cxx` backend: C++ capability-annotated wrappers for Clang thread-safety analysis, and
// the spec-derived corpus that proves them rule by rule.
#pragma once

#include <string>
#include <vector>

#include "backend.h"
#include "model.h"

namespace lockspec {

/// Every file of the backend, named relative to the output directory:
///   include/lockspec/runtime.h    attribute macros, lock primitives, runtime validator
///   include/lockspec/mm_locks.h   capability types, objects, C API, guards, operations
///   tests/cxx/corpus/*.cc         clang -verify programs, one per operation / rule family
///   tests/cxx/corpus/unchecked.txt rules clang cannot check, with the validator test for each
std::vector<OutputFile> emitCxx(const Model &model);

} // namespace lockspec
