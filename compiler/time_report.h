// Per-phase timing for `lockspec compile --time-report` (clang's -ftime-report, smaller):
// where a compile spends its time, so speed work starts from figures, not guesses.
#pragma once

#include <chrono>
#include <ctime>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <vector>

namespace lockspec {

/// Named phases with their wall and CPU time, in the order they finished.
class TimeReport {
public:
  struct Entry {
    std::string phase;
    double wallSeconds = 0, cpuSeconds = 0;
    long peakKiB = 0; ///< The process's peak resident set when the phase ended.
  };

  /// Measures one phase from construction to destruction; a null report measures nothing.
  /// A phase named "a/b" is a part of phase "a", which the total does not count twice.
  class Scope {
  public:
    Scope(TimeReport *report, const char *phase) : report_(report), phase_(phase) {
      if (report_)
        start_ = now();
    }
    ~Scope() {
      if (report_) {
        Point end = now();
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        report_->entries_.push_back(
            {phase_, end.wall - start_.wall, end.cpu - start_.cpu, usage.ru_maxrss});
      }
    }
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

  private:
    struct Point {
      double wall, cpu;
    };
    Point now() const {
      timespec cpu{};
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
      double wall =
          std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
              .count();
      return {wall, static_cast<double>(cpu.tv_sec) + static_cast<double>(cpu.tv_nsec) * 1e-9};
    }
    TimeReport *report_;
    const char *phase_;
    Point start_{};
  };

  const std::vector<Entry> &entries() const { return entries_; }

  /// One line per phase: `  phase  wall ms  cpu ms  peak MiB`, then the total of the top-level
  /// phases.
  std::string render() const;

private:
  std::vector<Entry> entries_;
};

} // namespace lockspec
