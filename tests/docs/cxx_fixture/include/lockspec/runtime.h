// Fixture for the docs tests: shaped like the cxx backend's runtime header (annotation macros
// that expand to nothing without __has_attribute, a class in a nested namespace).
#pragma once

#if defined(__has_attribute)
#define LOCKSPEC_HAS_ATTRIBUTE(x) __has_attribute(x)
#else
#define LOCKSPEC_HAS_ATTRIBUTE(x) 0
#endif
#if LOCKSPEC_HAS_ATTRIBUTE(capability)
#define LOCKSPEC_CAPABILITY(x) __attribute__((capability(x)))
#define LOCKSPEC_REQUIRES(...) __attribute__((requires_capability(__VA_ARGS__)))
#else
#define LOCKSPEC_CAPABILITY(x)
#define LOCKSPEC_REQUIRES(...)
#endif

namespace lockspec {
namespace rt {
/// A reader/writer semaphore; every end of a write section advances writeSeq().
class LOCKSPEC_CAPABILITY("rwsem") RwSem {
public:
  /// Takes it for reading.
  void lock_shared();
  unsigned long writeSeq() const { return seq_; }

private:
  unsigned long seq_ = 0;
};
} // namespace rt
} // namespace lockspec
