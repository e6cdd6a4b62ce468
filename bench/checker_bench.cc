// Throughput of `lockspec check` against a raw tree-sitter parse of the same bytes, and with
// one vs two worker threads.
//
//   checker_bench [--spec rules/mm.rules] [--mb 4] [--runs 3] [--only parse|check] [FILE...]
//
// Without files it generates about --mb megabytes of kernel-style C from the corpus fixtures
// (tests/checker/*.c, functions renamed), so the analysis has locks to track.  With files it
// reads them (e.g. real C from /usr/include or a kernel tree); nothing is committed.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "checker.h"
#include "driver.h"
#include "ts.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// ~`megabytes` of C in chunks of ~32 KB: the fixtures again and again, renamed per copy.
std::vector<std::string> generate(double megabytes) {
  std::vector<std::string> fixtures;
  for (const auto &e : std::filesystem::directory_iterator(LOCKSPEC_SOURCE_DIR "/tests/checker"))
    if (e.path().extension() == ".c")
      fixtures.push_back(readFile(e.path()));
  std::sort(fixtures.begin(), fixtures.end());
  std::vector<std::string> files;
  std::string current;
  size_t total = 0, copy = 0;
  while (total < megabytes * 1e6) {
    for (const std::string &f : fixtures) {
      // Rename every function definition's name by suffixing the copy number to its line.
      std::string text = f;
      for (size_t pos = 0; (pos = text.find("\n{\n", pos)) != std::string::npos; pos += 3) {
        size_t paren = text.rfind('(', pos);
        if (paren != std::string::npos)
          text.insert(paren, "_" + std::to_string(copy)), pos += std::to_string(copy).size() + 1;
      }
      current += text;
      if (current.size() > 32 * 1024) {
        total += current.size();
        files.push_back(std::move(current));
        current.clear();
      }
    }
    ++copy;
  }
  if (!current.empty())
    files.push_back(std::move(current));
  return files;
}

double cpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/// Best of `runs`: wall-clock seconds and CPU seconds of the whole process.  The machine is
/// shared, so the single-thread ratio is computed on CPU time, which other load barely moves.
struct Timing {
  double wall = 1e30, cpu = 1e30;
};

template <typename Fn> Timing best(int runs, Fn fn) {
  Timing t;
  for (int r = 0; r < runs; ++r) {
    auto w0 = Clock::now();
    double c0 = cpuSeconds();
    fn();
    t.cpu = std::min(t.cpu, cpuSeconds() - c0);
    t.wall = std::min(t.wall, std::chrono::duration<double>(Clock::now() - w0).count());
  }
  return t;
}

} // namespace

int main(int argc, char **argv) {
  std::string spec = LOCKSPEC_SOURCE_DIR "/rules/mm.rules";
  double mb = 4;
  int runs = 3;
  std::string only; // "parse" or "check": one phase, one thread (for `perf stat`).
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--spec" && i + 1 < argc)
      spec = argv[++i];
    else if (a == "--mb" && i + 1 < argc)
      mb = std::stod(argv[++i]);
    else if (a == "--runs" && i + 1 < argc)
      runs = std::stoi(argv[++i]);
    else if (a == "--only" && i + 1 < argc)
      only = argv[++i];
    else
      paths.push_back(a);
  }
  lockspec::SourceManager sources;
  lockspec::Diagnostics diags(sources);
  auto model = lockspec::loadSpec(spec, sources, diags);
  if (!model) {
    std::fprintf(stderr, "%s", diags.renderAll().c_str());
    return 2;
  }
  lockspec::check::Checker checker(*model, sources);

  std::vector<std::string> files;
  if (paths.empty())
    files = generate(mb);
  else
    for (const std::string &p : paths)
      files.push_back(readFile(p));
  size_t bytes = 0;
  for (const std::string &f : files)
    bytes += f.size();
  double megabytes = bytes / 1e6;
  std::printf("input: %zu files, %.2f MB (%s)\n", files.size(), megabytes,
              paths.empty() ? "generated kernel-style C from tests/checker" : "given files");

  size_t findings = 0;
  // Each file is parsed from its own copy, as the checker does (it owns the text it parses).
  Timing parse;
  if (only != "check")
    parse = best(runs, [&] {
    lockspec::ts::Parser parser;
    for (const std::string &f : files) {
      lockspec::ts::Tree tree = parser.parse(f);
      (void)tree.root();
    }
  });
  auto checkWith = [&](unsigned threads) {
    return best(runs, [&] {
      std::atomic<size_t> next{0}, found{0};
      auto worker = [&] {
        lockspec::check::FileChecker fc(checker);
        for (size_t i = next++; i < files.size(); i = next++)
          found += fc.check(files[i]).size();
      };
      std::vector<std::thread> pool;
      for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(worker);
      worker();
      for (std::thread &t : pool)
        t.join();
      findings = found;
    });
  };
  if (only == "parse" || only == "check") {
    Timing t = only == "parse" ? parse : checkWith(1);
    std::printf("%s only: %.2f MB/s wall, %.2f MB/s CPU\n", only.c_str(), megabytes / t.wall,
                megabytes / t.cpu);
    return 0;
  }
  Timing check1 = checkWith(1);
  Timing check2 = checkWith(2);
  std::printf("                                 wall MB/s   CPU MB/s\n");
  std::printf("raw tree-sitter parse, 1 thread: %9.2f  %9.2f\n", megabytes / parse.wall,
              megabytes / parse.cpu);
  std::printf("lockspec check,        1 thread: %9.2f  %9.2f   (%zu findings)\n",
              megabytes / check1.wall, megabytes / check1.cpu, findings);
  std::printf("lockspec check,       2 threads: %9.2f\n", megabytes / check2.wall);
  std::printf("ratio check/parse, 1 thread (CPU time): %.2f  (target >= 0.80; wall: %.2f)\n",
              parse.cpu / check1.cpu, parse.wall / check1.wall);
  std::printf("speed-up 2 threads vs 1 (wall):         %.2f\n", check1.wall / check2.wall);
  return 0;
}
