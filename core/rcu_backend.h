// The RCU read side of the generated wrappers, on liburcu (urcu-memb flavour).
//
// runtime.h includes this header when the build defines LOCKSPEC_RCU_BACKEND to name it, so
// that `lockspec::rcu_read_lock()` and every RcuLock hold enter a real liburcu read section.
// It declares the two library calls itself instead of including <urcu/urcu-memb.h>: that
// header maps names such as rcu_read_lock and call_rcu to macros, which would rename the
// generated functions of the same names.
#pragma once

#if defined(__SANITIZE_THREAD__)
#define LOCKSPEC_CORE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LOCKSPEC_CORE_TSAN 1
#endif
#endif

extern "C" {
void urcu_memb_read_lock(void);
void urcu_memb_read_unlock(void);
#ifdef LOCKSPEC_CORE_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
#endif
}

namespace lockspec::rt {

/// The happens-before token between read sections and reclamation.  liburcu 0.13 publishes
/// grace periods through membarrier and volatile accesses that TSan does not model, so every
/// read section releases this token as it ends and every reclaimer acquires it
/// (shared/reference/liburcu-tsan.md).
inline char rcuGracePeriodToken;

/// Tells TSan that what happened before this point happens before a later rcuAcquireGp().
inline void rcuReleaseGp() {
#ifdef LOCKSPEC_CORE_TSAN
  __tsan_release(&rcuGracePeriodToken);
#endif
}

/// Tells TSan that every read section that ended so far happens before this point.
inline void rcuAcquireGp() {
#ifdef LOCKSPEC_CORE_TSAN
  __tsan_acquire(&rcuGracePeriodToken);
#endif
}

/// Hands what happened before this point to the thread that later calls rcuAcquire(addr):
/// liburcu's call_rcu queue is lock-free code TSan does not see through.
inline void rcuRelease(void *addr) {
#ifdef LOCKSPEC_CORE_TSAN
  __tsan_release(addr);
#else
  (void)addr;
#endif
}

/// The other end of rcuRelease(addr).
inline void rcuAcquire(void *addr) {
#ifdef LOCKSPEC_CORE_TSAN
  __tsan_acquire(addr);
#else
  (void)addr;
#endif
}

/// RCU read side on liburcu.  The calling thread must be registered (core::RcuThread).
class Rcu {
public:
  /// Enters a read section (nests).
  void lock_shared() { urcu_memb_read_lock(); }
  /// Enters a read section; never fails.
  bool try_lock_shared() {
    urcu_memb_read_lock();
    return true;
  }
  /// Leaves a read section.
  void unlock_shared() {
    rcuReleaseGp();
    urcu_memb_read_unlock();
  }
};

} // namespace lockspec::rt
