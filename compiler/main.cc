// lockspec: compile a locking spec into docs, wrappers and a model.
//
// Exit status: 0 ok; 1 spec errors or stale outputs (--check), or findings (check); 2 usage or
// I/O errors.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "driver.h"
#include "json_backend.h"
#include "spec_root.h"
#ifdef LOCKSPEC_HAVE_MIMALLOC
#include <mimalloc.h>
#endif
#ifdef LOCKSPEC_HAVE_CHECKER
#include "check_command.h"
#endif

/// Exits without destroying main's locals.  A large spec's model is millions of small
/// allocations, and freeing them one by one took 7% of a 100k-rule compile just before the
/// process ends and the OS takes the pages back at once (clang's -disable-free, for the same
/// reason).  std::exit still flushes the standard streams.
[[noreturn]] static void leaveWithoutFreeing(int code) {
  std::cout.flush();
  std::exit(code);
}

/// Which malloc the process runs on, for --time-report: figures depend on it.
static std::string allocatorName() {
#ifdef LOCKSPEC_HAVE_MIMALLOC
  // Calling into mimalloc also keeps the linker from dropping it as unneeded.
  int version = mi_version();
  return "mimalloc " + std::to_string(version / 100) + "." + std::to_string(version / 10 % 10) +
         "." + std::to_string(version % 10);
#else
  return "system malloc";
#endif
}

int main(int argc, char **argv) {
#ifdef LOCKSPEC_HAVE_MIMALLOC
  // 2 MiB pages for the heap where the kernel offers transparent huge pages: a 100k-rule
  // compile touches ~300 MB of fresh memory, and on the VMs measured here faulting it in
  // 4 KiB at a time was a quarter of the run (sys time 0.39 s against 0.26 s, wall median
  // 1.10 s against 0.97 s; bench/README.md, issue 3).  A default only: MIMALLOC_LARGE_OS_PAGES
  // in the environment still decides.
  mi_option_set_enabled_default(mi_option_large_os_pages, true);
#endif
  CLI::App app{"lockspec: Linux mm locking rules as code"};
  app.require_subcommand(1);
  CLI::App *compile =
      app.add_subcommand("compile", "check a spec and write every backend's output");
  std::string input, outDir, emit, depPath;
  bool check = false, timeReport = false;
  unsigned jobs = 0;
  unsigned errorLimit = lockspec::Diagnostics::kDefaultErrorLimit;
  std::vector<std::string> only;
  compile->add_option("spec", input, "the root .rules file")->required();
  compile->add_option("-o,--output", outDir, "output directory (generated/)");
  compile->add_option("--emit", emit, "print one backend's output to stdout instead (json)");
  compile->add_option("--backend", only, "run only these backends");
  compile->add_flag("--check", check, "write nothing; exit 1 naming outputs that are stale");
  compile->add_option("-d,--depfile", depPath, "write a Make-style depfile");
  compile->add_option("-j,--jobs", jobs,
                      "threads to parse, analyse and --emit with (at most 2 are used); 0, the "
                      "default, uses 2 on a large spec");
  compile->add_option("--error-limit", errorLimit,
                      "stop after this many errors (0: no limit); default " +
                          std::to_string(lockspec::Diagnostics::kDefaultErrorLimit));
  compile->add_flag("--time-report", timeReport,
                    "print each phase's wall time, CPU time and peak memory to stderr");
#ifdef LOCKSPEC_HAVE_CHECKER
  lockspec::check::CheckCommand checkCommand(app);
#endif
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
#ifdef LOCKSPEC_HAVE_CHECKER
  if (checkCommand.selected())
    return checkCommand.run();
#endif
  if (emit.empty() && outDir.empty()) {
    std::cerr << "lockspec: error: give -o DIR or --emit=BACKEND\n";
    return 2;
  }

  lockspec::SourceManager sources;
  lockspec::Diagnostics diags(sources);
  diags.setErrorLimit(errorLimit);
  // The process ends right after the backends: skip freeing the syntax tree (see LoadOptions).
  lockspec::TimeReport report;
  lockspec::TimeReport *timing = timeReport ? &report : nullptr;
  // Every exit below prints the report first, so a failed or partial run is timed too.
  auto leave = [&](int code) {
    if (timing)
      std::cerr << report.render() << "  allocator: " << allocatorName() << "\n";
    leaveWithoutFreeing(code);
  };
  input = lockspec::spelledFromCurrentDirectory(input); // Outputs carry this spelling.
  auto model = lockspec::loadSpec(input, sources, diags,
                                  {.freeScratch = false, .timeReport = timing, .threads = jobs});
  diags.print(std::cerr);
  if (!model) {
    bool io = !diags.all().empty() && !diags.all().front().hasSpan;
    if (!io)
      std::cerr << diags.errorCount() << " error" << (diags.errorCount() == 1 ? "" : "s")
                << " generated; nothing written\n";
    leave(io ? 2 : 1);
  }

  std::string error;
  if (!emit.empty()) {
    for (const lockspec::Backend &b : lockspec::backends())
      if (emit == b.name && b.stream) {
        {
          lockspec::TimeReport::Scope t(timing, "emit");
          b.stream(*model, std::cout, jobs);
          std::cout.flush();
        }
        leave(0);
      }
    std::optional<std::vector<lockspec::OutputFile>> outputs;
    {
      lockspec::TimeReport::Scope t(timing, "emit");
      outputs = lockspec::runBackends(*model, {emit}, &error);
    }
    if (!outputs) {
      std::cerr << "lockspec: error: " << error << "\n";
      leave(2);
    }
    for (const auto &f : *outputs)
      std::cout << f.contents;
    leave(0);
  }
  std::optional<std::vector<lockspec::OutputFile>> outputs;
  {
    lockspec::TimeReport::Scope t(timing, "emit");
    outputs = lockspec::runBackends(*model, only, &error);
  }
  if (!outputs) {
    std::cerr << "lockspec: error: " << error << "\n";
    leave(2);
  }
  lockspec::WriteReport written;
  {
    lockspec::TimeReport::Scope t(timing, "write");
    written = lockspec::writeOutputs(outDir, *outputs, check);
  }
  for (const auto &e : written.errors)
    std::cerr << "lockspec: error: " << e << "\n";
  if (!written.errors.empty())
    leave(2);
  if (!depPath.empty() && !check) {
    std::ofstream dep(depPath);
    dep << lockspec::depfile(outDir, *outputs, *model);
    if (!dep) {
      std::cerr << "lockspec: error: cannot write '" << depPath << "'\n";
      leave(2);
    }
  }
  if (check && !written.changed.empty()) {
    for (const auto &f : written.changed)
      std::cerr << "lockspec: stale: " << f << "\n";
    std::cerr << "lockspec: generated files are stale; run ./build.sh\n";
    leave(1);
  }
  leave(0);
}
