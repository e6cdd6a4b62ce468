// libFuzzer target over the checker: any bytes as a C file must yield findings (or none),
// never a crash, hang or sanitizer report, and every finding must render in all formats.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "checker.h"
#include "driver.h"
#include "report.h"

namespace {

struct Loaded {
  lockspec::SourceManager sources;
  std::optional<lockspec::Model> model;
  std::unique_ptr<lockspec::check::Checker> checker;
};

Loaded &loaded() {
  static Loaded *l = [] {
    auto *l = new Loaded;
    lockspec::Diagnostics diags(l->sources);
    l->model = lockspec::loadSpec(LOCKSPEC_SOURCE_DIR "/rules/mm.rules", l->sources, diags);
    if (!l->model)
      __builtin_trap();
    l->checker = std::make_unique<lockspec::check::Checker>(*l->model, l->sources);
    return l;
  }();
  return *l;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Loaded &l = loaded();
  static lockspec::check::FileChecker fc(*l.checker);
  std::string text(reinterpret_cast<const char *>(data), size);
  std::vector<lockspec::check::FileResult> results(1);
  results[0].path = "fuzz.c";
  results[0].text = text;
  results[0].findings = fc.check(std::move(text));
  // Rendering walks every span; a copy of the spec's SourceManager is not possible, so each
  // run renders into a fresh one holding only the checked file (spec notes are dropped).
  for (auto &f : results[0].findings)
    std::erase_if(f.diag.notes, [](const lockspec::Diagnostic &n) {
      return n.span.file != lockspec::check::kCheckedFile;
    });
  for (auto format : {lockspec::check::Format::Text, lockspec::check::Format::Json,
                      lockspec::check::Format::Sarif}) {
    auto copy = results;
    lockspec::SourceManager sources;
    (void)lockspec::check::render(format, copy, sources);
  }
  return 0;
}
