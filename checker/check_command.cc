#include "check_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <thread>
#include <unistd.h>

#include "driver.h"
#include "runner.h"

namespace lockspec::check {

namespace {

/// `path` spelled from the current directory when it lies below it, else absolute: findings
/// that point into the spec then read as they would with `--spec rules/mm.rules`.
std::string spelledFromHere(const std::string &path) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::weakly_canonical(path, ec);
  if (ec)
    return path;
  const std::filesystem::path here = std::filesystem::current_path(ec);
  if (ec)
    return absolute.string();
  const std::filesystem::path relative = absolute.lexically_relative(here);
  if (!relative.empty() && *relative.begin() != "..")
    return relative.string();
  return absolute.string();
}

} // namespace

std::string defaultSpecPath(const std::string &exe) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path spec = fs::canonical(fs::path(exe).parent_path() / LOCKSPEC_SPEC_FROM_BINDIR, ec);
  if (ec || !fs::is_regular_file(spec, ec))
    return {};
  return spec.string();
}

CheckCommand::CheckCommand(CLI::App &app)
    : command_(app.add_subcommand("check", "check C sources against the spec's lock rules")) {
  command_->add_option("--spec", spec_,
                       "the root .rules file (default: the spec installed with lockspec, "
                       "BINDIR/" LOCKSPEC_SPEC_FROM_BINDIR ")");
  command_->add_option("--format", format_, "text, json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  command_->add_option("-j,--jobs", jobs_, "worker threads (default: one per core)");
  command_->add_flag("--no-progress", noProgress_, "no progress line even on a terminal");
  command_->add_option("files", files_, "C files to check")->required();
}

bool CheckCommand::selected() const {
  return command_->parsed();
}

int CheckCommand::run() const {
  std::string spec = spec_;
  if (spec.empty()) {
    std::error_code ec;
    std::string exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    spec = ec ? std::string() : defaultSpecPath(exe);
    if (spec.empty()) {
      std::string looked =
          ec ? "BINDIR/" LOCKSPEC_SPEC_FROM_BINDIR
             : (std::filesystem::path(exe).parent_path() / LOCKSPEC_SPEC_FROM_BINDIR)
                   .lexically_normal()
                   .string();
      std::cerr << "lockspec: error: no spec installed with this binary (looked for '" << looked
                << "'); name one with --spec FILE.rules\n";
      return 2;
    }
    // Findings point into the spec: spelled from here when it lies below (a lockspec
    // checkout), else absolute.
    spec = spelledFromHere(spec);
  } else if (std::error_code ec; !std::filesystem::is_regular_file(spec, ec)) {
    std::cerr << "lockspec: error: cannot open the spec '" << spec << "' given by --spec\n";
    return 2;
  }
  SourceManager sources;
  Diagnostics diags(sources);
  auto model = loadSpec(spec, sources, diags);
  std::cerr << diags.renderAll();
  if (!model) {
    std::cerr << "lockspec: error: the spec '" << spec << "' does not compile\n";
    return 2;
  }
  Checker checker(*model, sources);
  RunOptions options;
  options.jobs = jobs_ ? jobs_ : std::max(1u, std::thread::hardware_concurrency());
  options.progress = !noProgress_ && isatty(STDERR_FILENO) && files_.size() > 1;
  std::vector<std::string> ioErrors;
  std::vector<FileResult> results = checkFiles(checker, files_, options, ioErrors);
  Summary summary = summarize(results);
  // Computed before render(), which moves each file's text into `sources`.
  std::string coverage = coverageReport(results);
  Format format = format_ == "json"    ? Format::Json
                  : format_ == "sarif" ? Format::Sarif
                                       : Format::Text;
  std::cout << render(format, results, sources);
  for (const std::string &e : ioErrors)
    std::cerr << "lockspec: error: " << e << "\n";
  if (format == Format::Text && summary.hasFindings())
    std::cerr << summary.errors << " error" << (summary.errors == 1 ? "" : "s") << " and "
              << summary.warnings << " warning" << (summary.warnings == 1 ? "" : "s") << " in "
              << results.size() << " file" << (results.size() == 1 ? "" : "s") << "\n";
  std::cerr << coverage;
  if (!ioErrors.empty())
    return 2;
  return summary.hasFindings() ? 1 : 0;
}

} // namespace lockspec::check
