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
  // Every file is read and parsed first (in parallel), then analysed as one program: a call
  // into another file applies the callee's summary.
  std::vector<std::optional<std::string>> texts(paths.size());
  std::vector<std::optional<ParsedFile>> parsed(paths.size());
  std::atomic<size_t> next{0}, done{0};
  std::mutex progressMutex;
  auto worker = [&] {
    ts::Parser parser;
    ts::QueryCursor cursor;
    for (size_t i = next++; i < paths.size(); i = next++) {
      texts[i] = readFile(paths[i]);
      if (texts[i])
        parsed[i] = parseFile(checker, parser, cursor, *texts[i]);
      size_t n = ++done;
      if (options.progress) {
        std::lock_guard lock(progressMutex);
        std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", n, paths.size(), paths[i].c_str());
        std::fflush(stderr);
      }
    }
  };
  unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, paths.size()));
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j)
    threads.emplace_back(worker);
  worker();
  for (std::thread &t : threads)
    t.join();
  if (options.progress && !paths.empty())
    std::fprintf(stderr, "\r\033[K");
  std::vector<ProgramFile> program;
  std::vector<size_t> fileOf;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!parsed[i]) {
      ioErrors.push_back("cannot open '" + paths[i] + "'");
      continue;
    }
    program.push_back({paths[i], std::move(*parsed[i])});
    fileOf.push_back(i);
  }
  checkProgram(checker, program, std::max(1u, options.jobs));
  std::vector<FileResult> results;
  for (size_t k = 0; k < program.size(); ++k) {
    size_t i = fileOf[k];
    results.push_back({paths[i], std::move(*texts[i]), std::move(program[k].parsed.findings),
                       program[k].parsed.stats});
  }
  return results;
}

} // namespace lockspec::check
