// Per-phase timing for `lockspec compile --time-report` (clang's -ftime-report, smaller):
// where a compile spends its time, so speed work (issue 3) starts from figures, not guesses.
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
  /// A nested phase ("sema/fields") counts the CPU time of the thread it runs on; a top-level
  /// phase ("sema") the whole process's, so it includes the threads it started.
  class Scope {
  public:
    Scope(TimeReport *report, const char *phase)
        : report_(report), phase_(phase),
          clock_(std::string_view(phase).find('/') != std::string_view::npos
                     ? CLOCK_THREAD_CPUTIME_ID
                     : CLOCK_PROCESS_CPUTIME_ID) {
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
      clock_gettime(clock_, &cpu);
      double wall =
          std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
              .count();
      return {wall, static_cast<double>(cpu.tv_sec) + static_cast<double>(cpu.tv_nsec) * 1e-9};
    }
    TimeReport *report_;
    const char *phase_;
    clockid_t clock_;
    Point start_{};
  };

  const std::vector<Entry> &entries() const { return entries_; }
  /// Moves `other`'s entries after this one's (phases that ran on another thread).
  void append(TimeReport &&other) {
    entries_.insert(entries_.end(), other.entries_.begin(), other.entries_.end());
    other.entries_.clear();
  }

  /// One line per phase: `  phase  wall ms  cpu ms  peak MiB`, then the total of the top-level
  /// phases.
  std::string render() const;

private:
  std::vector<Entry> entries_;
};

} // namespace lockspec
