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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "ts.h"

namespace lockspec::check {

/// A path knows a variable (`pte`, `locked`, `*locked`, `vms->unlock`) is zero or nonzero:
/// assigned a literal, or tested.
struct Fact {
  std::string var;
  bool nonzero = false;
  /// A pointer that may be an error code (err.h's ERR_PTR): with `nonzero`, it is one; without,
  /// it is NULL or one.  Either way a failed result, as NULL is: a hold guarded by the
  /// variable being nonzero is not held (valid()).
  bool error = false;
  bool operator==(const Fact &) const = default;
};

/// The variable holds a valid result: nonzero and no error pointer.  A hold guarded by its
/// being nonzero (`guardNonzero`) exists exactly where this is true.
inline bool valid(const Fact &f) {
  return f.nonzero && !f.error;
}

/// One lock held on a path.
struct Held {
  const Lock *lock = nullptr;
  std::string mode;
  std::string key; ///< Owner expression, "*ptr", or "" (global lock or unknown instance).
  uint32_t at = 0, atEnd = 0;
  bool may = false;      ///< Held on some paths only.
  bool asserted = false; ///< Known from an assert, not taken here: never "held at return".
  /// Taken here, back for the caller after this path released the caller's hold (`asserted`
  /// too: the caller's, never a leak): taking it again is still a double acquisition.
  bool retaken = false;
  /// A variable whose value tells whether the hold exists (a try's result, a `locked` flag,
  /// `*locked`, the pointer an acquire returned): held exactly where `guard` is nonzero
  /// (`guardNonzero`) or zero.  A test of the variable makes a may-hold definite on one branch
  /// and drops it on the other.
  std::string guard;
  bool guardNonzero = true;
  /// Further conditions the hold exists only under, together with `guard` (`if (file) {
  /// lock; if (!hold) unlock; }` holds it exactly where `file` and `hold` are nonzero): a
  /// test that finds one false drops the hold; one that finds the guard true makes the next
  /// condition the guard.
  std::vector<Fact> also;
  /// Result bits (sorted): the guard is `guard & (bits)` rather than `guard` itself, as a
  /// release that depends on its result says (`VM_FAULT_RETRY | VM_FAULT_COMPLETED`).
  std::vector<std::string> guardMask;
  /// The key of another hold that is the same lock (`if (ptl != pml) spin_lock_nested(ptl)`
  /// skipped the acquisition because `ptl == pml`): released with it, never a leak by itself.
  std::string alias;
  /// `alias` holds on some paths only; on the others this is a hold of its own.
  bool partAlias = false;
  /// A `scoped_guard` hold: held in the source range [scopeBegin, scopeEnd) only (scopeEnd 0:
  /// no scope).  A block that starts outside it no longer holds it.
  uint32_t scopeBegin = 0, scopeEnd = 0;
  /// Where a parameter lets the caller reach the owner, stored on this path
  /// (`madv_behavior->vma = vma;`, `*vmap = vma;`): held at a return, the lock is handed to
  /// the caller through each.
  std::vector<std::string> handedTo;
  /// The call that released it on some paths only (a callee's may-release), or 0.
  uint32_t keptAt = 0;
  /// A later call given the owner that releases locks of its caller's but left this one
  /// (`Held::keptAt`'s twin, for a helper meant to end what another helper took), or 0.
  uint32_t passedAt = 0;
  /// Variables NULL (zero) on some path where this hold is held on every path: `return
  /// var;` then does not tell the caller whether the lock is held.  One leaves when it is
  /// assigned or tested nonzero.
  std::vector<std::string> nullWith;
  /// A may-hold held on every path, in modes that differ (a read hold joined with a write
  /// hold): present whatever the path, its mode unknown.
  bool everyPath = false;
  /// An `everyPath` hold's mode on the paths where it is not `mode`, and where that was
  /// taken: a release or a requirement that one of the two modes does not fit is wrong on
  /// those paths.  Empty when the modes agree, or when one path asserted it (the caller's
  /// hold, which the function does not release itself).
  std::string otherMode;
  uint32_t otherAt = 0, otherAtEnd = 0;
};

/// A definite hold of `lock` in `mode` of the instance `key`, taken by the call at
/// [at, atEnd), with nothing else known about it.
Held holdOf(const Lock *lock, std::string mode, std::string key, uint32_t at, uint32_t atEnd);

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
  /// Keys of locks reached through a pointer (`*ptl`) released on this path since they were
  /// last taken or the pointer last set: where `ptl == pml` says two pointers are one lock, a
  /// hold of `*pml` ended with the release of `*ptl`.
  std::vector<std::string> gone;
  /// Objects a spec `constructor` returned on every path here, not yet published: no other
  /// thread can reach them, so their fields and their own locks need nothing (by key).
  std::vector<std::string> unpublished;
  /// Keys passed to a spec `publish` function on some path here: a requirement on one of
  /// them after that point is not met by its caller's object being unpublished.
  std::vector<std::string> published;
  /// Fields of the caller's objects (`vmf->pte`) this function assigned on every path to here
  /// (sorted): until then such a field still holds what the caller put there (the PTE table
  /// the caller mapped, whose RCU section an unmap through the field ends).
  std::vector<std::string> reassigned;
  /// Variables whose value this path knows (sorted by name), pointers known NULL among them:
  /// what lets a join remember that a lock held on one side and not the other is held exactly
  /// where a flag or a pointer says so.
  std::vector<Fact> facts;
};

/// `key` is an object no other thread can reach on this path.
bool isUnpublished(const State &st, std::string_view key);
/// `key` was published on some path to here.
bool wasPublished(const State &st, std::string_view key);

/// The state of a path that cannot be reached (after a return or a dead end).
State deadState();

/// This path released `h`, a lock the caller held on entry: recorded once per instance
/// (definite when any release on the path was), so a loop that releases it again ends in the
/// state it began.
void addDropped(State &st, const Held &h);

/// No variable's value is known on this path and no hold is tied to one: a write to any
/// variable changes nothing.
bool knowsNothing(const State &st);

/// The value `st` knows `var` has (nullptr: unknown).
const Fact *factOf(const State &st, std::string_view var);

/// `var` is now `nonzero` (or unknown, `value` empty) on this path, an error pointer (or NULL
/// or one, without `nonzero`) when `error`.  Holds guarded by it keep their guard only when it
/// is given a known value: a later test of it tells nothing about a lock otherwise.
void setFact(State &st, const std::string &var, std::optional<bool> value, bool error = false);

/// The path where a test says `var` is nonzero (or zero): a may-hold guarded by it in that
/// sense becomes definite, one guarded in the other sense is not held here.
void assume(State &st, const std::string &var, bool nonzero);

/// The path where an error-pointer test (`IS_ERR(var)`, or `IS_ERR_OR_NULL(var)` when
/// `orNull`) is `yes` or not: holds guarded by `var` follow where the test decides whether it
/// is a valid result.  False when what the path knew of `var` says this branch is not taken.
bool assumeError(State &st, const std::string &var, bool orNull, bool yes);

/// The path where a test says `var & (bits)` is nonzero (`set`) or zero: holds guarded by
/// `var & (mask)` follow when `bits` and `mask` decide it, and a plain guard on `var` follows a
/// nonzero test.
void assumeBits(State &st, const std::string &var, const std::vector<std::string> &bits, bool set);

/// The same lock instance (mode aside); for a lock with no owner, the same guard too.
bool sameHold(const Held &a, const Held &b);

/// Where two paths meet: see the file comment.
State join(const State &a, const State &b);

/// After the hold `key` (an alias of `alias` when not empty, on some paths only when
/// `partAlias`) was released on `st`: holds that are the same lock under another name go with
/// it, and a pointer's key is recorded in `gone`.
void endAliases(State &st, const std::string &key, const std::string &alias, bool partAlias);

/// `x == y` (`same`) or `x != y` holds on this path, for two pointers at locks keyed `*x` and
/// `*y` of classes `cx` and `cy`.  Equal: a hold of one is a hold of the other (an alias hold
/// is added where the other was not taken on this path; where it was released, the hold goes
/// too).  Different: an alias between them was a lock of its own on this path.
void comparePointers(State &st, const Lock *cx, const std::string &x, const Lock *cy,
                     const std::string &y, bool same);

/// `x == y` (`same`) or `x != y` holds on this path, for two object pointers (`src_vma !=
/// dst_vma`, `*dst_vmap == *src_vmap`, or lock pointers of no known class): where they are
/// equal, a lock of one held or released here is the other's too (an alias hold, a release);
/// where they differ, an alias between them was nothing of its own.
void compareObjects(State &st, const std::string &x, const std::string &y, bool same);

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
