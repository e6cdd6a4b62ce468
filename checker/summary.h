// Summaries across functions: what a function needs held on entry, what it does to the locks
// its caller holds, and what it returns holding, in terms of its parameters.  A call to a
// function of the files checked applies its summary, as a call to a spec API applies the API.
//
// Keys are instance keys (lock_state.h) with each parameter's name replaced by `$i` (its
// position) and the returned value by `$ret`; a key rooted in a local of the callee becomes ""
// (any instance: the caller cannot name it).  Summaries are computed bottom-up over the call
// graph (callees first; a recursive group iterated to a fixed point) by the program driver
// (program.h).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "model.h"
#include "preprocess.h"
#include "ts.h"

namespace lockspec::check {

/// A lock in a summary.
struct SummaryLock {
  const Lock *lock = nullptr; ///< nullptr: a lock through a parameter pointer, class unknown.
  std::string mode;
  std::string key;
  /// In a need: the function holds this lock itself, through the parameter pointer `key`
  /// names (`spin_lock(ptl)`), whose class only its callers know; met at a call whose
  /// argument points at a lock of this class.
  bool through = false;
  bool operator==(const SummaryLock &) const = default;
};

/// A requirement a function does not meet itself: its callers must.  Met when every lock of
/// one alternative is held.
struct Need {
  std::vector<std::vector<SummaryLock>> alternatives;
  std::string what; ///< The original finding, "file:line: call to 'x' without ...".
  std::string path; ///< Calls from this function down to `what`: "f -> g".
  /// Why the rule asks for each lock still missing where it arose, in words (the spec's
  /// reason of the clause that names it); a finding at a root gives those of the locks it lacks.
  std::vector<std::pair<const Lock *, std::string>> why;
  /// Every lock class the original requirement names, held or not where it arose.
  std::vector<const Lock *> classes;
  /// The object whose field the requirement guards (a field write), or "": where the caller's
  /// object is unpublished (a spec `constructor` made it), the need is met.
  std::string subject;
  /// Keys the function had published where the need arose: the caller's object being
  /// unpublished before the call does not meet a need on one of them.
  std::vector<std::string> published;
  /// The need is a release of a lock the function never took (held on entry is its
  /// precondition): checked only at a call where the caller has not taken that lock class
  /// itself, as the release's own effect is passed to the caller's caller only there.
  bool released = false;
  /// What the path where the need arose knew of the parameters' variables (`$3->no_vma`
  /// nonzero): it arises only where they have those values, so a caller that knows one has
  /// the other value (a struct it initialised without naming the field) never meets it.
  std::vector<std::pair<std::string, bool>> when;
  bool operator==(const Need &) const = default;
};

/// What a call does to the caller's locks, in order.
struct Effect {
  enum class Kind {
    Acquire, ///< Held after the call.
    Release, ///< No longer held after the call.
    HeldIf,  ///< Held after the call only when the result is nonzero (`nonzero`) or zero.
    /// Held after the call on some paths, as data the checker does not follow says (a mode
    /// stored in a struct for the matching unlock helper): a may-hold in the caller.
    MayAcquire,
    /// Released on some paths (the caller learns which from a flag): a may-hold after.
    MayRelease,
  };
  Kind kind = Kind::Acquire;
  SummaryLock lock;
  bool nonzero = true;
  bool may = false; ///< HeldIf: held on some of those paths only (a may-hold).
  /// MayRelease: a variable in the parameters' terms (`*$3`, an out parameter the function
  /// clears when it drops the lock) that says after the call whether the lock is still held
  /// (held where it is nonzero, or zero when `guardNonzero` is false); "" when none.
  std::string guard;
  bool guardNonzero = true;
  /// Acquire, HeldIf, MayAcquire: the calls from this function down to the one that took the
  /// lock ("g -> h"), or "" when it took it itself; a finding where a caller returns still
  /// holding it names the whole path.
  std::string path;
  /// MayAcquire: further values (in the parameters' terms) the hold exists only under, with
  /// `guard` (`vma_link_file(vma, hold_rmap_lock)` holds it only where `$1` is nonzero): a
  /// caller whose argument has the other value (a literal `false`) gets no hold.
  std::vector<std::pair<std::string, bool>> also;
  /// MayRelease: only returns of a zero result may have released it (`return error;` before
  /// the release, `return 0;` after): where a literal flag says it is dropped, the caller
  /// still holds it exactly where the result is nonzero.
  bool resultTells = false;
  /// Acquire, HeldIf, MayAcquire: the calls from this function down to one that was given
  /// the lock's owner after the lock was taken and releases other locks for its caller, but
  /// left this one ("g -> drop_locks"), or "": where a caller returns still holding it, the
  /// helper that was to end it.
  std::string passed;
  bool operator==(const Effect &) const = default;
};

struct FunctionSummary {
  std::vector<Need> needs;
  std::vector<Effect> effects;
  /// Lock classes its body takes (itself or through callees), whatever it releases again.
  std::vector<const Lock *> takes;
  /// Every return returns `0`, `NULL` or `false` (an operation not implemented in this
  /// configuration): a branch on its result that needs it nonzero is never taken.
  bool returnsZero = false;
  /// Parameters (by position) it passes to a spec `publish` function, itself or through a
  /// callee, on some path: an unpublished object given to it is published after the call.
  std::vector<int> publishes;
  /// A parameter stored in a field of a parameter (`args->lock = lock;`, `vms->unlock =
  /// unlock;`), as {"$0->lock", "$1"}: a lock the caller reaches through the value is then
  /// named by that field, and a guard that names the field (an init function filling a struct
  /// that the caller later hands to a function whose effect the field guards) is the caller's
  /// own variable.
  std::vector<std::pair<std::string, std::string>> stores;
  bool empty() const {
    return needs.empty() && effects.empty() && !returnsZero && publishes.empty() &&
           stores.empty();
  }
  bool operator==(const FunctionSummary &) const = default;
};

/// What the program driver gives the analysis of one function.
struct CallContext {
  /// The summary of a function of the files checked called by this one, or nullptr.
  std::function<const FunctionSummary *(std::string_view name)> callee;
  /// The parameter names of a function of the files checked called by this one, or nullptr.
  std::function<const std::vector<std::string> *(std::string_view name)> paramsOf;
  /// The lock classes a function of the files checked takes in its body, or nullptr.
  std::function<const std::vector<const Lock *> *(std::string_view name)> takes;
  /// Code outside the files checked may call it (an ops table, a syscall, no caller here):
  /// requirements it does not meet are reported here, not passed on to its callers.
  bool summarisedCallees = false; ///< `callee` finds at least one summary.
  bool entry = true;
  /// No caller can hold anything on entry (a syscall, a function nothing can call): every
  /// requirement not met is reported.  An entry that is not a root reports only those on
  /// lock classes it takes or releases itself; the others are its contract with callers
  /// outside the files checked.
  bool root = true;
  std::vector<std::string> params; ///< Parameter names in order.
  /// Fields some function of the files checked assigns (assignedFields), or nullptr.
  const std::unordered_set<std::string> *assignedFields = nullptr;
  /// The function's lock annotations (`__must_hold`, `__acquires`, ...), or nullptr.
  const std::vector<LockAnnotation> *annotations = nullptr;
  /// "file:line" of an offset of this function's file, for the call paths of findings.
  std::function<std::string(uint32_t offset)> where;
};

/// The `stores` of a function body: its top-level statements `p->field = q;` where `p` and
/// `q` are parameters (an init function filling a struct), in the parameters' terms.
std::vector<std::pair<std::string, std::string>> paramStores(ts::Node body,
                                                             const std::vector<std::string> &params);
/// `key` with each parameter name replaced by `$i` and `returned` (the returned expression,
/// when not empty) by `$ret`; "" when its root is neither (a local or a global object of the
/// callee, which the caller cannot name).
std::string toParams(std::string_view key, const std::vector<std::string> &params,
                     std::string_view returned = "");
/// `key` at a call: `$i` replaced by the i-th argument and `$ret` by `result`; "" when an
/// argument or the result is missing.
std::string fromParams(std::string_view key, const std::vector<std::string> &args,
                       std::string_view result);


/// What a returned expression says about success: `0`, `NULL`, `false` are Zero; other
/// literals, `-E...`, `true` are Nonzero; an error pointer (`ERR_PTR(...)`, an `errptr make`
/// macro of the hints) is Error, a failed result as NULL is; anything else is Unknown.
enum class ReturnClass { Zero, Nonzero, Unknown, Void, Error };
ReturnClass classifyReturn(std::string_view expr);

/// True when `body` (a function body's text) has at least one `return` and each returns a
/// zero literal (classifyReturn).  A byte scan: a `return` in a comment counts, so a
/// comment can only make the answer false.
bool onlyReturnsZero(std::string_view body);

/// Where a lock stands at each return of a function: held, may be held, or not.
struct ReturnHold {
  ReturnClass cls = ReturnClass::Void;
  enum class Hold { No, May, Yes } hold = Hold::No;
  /// Unknown: a variable the function also sets to a nonzero literal (`error = -ENOMEM;`),
  /// so a hold there is no sign that the result is zero.
  bool maybeNonzero = false;
  /// Held here where the returned variable is NULL on some path: the result does not say.
  bool heldWhenZero = false;
};
/// The effect of holding a lock at the returns `at`: Acquire when held at all of them,
/// HeldIf when the returns that hold it and those that do not are told apart by the result
/// (Unknown counted with Nonzero), nothing (false) otherwise.
bool holdEffect(const std::vector<ReturnHold> &at, Effect::Kind &kind, bool &nonzero);

/// Identifiers called in `code` (`name (` with optional blanks), in order, repeated as often
/// as called (views of `code`).  A byte scan: the call graph is needed before any function is
/// analysed.
std::vector<std::string_view> calledNames(std::string_view code);
/// Identifiers of `names` used in `code` other than as a call or as EXPORT_SYMBOL's argument:
/// functions stored in ops tables or passed by address, which code outside the files checked
/// can call.
std::vector<std::string> addressTaken(std::string_view code,
                                      const std::unordered_set<std::string_view> &names);

/// Fields `code` assigns after it initialised them: `x->f = ...`, `x.f |= ...`, `x->f++`,
/// `--x.f` (not a designated initializer's `.f = ...`, nor a comparison).  A byte scan over
/// every file checked: a field none of them assigns keeps the value its initializer gave.
std::unordered_set<std::string> assignedFields(std::string_view code);

/// Strongly connected components of a graph (`succ[i]`: callees of i), callees before
/// callers: each component comes after every component it reaches.
std::vector<std::vector<uint32_t>> bottomUp(const std::vector<std::vector<uint32_t>> &succ);

} // namespace lockspec::check
