// lockspec-core-stress: a seeded random mix of the core's protocols on several threads, with
// the invariants checked as it goes and at quiescent points between rounds.
//
//   lockspec-core-stress --threads T --seconds S --seed N
//
// The last line is `ops: N (per protocol: ...), invariant violations: V, validator reports:
// R`; the exit status is 0 only when V = R = 0.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/mm.h"
#include "core/stress_ops.h"

namespace {

using namespace lockspec::core;

/// Validator reports.  The validator has one process-wide handler, a plain function pointer,
/// so the count it feeds is process-wide too.
std::atomic<long> gValidatorReports{0};

void onViolation(const lockspec::rt::Violation &v) {
  if (gValidatorReports.fetch_add(1) < 20)
    std::fprintf(stderr, "lockspec-core-stress: validator: violation of '%s': %s\n", v.rule,
                 v.message.c_str());
}

} // namespace

int main(int argc, char **argv) {
  CLI::App app{"lockspec-core-stress: the reference page-table core under a random protocol mix"};
  unsigned threads = 2;
  double seconds = 5;
  unsigned long seed = 1;
  app.add_option("--threads", threads, "worker threads (a secondary-MMU thread runs beside them)")
      ->check(CLI::Range(1u, 64u));
  app.add_option("--seconds", seconds, "how long to run")->check(CLI::Range(0.0, 3600.0));
  app.add_option("--seed", seed, "seed of the random mix");
  CLI11_PARSE(app, argc, argv);

  lockspec::rt::setViolationHandler(onViolation);
  RcuThread rcuMain;
  StressRun run(threads, seed);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  unsigned round = 0;
  do {
    run.round(round++, std::chrono::milliseconds(200));
    run.checkQuiescent();
  } while (std::chrono::steady_clock::now() < deadline);
  run.finish();

  long violations = run.violations();
  long reports = gValidatorReports.load();
  std::printf("ops: %lu (per protocol: %s), invariant violations: %ld, validator reports: %ld\n",
              run.totalOps(), run.perProtocol().c_str(), violations, reports);
  return violations == 0 && reports == 0 ? 0 : 1;
}
