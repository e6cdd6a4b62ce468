// Fixture for the docs tests: shaped like the cxx backend's main header (same namespace as
// runtime.h, annotated functions).
#pragma once

#include "lockspec/runtime.h"

/// The fixture's wrappers.
namespace lockspec {
/// Fixture capability of the mmap lock.
inline rt::RwSem mmap_lock_fixture;

/// Takes the fixture mmap lock for reading.
inline void mmap_read_lock_fixture() { mmap_lock_fixture.lock_shared(); }

/// Needs the fixture mmap lock held for reading.
void needs_mmap_read_fixture() LOCKSPEC_REQUIRES(mmap_lock_fixture);
} // namespace lockspec
