// The `json` backend: the whole model as JSON, the contract for bindings and tests.
#pragma once

#include <iosfwd>
#include <string>

#include "model.h"

namespace lockspec {

/// How emitJson shared its work: the model's arrays are written in runs of items ("chunks"),
/// each by whichever thread takes it first.
struct JsonStats {
  size_t chunks = 0;           ///< Chunks in the model.
  size_t bySecondThread = 0;   ///< Chunks the second thread wrote.
  size_t heldByThisThread = 0; ///< Chunks this thread wrote ahead while the next was not done.
};

/// Serialises `model` (schema: docs/model-json.rst), keys in a fixed order, two-space indent.
/// `threads` as LoadOptions::threads: 0 lets a large model use a second thread, 1 never does;
/// the text is the same.
std::string emitJson(const Model &model, unsigned threads = 0, JsonStats *stats = nullptr);

/// Same text, written to `out` as it is produced rather than built whole in memory (the CLI's
/// `--emit=json`: a large spec's model is hundreds of megabytes).
void emitJson(const Model &model, std::ostream &out, unsigned threads = 0);

} // namespace lockspec
