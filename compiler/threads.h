// How a stage decides whether to use a second thread: the parser and sema decide alike.
#pragma once

#include <thread>

namespace lockspec {

/// Whether a stage asked for `requested` threads uses a second one.  0 asks the stage to pick:
/// two when its input is `large` enough to gain from them and the machine has two cores.
inline bool useSecondThread(unsigned requested, bool large) {
  if (requested != 0)
    return requested >= 2;
  return large && std::thread::hardware_concurrency() >= 2;
}

} // namespace lockspec
