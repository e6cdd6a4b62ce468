// The `json` backend: the whole model as JSON, the contract for bindings and tests.
#pragma once

#include <string>

#include "model.h"

namespace lockspec {

/// Serialises `model` (schema: docs/model-json.rst), keys in a fixed order, two-space indent.
std::string emitJson(const Model &model);

} // namespace lockspec
