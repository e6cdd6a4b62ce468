#include "runner.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "program.h"

namespace lockspec::check {
namespace {

std::optional<std::string> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return std::nullopt;
  return text.str();
}

} // namespace

std::vector<FileResult> checkFiles(const Checker &checker, const std::vector<std::string> &paths,
                                   const RunOptions &options, std::vector<std::string> &ioErrors) {
  std::vector<FileResult> results;
  for (const std::string &path : paths) {
    std::optional<std::string> text = readFile(path);
    if (!text) {
      ioErrors.push_back("cannot open '" + path + "'");
      continue;
    }
    results.push_back({path, std::move(*text), {}, {}});
  }
  checkTexts(checker, results, options);
  return results;
}

void checkTexts(const Checker &checker, std::vector<FileResult> &files, const RunOptions &options) {
  // Every file is parsed first (in parallel), then analysed as one program: a call into
  // another file applies the callee's summary.
  std::vector<ProgramFile> program(files.size());
  std::atomic<size_t> next{0}, done{0};
  std::mutex progressMutex;
  auto worker = [&] {
    ts::Parser parser;
    for (size_t i = next++; i < files.size(); i = next++) {
      program[i] = {files[i].path, parseFile(parser, files[i].text)};
      size_t n = ++done;
      if (options.progress) {
        std::lock_guard lock(progressMutex);
        std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", n, files.size(), files[i].path.c_str());
        std::fflush(stderr);
      }
    }
  };
  unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, files.size()));
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j)
    threads.emplace_back(worker);
  worker();
  for (std::thread &t : threads)
    t.join();
  if (options.progress && !files.empty())
    std::fprintf(stderr, "\r\033[K");
  checkProgram(checker, program, std::max(1u, options.jobs));
  for (size_t i = 0; i < files.size(); ++i) {
    files[i].findings = std::move(program[i].parsed.findings);
    files[i].functions = program[i].parsed.stats;
  }
}

} // namespace lockspec::check
