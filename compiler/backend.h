// What a backend is: a function of the model alone to the files it writes.  Backends include
// this and model.h, never the driver, which only chooses and runs them.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "model.h"

namespace lockspec {

/// One file a backend produces, named relative to the output directory.
struct OutputFile {
  std::string name;
  std::string contents;
};

/// A backend: a name for `--emit` and a function of the model only.
struct Backend {
  const char *name;
  std::vector<OutputFile> (*emit)(const Model &model);
  /// Optional: writes the same single output to a stream as it is produced, for `--emit`
  /// (nullptr: `--emit` prints what `emit` returns).
  void (*stream)(const Model &model, std::ostream &out) = nullptr;
};

} // namespace lockspec
