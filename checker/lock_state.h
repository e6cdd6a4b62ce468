// The lock state the per-function analysis carries along the control-flow graph, and how
// two paths' states join.
//
// The state is the set of locks held, each with its mode and an instance key (the canonical C
// expression of the lock's owner, "vma->vm_mm", or "*ptl" for a lock known only through a
// pointer), plus try results stored in variables and not yet tested.  Paths join by
// intersection: a lock held on every incoming path is *held*; one held on some paths only is
// kept as *may-hold*, which satisfies nothing, silences "unlock of a lock not held" and is
// reported as a warning if it survives to a return.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "ts.h"

namespace lockspec::check {

/// One lock held on a path.
struct Held {
  const Lock *lock = nullptr;
  std::string mode;
  std::string key; ///< Owner expression, "*ptr", or "" (global lock or unknown instance).
  uint32_t at = 0, atEnd = 0;
  bool may = false;      ///< Held on some paths only.
  bool asserted = false; ///< Known from an assert, not taken here: never "held at return".
  /// A `scoped_guard` hold: held in the source range [scopeBegin, scopeEnd) only (scopeEnd 0:
  /// no scope).  A block that starts outside it no longer holds it.
  uint32_t scopeBegin = 0, scopeEnd = 0;
};

/// A try result stored in a variable: held once a test of the variable says it succeeded.
struct Pending {
  std::string var;
  TrySuccess success = TrySuccess::None;
  Held held;
};

/// What a path holds.
struct State {
  bool live = true;
  std::vector<Held> held;
  std::vector<Pending> pending;
  /// May-holds released on this path.  At a join, a may-hold on one side that the other side
  /// settled is dropped: the release was guarded by the same condition as the acquisition
  /// (the `locked` flag pattern), which the checker assumes rather than reports.
  std::vector<Held> settled;
  /// Locks the caller held on entry that this path released (`may`: on some paths only):
  /// what the function's summary says it releases.
  std::vector<Held> dropped;
  /// Objects a spec `constructor` returned on every path here, not yet published: no other
  /// thread can reach them, so their fields and their own locks need nothing (by key).
  std::vector<std::string> unpublished;
  /// Keys passed to a spec `publish` function on some path here: a requirement on one of
  /// them after that point is not met by its caller's object being unpublished.
  std::vector<std::string> published;
};

/// `key` is an object no other thread can reach on this path.
bool isUnpublished(const State &st, std::string_view key);
/// `key` was published on some path to here.
bool wasPublished(const State &st, std::string_view key);

/// The state of a path that cannot be reached (after a return or a dead end).
State deadState();

/// The same lock instance (mode aside).
bool sameHold(const Held &a, const Held &b);

/// Where two paths meet: see the file comment.
State join(const State &a, const State &b);

/// Equal for the fixed point: the same holds in the same order, modes and may-ness, and as
/// many pending tries.
bool sameState(const State &a, const State &b);

/// Whether two instance keys denote the same object, as far as syntax tells.
enum class Alias { Same, Maybe, Different };

Alias compareKeys(std::string_view a, std::string_view b);

/// Strips parentheses and casts from `n` in place; returns the type of what remains.
std::string_view stripNode(ts::Node &n);

/// A call's arguments, without comments.
std::vector<ts::Node> callArgs(ts::Node call);

/// `s` in single quotes, for messages.
std::string quote(std::string_view s);

/// "'mmap_lock' of 'mm'" or "'rcu'".
std::string describe(const Lock *lock, std::string_view key);

} // namespace lockspec::check
