#include "runner.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

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
  std::vector<std::optional<FileResult>> slots(paths.size());
  std::vector<std::string> errors(paths.size());
  std::atomic<size_t> next{0}, done{0};
  std::mutex progressMutex;
  auto worker = [&] {
    FileChecker fc(checker);
    for (size_t i = next++; i < paths.size(); i = next++) {
      if (auto text = readFile(paths[i])) {
        FileResult r{paths[i], *text, {}, {}};
        r.findings = fc.check(std::move(*text));
        r.functions = fc.functions();
        slots[i] = std::move(r);
      } else {
        errors[i] = "cannot open '" + paths[i] + "'";
      }
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
  std::vector<FileResult> results;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (slots[i])
      results.push_back(std::move(*slots[i]));
    if (!errors[i].empty())
      ioErrors.push_back(errors[i]);
  }
  return results;
}

} // namespace lockspec::check
