#include "check_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <thread>
#include <unistd.h>

#include "driver.h"
#include "runner.h"

namespace lockspec::check {

CheckCommand::CheckCommand(CLI::App &app)
    : command_(app.add_subcommand("check", "check C sources against the spec's lock rules")) {
  command_->add_option("--spec", spec_, "the root .rules file")->capture_default_str();
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
  SourceManager sources;
  Diagnostics diags(sources);
  auto model = loadSpec(spec_, sources, diags);
  std::cerr << diags.renderAll();
  if (!model) {
    std::cerr << "lockspec: error: the spec '" << spec_ << "' does not compile\n";
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
