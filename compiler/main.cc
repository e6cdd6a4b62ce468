// lockspec: compile a locking spec into docs, wrappers and a model.
//
// Exit status: 0 ok; 1 spec errors or stale outputs (--check), or findings (check); 2 usage or
// I/O errors.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "driver.h"
#include "json_backend.h"
#ifdef LOCKSPEC_HAVE_CHECKER
#include "check_command.h"
#endif

int main(int argc, char **argv) {
  CLI::App app{"lockspec: Linux mm locking rules as code"};
  app.require_subcommand(1);
  CLI::App *compile =
      app.add_subcommand("compile", "check a spec and write every backend's output");
  std::string input, outDir, emit, depPath;
  bool check = false, timeReport = false;
  unsigned errorLimit = lockspec::Diagnostics::kDefaultErrorLimit;
  std::vector<std::string> only, includeDirs;
  compile->add_option("spec", input, "the root .rules file")->required();
  compile->add_option("-I,--include-dir", includeDirs,
                      "a further directory includes may come from, searched after the "
                      "including file's own");
  compile->add_option("-o,--output", outDir, "output directory (generated/)");
  compile->add_option("--emit", emit, "print one backend's output to stdout instead (json)");
  compile->add_option("--backend", only, "run only these backends");
  compile->add_flag("--check", check, "write nothing; exit 1 naming outputs that are stale");
  compile->add_option("-d,--depfile", depPath, "write a Make-style depfile");
  compile->add_option("--error-limit", errorLimit,
                      "stop after this many errors (0: no limit); default " +
                          std::to_string(lockspec::Diagnostics::kDefaultErrorLimit));
  compile->add_flag("--time-report", timeReport,
                    "print each phase's wall time, CPU time and peak memory to stderr");
  std::string kernel(lockspec::kKernels[0].id);
  std::string kernels;
  for (const lockspec::Kernel &k : lockspec::kKernels)
    kernels += std::string(kernels.empty() ? "" : ", ") + std::string(k.id) + " (" +
               std::string(k.title) + ")";
  compile->add_option("--kernel", kernel,
                      "the kernel to compile the spec for: " + kernels + "; default " +
                          std::string(lockspec::kKernels[0].id));
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
  if (!lockspec::findKernel(kernel)) {
    std::cerr << "lockspec: error: unknown kernel '" << kernel << "'; known: " << kernels << "\n";
    return 2;
  }

  lockspec::SourceManager sources;
  lockspec::Diagnostics diags(sources);
  diags.setErrorLimit(errorLimit);
  lockspec::TimeReport report;
  lockspec::TimeReport *timing = timeReport ? &report : nullptr;
  // Every return below prints the report first, so a failed or partial run is timed too.
  auto leave = [&](int code) {
    if (timing)
      std::cerr << report.render();
    return code;
  };
  auto model = lockspec::loadSpec(
      input, sources, diags, {.timeReport = timing, .kernel = kernel, .includeDirs = includeDirs});
  diags.print(std::cerr);
  if (!model) {
    bool io = !diags.all().empty() && !diags.all().front().hasSpan;
    if (!io)
      std::cerr << diags.errorCount() << " error" << (diags.errorCount() == 1 ? "" : "s")
                << " generated; nothing written\n";
    return leave(io ? 2 : 1);
  }

  std::string error;
  if (!emit.empty()) {
    for (const lockspec::Backend &b : lockspec::backends())
      if (emit == b.name && b.stream) {
        {
          lockspec::TimeReport::Scope t(timing, "emit");
          b.stream(*model, std::cout);
          std::cout.flush();
        }
        return leave(0);
      }
    std::optional<std::vector<lockspec::OutputFile>> outputs;
    {
      lockspec::TimeReport::Scope t(timing, "emit");
      outputs = lockspec::runBackends(*model, {emit}, &error);
    }
    if (!outputs) {
      std::cerr << "lockspec: error: " << error << "\n";
      return leave(2);
    }
    for (const auto &f : *outputs)
      std::cout << f.contents;
    return leave(0);
  }
  std::optional<std::vector<lockspec::OutputFile>> outputs;
  {
    lockspec::TimeReport::Scope t(timing, "emit");
    outputs = lockspec::runBackends(*model, only, &error);
  }
  if (!outputs) {
    std::cerr << "lockspec: error: " << error << "\n";
    return leave(2);
  }
  lockspec::WriteReport written;
  {
    lockspec::TimeReport::Scope t(timing, "write");
    written = lockspec::writeOutputs(outDir, *outputs, check, only.empty());
  }
  if (!check)
    for (const auto &f : written.leftover)
      std::cerr << "lockspec: removed " << f << " (no output names it)\n";
  for (const auto &e : written.errors)
    std::cerr << "lockspec: error: " << e << "\n";
  if (!written.errors.empty())
    return leave(2);
  if (!depPath.empty() && !check) {
    std::ofstream dep(depPath);
    dep << lockspec::depfile(outDir, *outputs, sources);
    if (!dep) {
      std::cerr << "lockspec: error: cannot write '" << depPath << "'\n";
      return leave(2);
    }
  }
  if (check && (!written.changed.empty() || !written.leftover.empty())) {
    for (const auto &f : written.changed)
      std::cerr << "lockspec: stale: " << f << "\n";
    for (const auto &f : written.leftover)
      std::cerr << "lockspec: stale: " << f << " (no output names it)\n";
    std::cerr << "lockspec: generated files are stale; run ./build.sh\n";
    return leave(1);
  }
  return leave(0);
}
