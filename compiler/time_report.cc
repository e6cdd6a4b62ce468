#include "time_report.h"

#include <cstdio>

namespace lockspec {

std::string TimeReport::render() const {
  std::string out = "===== lockspec time report =====\n";
  char line[160];
  std::snprintf(line, sizeof line, "  %-36s %10s %10s %10s\n", "phase", "wall ms", "cpu ms",
                "peak MiB");
  out += line;
  double wall = 0, cpu = 0;
  for (const Entry &e : entries_) {
    // "sema/fields" is part of "sema": indented, and not counted twice in the total.
    bool nested = e.phase.find('/') != std::string::npos;
    if (!nested) {
      wall += e.wallSeconds;
      cpu += e.cpuSeconds;
    }
    std::snprintf(line, sizeof line, "  %-36s %10.1f %10.1f %10.1f\n",
                  ((nested ? "  " : "") + e.phase).c_str(), e.wallSeconds * 1e3, e.cpuSeconds * 1e3,
                  static_cast<double>(e.peakKiB) / 1024);
    out += line;
  }
  std::snprintf(line, sizeof line, "  %-36s %10.1f %10.1f\n", "total", wall * 1e3, cpu * 1e3);
  out += line;
  return out;
}

} // namespace lockspec
