#include "core/rcu.h"

#include <urcu/urcu-memb.h>

namespace lockspec::core {
namespace {

/// One deferred call; standard layout so that the rcu_head at offset 0 leads back to it.
struct Deferred {
  rcu_head head;
  void (*fn)(void *);
  void *arg;
};

void runDeferred(rcu_head *head) {
  rt::rcuAcquireGp();
  Deferred *d = caa_container_of(head, Deferred, head);
  rt::rcuAcquire(d);
  d->fn(d->arg);
  delete d;
}

} // namespace

RcuThread::RcuThread() { urcu_memb_register_thread(); }
RcuThread::~RcuThread() { urcu_memb_unregister_thread(); }

void rcuDefer(void (*fn)(void *), void *arg) {
  auto *d = new Deferred{{}, fn, arg};
  rt::rcuRelease(d);
  urcu_memb_call_rcu(&d->head, runDeferred);
}

void rcuSynchronize() {
  urcu_memb_synchronize_rcu();
  rt::rcuAcquireGp();
}

void rcuBarrier() {
  urcu_memb_barrier();
  rt::rcuAcquireGp();
}

} // namespace lockspec::core

#ifdef LOCKSPEC_CORE_TSAN
/// liburcu's own grace-period machinery is invisible to TSan (shared/reference/liburcu-tsan.md);
/// what the core does around it is annotated in rcu_backend.h and above.  Every program that
/// links the core's TSan build gets these suppressions.
extern "C" const char *__tsan_default_suppressions() {
  return "called_from_lib:liburcu-memb.so\ncalled_from_lib:liburcu-common.so\n";
}
#endif
