// Text the code backends (C++ and Rust) derive from the spec: type names and one-line doc
// comments.
#pragma once

#include <string>
#include <string_view>

namespace lockspec {

/// `vma_lock` -> `VmaLock`: the type name both code backends derive from a spec name.
std::string pascalCase(std::string_view snake);

/// The first paragraph of an RST body as one line for a doc comment: roles reduced to their
/// content, double backquotes to single, line breaks and runs of spaces to one space.
std::string prose(const std::string &rst);

} // namespace lockspec
