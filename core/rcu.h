// RCU for the core: thread registration, publication of pointers and deferred freeing, on
// liburcu's urcu-memb flavour (read sections come from the generated RcuLock, whose primitive
// is rcu_backend.h).
#pragma once

#include <atomic>

#include "core/rcu_backend.h"

namespace lockspec::core {

/// Registers the calling thread with liburcu for the object's lifetime.  Every thread that
/// enters a read section must hold one.
class RcuThread {
public:
  RcuThread();
  ~RcuThread();
  RcuThread(const RcuThread &) = delete;
  RcuThread &operator=(const RcuThread &) = delete;
};

/// Runs `fn(arg)` after a grace period, on liburcu's call_rcu thread.
void rcuDefer(void (*fn)(void *), void *arg);

/// Waits for a grace period (synchronize_rcu).  Must not be called inside a read section.
void rcuSynchronize();

/// Waits until every callback queued by rcuDefer so far has run (rcu_barrier).
void rcuBarrier();

/// Frees `p` with `delete` after a grace period.
template <class T> void rcuDelete(T *p) {
  rcuDefer([](void *q) { delete static_cast<T *>(q); }, p);
}

/// Publishes `value` in `slot` for readers that load it inside a read section: everything
/// written to `*value` before happens before their dereference.
template <class T> void rcuAssign(std::atomic<T *> &slot, T *value) {
  slot.store(value, std::memory_order_release);
}

/// Loads an RCU-published pointer (rcu_dereference).
template <class T> T *rcuDereference(const std::atomic<T *> &slot) {
  return slot.load(std::memory_order_acquire);
}

} // namespace lockspec::core
