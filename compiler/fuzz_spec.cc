// libFuzzer target over lexer + parser + sema: any byte string must yield diagnostics or a
// model, never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cxx_backend.h"
#include "json_backend.h"
#include "parser.h"
#include "sema.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lockspec::SourceManager sources;
  lockspec::Diagnostics diags(sources);
  lockspec::FileId file =
      sources.addBuffer("fuzz.rules", std::string(reinterpret_cast<const char *>(data), size));
  // Includes are refused: a fuzzed path must not read the machine's files.
  lockspec::Parser parser(sources, diags,
                          [&](lockspec::FileId, const std::string &, lockspec::Span span) {
                            diags.error(span, "includes are disabled while fuzzing");
                            return std::optional<lockspec::FileId>();
                          });
  lockspec::ast::Spec spec;
  parser.parseFile(file, spec);
  if (!diags.hadErrors())
    if (auto model = lockspec::analyze(spec, sources, diags)) {
      (void)lockspec::emitJson(*model); // Backends must accept whatever sema accepts.
      (void)lockspec::emitCxx(*model);
    }
  (void)diags.renderAll(); // Rendering walks every span: it must stay in bounds.
  return 0;
}
