// Throughput of `lockspec check` against a raw tree-sitter parse of the same bytes, each on
// one worker thread and on two (the target: the check at >= 0.8x the parse on both).
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
#include "preprocess.h"
#include "driver.h"
#include "report.h"
#include "runner.h"
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

/// The first three fields of /proc/loadavg ("1.02 0.98 0.75"), or "?" where there is none:
/// printed beside the figures, since on a shared machine the load moves the wall times most.
std::string loadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  if (!(in >> one >> five >> fifteen))
    return "?";
  return one + " " + five + " " + fifteen;
}

double cpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/// Best wall-clock and best CPU seconds (of the whole process) over the runs, and the CPU
/// time of the run with the best wall time (for how many cores that run kept busy).
struct Timing {
  double wall = 1e30, cpu = 1e30, cpuOfBestWall = 0;
  template <typename Fn> void run(Fn fn) {
    auto w0 = Clock::now();
    double c0 = cpuSeconds();
    fn();
    double c = cpuSeconds() - c0, w = std::chrono::duration<double>(Clock::now() - w0).count();
    cpu = std::min(cpu, c);
    if (w < wall)
      wall = w, cpuOfBestWall = c;
  }
};

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
  std::printf("input: %zu files, %.2f MB (%s); %u hardware threads, load average %s\n",
              files.size(), megabytes,
              paths.empty() ? "generated kernel-style C from tests/checker" : "given files",
              std::thread::hardware_concurrency(), loadAverage().c_str());

  // The checker rewrites macros and conditionals before it parses (preprocess.h); the second
  // baseline parses exactly those bytes, so the analysis' own cost can be told from what the
  // rewrite changes in the parse (on real kernel code it removes ERROR nodes and their recovery).
  std::vector<std::string> blanked = files;
  for (std::string &f : blanked)
    lockspec::check::preprocess(f, lockspec::check::MacroHints::kernel());

  // Each file is parsed from its own copy, as the checker does (it owns the text it parses),
  // on `threads` workers taking files from one queue, as the checker's runner does.
  auto parseAll = [](const std::vector<std::string> &texts, unsigned threads = 1) {
    std::atomic<size_t> next{0};
    auto worker = [&] {
      lockspec::ts::Parser parser;
      for (size_t i = next++; i < texts.size(); i = next++) {
        lockspec::ts::Tree tree = parser.parse(texts[i]);
        (void)tree.root();
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
      pool.emplace_back(worker);
    worker();
    for (std::thread &t : pool)
      t.join();
  };
  // `lockspec check FILES -j N` without the reading and the printing: every file parsed on
  // `threads` workers, then all of them analysed as one program (summaries across files),
  // components of the call graph of one height in parallel (runner.h).
  size_t findings = 0;
  auto checkAll = [&](unsigned threads) {
    std::vector<lockspec::check::FileResult> program;
    for (size_t i = 0; i < files.size(); ++i)
      program.push_back({"file" + std::to_string(i) + ".c", files[i], {}, {}});
    lockspec::check::RunOptions options;
    options.jobs = threads;
    lockspec::check::checkTexts(checker, program, options);
    findings = 0;
    for (const lockspec::check::FileResult &f : program)
      findings += f.findings.size();
    return program;
  };
  if (only == "parse" || only == "check") {
    Timing t;
    for (int r = 0; r < runs; ++r)
      t.run([&] {
        if (only == "parse")
          parseAll(files);
        else
          checkAll(1);
      });
    std::printf("%s only: %.2f MB/s wall, %.2f MB/s CPU\n", only.c_str(), megabytes / t.wall,
                megabytes / t.cpu);
    return 0;
  }
  // The phases alternate within each round, so a change in the machine's load during the run
  // hits all of them alike; each figure is the best of the rounds.
  Timing parse, parse2, parseBlanked, check1, check2;
  for (int r = 0; r < runs; ++r) {
    parse.run([&] { parseAll(files); });
    parseBlanked.run([&] { parseAll(blanked); });
    check1.run([&] { checkAll(1); });
    parse2.run([&] { parseAll(files, 2); });
    check2.run([&] { checkAll(2); });
  }
  // Not in the figures above (the parse prints nothing either): rendering the findings as
  // `lockspec check` prints them by default, timed once and reported beside them.
  double renderSeconds;
  {
    std::vector<lockspec::check::FileResult> results = checkAll(1);
    double c0 = cpuSeconds();
    std::string text = lockspec::check::render(lockspec::check::Format::Text, results, sources);
    renderSeconds = cpuSeconds() - c0;
  }
  std::printf("                                        wall MB/s   CPU MB/s\n");
  std::printf("raw tree-sitter parse, 1 thread:        %9.2f  %9.2f\n", megabytes / parse.wall,
              megabytes / parse.cpu);
  std::printf("  the same, of the bytes check parses:  %9.2f  %9.2f   (macro hints applied)\n",
              megabytes / parseBlanked.wall, megabytes / parseBlanked.cpu);
  std::printf("lockspec check,        1 thread:        %9.2f  %9.2f   (%zu findings)\n",
              megabytes / check1.wall, megabytes / check1.cpu, findings);
  std::printf("raw tree-sitter parse, 2 threads:       %9.2f  %9.2f   (%.2f cores busy)\n",
              megabytes / parse2.wall, megabytes / parse2.cpu,
              parse2.cpuOfBestWall / parse2.wall);
  std::printf("lockspec check,       2 threads:        %9.2f  %9.2f   (%.2f cores busy)\n",
              megabytes / check2.wall, megabytes / check2.cpu,
              check2.cpuOfBestWall / check2.wall);
  // Throughput ratios (parse time over check time; target >= 0.80 on one thread and on two).
  // CPU time is what the load of a shared machine moves least; wall time is what a user waits.
  std::printf("ratio check/parse, 1 thread  (CPU time): %.2f  (target >= 0.80; wall: %.2f; "
              "vs the blanked bytes: %.2f)\n",
              parse.cpu / check1.cpu, parse.wall / check1.wall, parseBlanked.cpu / check1.cpu);
  std::printf("ratio check/parse, 2 threads (CPU time): %.2f  (target >= 0.80; wall: %.2f)\n",
              parse2.cpu / check2.cpu, parse2.wall / check2.wall);
  std::printf("2 threads vs 1: wall speed-up %.2f, CPU per MB %.2fx (1.00 = no threading "
              "overhead)\n",
              check1.wall / check2.wall, check2.cpu / check1.cpu);
  std::printf("load average after the runs: %s\n", loadAverage().c_str());
  std::printf("rendering the findings as text (not in the figures above): %.1f ms CPU, %.0f%% "
              "of one check run\n",
              renderSeconds * 1e3, 100 * renderSeconds / check1.cpu);
  return 0;
}
