// libFuzzer target over the whole compile: lexer, parser, name rules, sema, cross-checks,
// every backend and the driver's output writer.  Any byte string must yield diagnostics or
// written outputs, never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "driver.h"
#include "names.h"
#include "parser.h"
#include "sema.h"
#include "sema_checks.h"

namespace {

/// A directory of this process's own for the writer, removed when the process ends.
struct OutputDir {
  std::string path;
  OutputDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "lockspec-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()))
      path = pattern;
  }
  ~OutputDir() {
    std::error_code ec;
    if (!path.empty())
      std::filesystem::remove_all(path, ec);
  }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static OutputDir out;
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
  lockspec::checkNames(spec, diags);
  if (!diags.hadErrors())
    if (auto model = lockspec::analyze(spec, sources, diags)) {
      lockspec::crossCheck(*model, sources, diags);
      // Backends must accept whatever sema accepts, and the writer whatever they produce.
      std::string error;
      if (auto outputs = lockspec::runBackends(*model, {}, &error); outputs && !out.path.empty())
        (void)lockspec::writeOutputs(out.path, *outputs, false);
    }
  (void)diags.renderAll(); // Rendering walks every span: it must stay in bounds.
  return 0;
}
