// The `json` backend: the whole model as JSON, the contract for bindings and tests.
#pragma once

#include <iosfwd>
#include <string>

#include "model.h"

namespace lockspec {

/// Serialises `model` (schema: docs/model-json.rst), keys in a fixed order, two-space indent.
std::string emitJson(const Model &model);

/// Same text, written to `out` as it is produced rather than built whole in memory (the CLI's
/// `--emit=json`: a large spec's model is hundreds of megabytes).
void emitJson(const Model &model, std::ostream &out);

} // namespace lockspec
