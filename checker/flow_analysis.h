// The per-function lock analysis: one FunctionAnalysis walks one function's control-flow
// graph (cfg.h) to a fixed point with the lock state of lock_state.h, then once more reporting.
//
// Its members are defined by concern: flow.cc (declarations, the graph and returns),
// flow_effects.cc (what lock API calls do to the state), flow_expr.cc (expressions and
// conditions), flow_requirements.cc (operation, field and relation requirements).
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "c_expr.h"
#include "cfg.h"
#include "checker.h"
#include "lock_state.h"
#include "summary.h"
#include "wording.h"

namespace lockspec::check {

/// Roles of an operation or field rule, bound to C expressions at one call or write.
struct RoleBinding {
  std::string expr;   ///< "" when the checker cannot tell which argument it is.
  std::string object; ///< Object type of the role.
};
using Roles = std::map<std::string, RoleBinding>;

constexpr int kMaxDepth = 400; // Deeper nesting is not analysed (fuzzed input, macros).
/// Silent passes over a graph with cycles before the pass that reports.
constexpr int kMaxPasses = 8;

class FunctionAnalysis {
public:
  FunctionAnalysis(const LockIndex &index, ts::Node function, std::string_view name,
                   std::vector<Finding> &out, const CallContext *ctx = nullptr,
                   FunctionSummary *summary = nullptr)
      : index_(index), model_(index.model()), function_(function), name_(name), out_(out),
        ctx_(ctx), summary_(summary) {
    if (const Api *api = index.api(name))
      returnsHolding_ = model_.findLock(api->lock);
  }

  void run(const std::vector<StructParam> &parameters);

private:
  // ---- Reporting -----------------------------------------------------------------------

  Diagnostic *report(Severity severity, const char *rule, uint32_t begin, uint32_t end,
                     std::string message);
  Diagnostic *report(Severity severity, const char *rule, ts::Node at, std::string message);

  void noteHere(Diagnostic *d, uint32_t begin, uint32_t end, std::string message);
  void noteSpec(Diagnostic *d, const SourcePos &pos, std::string message);

  // ---- Declarations: types and aliases ---------------------------------------------------

  static ts::Node declaredIdentifier(ts::Node d);

  void collectParameters(const std::vector<StructParam> &parameters);

  /// A local declaration: its object type, and an alias when it is initialised from another
  /// name (`struct mm_struct *mm = vma->vm_mm;` makes `mm` and `vma->vm_mm` one object until
  /// `mm` is assigned again).
  void declare(ts::Node declaration, ts::Node declarator);

  /// `var` now holds `value`: update aliases and lock-pointer bindings.
  void assigned(const std::string &var, ts::Node value);

  /// `var` (a name or a member, `vmf->ptl`) now holds `value`: when that is a lock (a path
  /// of the spec, a pointer function's result, `&mm->page_table_lock`), `var` points at it.
  void bindPointer(const std::string &var, ts::Node value);

  /// The canonical key of an owner expression with single-assignment aliases applied.
  std::string resolve(std::string expr) const;

  std::string typeOf(const std::string &expr) const;

  // ---- Lock instances --------------------------------------------------------------------

  struct Instance {
    const Lock *lock = nullptr; ///< nullptr: a lock the spec does not know (an opaque pointer).
    std::string key;
  };

  Instance instanceOf(const Api &api, const std::vector<ts::Node> &args,
                      const std::string &resultVar);

  /// `var` points at the split page-table lock `lock` of the table a call names
  /// (`pte_offset_map_lock(mm, pmd, addr, &ptl)`: the PTE table under `pmd`), recorded so
  /// that two pointers at one table's lock are one lock.
  void bindTable(const std::string &var, const Lock *lock, const std::vector<ApiParam> &params,
                 const std::vector<ts::Node> &args);
  /// compareKeys, except that two pointers bound to the lock of one table are the same lock.
  Alias compareHeld(const std::string &a, const std::string &b) const;

  /// `key` is `*p` for a parameter `p` of this function pointing at a lock the spec cannot
  /// name here (`spinlock_t *ptl1`): its class is the one the caller's argument points at.
  bool parameterPointer(const std::string &key) const;
  /// The class of the lock `*p` (a key) when `p` is a pointer bound to one here, or nullptr.
  const Lock *pointerClassOf(const std::string &key) const {
    if (key.size() < 2 || key[0] != '*')
      return nullptr;
    auto it = pointerClass_.find(key.substr(1));
    return it == pointerClass_.end() ? nullptr : it->second;
  }

  /// A may-hold `h` was just released: where the caller's hold of the same lock was
  /// released on some paths only (the others still had it), it is released on all now.
  void callerReleasedToo(State &st, const Held &h);

  /// The held lock `inst` denotes: an exact key match first, else one that may alias.
  /// Among several holds of one instance, the one in `mode` is preferred.
  Held *findHeld(State &st, const Instance &inst, const std::string &mode = "");

  // ---- Requirements ----------------------------------------------------------------------

  std::string atomText(const Atom &a, const Roles &roles) const;

  /// The owner expression an atom asks for at this call, or "" when unknown.  The compiler
  /// already resolved the atom's instance in terms of its role ("vma->vm_mm->mmap_lock");
  /// the owner is that path minus the lock's own suffix, with the role's argument put in.
  std::string requiredOwner(const Atom &a, const Roles &roles) const;

  /// ByCaller: held through a parameter pointer whose class the callers decide (`weaker`).
  enum class AtomStatus { Ok, Missing, WrongMode, Forbidden, Assumed, ByCaller };
  struct AtomCheck {
    AtomStatus status = AtomStatus::Ok;
    const Held *weaker = nullptr;
  };

  AtomCheck checkAtom(const Atom &a, const Roles &roles, State &st, const Lock *own);

  /// How a requirement is met: by held locks, only by facts the checker cannot see, or not.
  /// `OwnWeaker` (silent checks only): not met, and some way lacks only a stronger mode of
  /// locks the function took itself.
  enum class Verdict { No, ByFacts, ByLocks, OwnWeaker };

  /// Checks `req` at `at`; reports under `what` (e.g. "call to 'zap_vma_range'") and `rule`
  /// unless `silent`, in the words of `why`.
  /// `subject`: the object whose field `req` guards (a field write), "" for an operation.
  Verdict checkRequirement(const Requirement &req, const Roles &roles, State &st, const Lock *own,
                           ts::Node at, const std::string &what, const std::string &ruleName,
                           const SourcePos &rulePos, bool silent = false, const Why &why = {},
                           const std::string &subject = "");

  /// "without X (it holds Y)" for the clauses of `req` that the state does not meet, and in
  /// `reasons` why each lock they lack is needed (wording.h); the rest of a missing-lock
  /// message.
  std::string missingWords(const Requirement &req, const Roles &roles, State &st, const Lock *own,
                           const Why &why,
                           std::vector<std::pair<const Lock *, std::string>> &reasons);

  /// "(it holds 'mmap_lock' of 'mm' for read)": the definite holds of `classes` in `st`.
  std::string heldWords(const State &st, const std::vector<const Lock *> &classes) const;

  /// `fn`: the function called, whose parameter names bind roles when it is defined in the
  /// files checked (`copy_page_range(tmp, mpnt)` binds `src_vma` to `mpnt`).
  Roles operationRoles(const Operation &op, const std::vector<ts::Node> &args,
                       std::string_view fn = {}) const;

  void checkOperations(const std::string &fn, const std::vector<ts::Node> &args, State &st,
                       ts::Node call, const Lock *own);

  void fieldWrite(ts::Node lhs, ts::Node rhs, State &st);

  // ---- Lock effects ----------------------------------------------------------------------

  bool modeMatches(const Lock *lock, const std::string &held, const std::string &wanted) const;

  void checkAcquire(const Api &api, const Held &taking, State &st, ts::Node call);

  /// Holds that end when `lock` leaves `mode` (VMA write locks end with the mmap write hold).
  void endDependents(State &st, const Lock *lock, const std::string &leftMode);

  void release(const Api &api, const Instance &inst, State &st, ts::Node call);

  /// Whether a call's argument has a flag bit: named in it (`flags | FAULT_FLAG_VMA_LOCK`),
  /// clear when neither the argument's names nor this function's code can carry it.
  enum class Flag { Clear, Set, Unknown };
  Flag flagIn(const FlagTest &t, const Api &api, const std::vector<ts::Node> &args) const;

  /// A release that depends on flags and the result (handle_mm_fault): which lock the flags
  /// say, released where `resultVar` has the result bits (a guarded may-hold until tested).
  void releaseIf(const Api &api, const Instance &inst, const std::vector<ts::Node> &args,
                 const std::string &resultVar, State &st, ts::Node call);

  /// `also LOCK`: the release also ends the hold of LOCK an argument stands for (its map
  /// call's result), or the caller's when the argument came from the caller.
  void releaseAlso(const Api &api, const std::vector<ts::Node> &args, State &st);

  /// A release before this function took the lock at all: the caller held it on entry (the
  /// kernel marks such functions __releases()).  A hold of that class the function takes
  /// again later is the caller's state restored, not a leak.
  void callerHeld(const Api &api, const Instance &inst, const char *verb, const State &st,
                  ts::Node call);
  /// True when `a` is a parameter's field or pointee this path has not assigned (what the
  /// caller mapped, as do_wp_page's `vmf->pte`).
  bool callerMapped(ts::Node a, const State &st) const;
  /// True when the body assigns `var` the result of a call of a spec API or of a function
  /// with a summary (which may have returned it locked).
  bool lockedByCall(std::string_view var) const;

  /// `who` (an assert API, or an assertion macro on a try) asserts `inst` held in `mode`:
  /// checked against a hold of this function's, else held from here as the caller's (never a
  /// leak) and a requirement passed on to the callers.  `taking` is the hold at the call.
  void assertHeld(const std::string &who, const Instance &inst, const std::string &mode,
                  Held taking, State &st, ts::Node call);

  /// The mode a holder must have for a try of `lock` in `mode` to fail: the strongest mode
  /// that every mode excluding `mode` (the spec's exclusivity matrix, or the modes' sharing)
  /// satisfies; "" when none.  `BUG_ON(mmap_read_trylock(mm))` asserts the mmap lock held
  /// for write.
  std::string excludedBy(const Lock &lock, const std::string &mode) const;

  /// `NAME(cond, ...)` of an `assertion` hint as a statement: the path goes on where `cond` is
  /// false.  A try there that must fail (`BUG_ON(mmap_read_trylock(mm))`) takes nothing and
  /// asserts the lock held in the mode that keeps it out (excludedBy).
  void assertion(ts::Node call, const std::vector<ts::Node> &args, State &st, int depth);

  struct TryResult {
    TrySuccess success = TrySuccess::None;
    Held held;
    /// Other holds the same outcome gives (a callee holding one of several lock classes
    /// through one pointer on success).
    std::vector<Held> more;
  };

  /// Applies a call's lock effect.  A try whose result is not stored in `resultVar` is
  /// returned for the caller to place on the branch where it succeeded.
  /// `args` are callArgs(call), which the caller has just evaluated.
  std::optional<TryResult> applyCall(ts::Node call, State &st, const std::string &resultVar,
                                     const std::vector<ts::Node> &args, std::string_view as = {});

  // ---- Expressions -----------------------------------------------------------------------

  /// Evaluates a call's arguments in order and returns them (callArgs) for applyCall, so the
  /// argument list is walked once per call.  Comments, which callArgs leaves out, have no effect.
  std::vector<ts::Node> evalArgs(ts::Node call, State &st, int depth);

  /// The pointer `var` was set anew on this path: a release through its old value
  /// (`State::gone`) says nothing of holds through the new one.
  static void pointerSet(State &st, const std::string &var);

  /// Evaluates `value` for its effects and, when it is a call, stores a try result in `var`.
  void evalInto(ts::Node value, const std::string &var, State &st, int depth);

  void addMay(State &st, Held h);

  /// A try's result says it succeeded on this path: `h` is held.
  void succeeded(State &st, const Held &h);

  void eval(ts::Node e, State &st, int depth);

  /// False when evaluating an expression with this text on `st` can neither change the state
  /// nor report: no call or field write the spec knows (no identifier the index acts on), no
  /// assignment (aliases), no statement expression, no `?:`, `&&` or `||` (whose join could
  /// turn a duplicated hold into a may-hold), no pending try result (read by name), and no
  /// call at all while the path knows a variable's value (any call may write it:
  /// forgetWritten).  Walking such a subtree node by node cost more than this byte scan
  /// (argument lists, conditions, address arithmetic).
  bool mayHaveEffect(const State &st, std::string_view text) const;

  /// The lock `e` points at when it is a pointer variable or member bound to one (`ptl`,
  /// `vmf->ptl`), with its key (`*ptl`); {nullptr, ""} otherwise.
  std::pair<const Lock *, std::string> pointerLock(ts::Node e) const;
  /// The value of a literal (`0`, `NULL`, `false`; `1`, `true`, `-EINTR`), of an error pointer
  /// (`ERR_PTR(-EAGAIN)`), or of a `?:` whose arms are both failures (NULL or an error
  /// pointer), as a Fact with no variable; nullopt when unknown.
  static std::optional<Fact> literalValue(ts::Node value);
  /// `var` was assigned `value`: setFact with its literalValue.
  static void assignFact(State &st, const std::string &var, ts::Node value);

  /// A call may write through its `&v` and pointer arguments: what the path knew of `v` and
  /// `*v` is forgotten.
  static void forgetWritten(State &st, const std::vector<ts::Node> &args);

  static bool isLogical(ts::Node e);

  static std::string_view binaryOp(ts::Node e);

  /// The states after `e` evaluates to true and to false.
  std::pair<State, State> cond(ts::Node e, State st, int depth);

  /// `IS_ERR(arg)` (`IS_ERR_OR_NULL(arg)` when `orNull`), an error-pointer test of the hints:
  /// the states where it is true and false.  Either test true is a failed result, as NULL is
  /// (what a try holds on failure is held, what it holds with a valid pointer is not);
  /// IS_ERR_OR_NULL false is a valid pointer; IS_ERR false (NULL or valid) leaves a try's
  /// result to the next test.
  std::pair<State, State> errorTest(ts::Node arg, bool orNull, State st, int depth);

  /// `if (guard(CLASS)(args)) stmt`, what the macro hints make of `scoped_guard(CLASS, args)
  /// stmt`: the lock is held in `stmt` only.  nullopt when `e` is not one.
  std::optional<std::pair<State, State>> scopedGuard(ts::Node e, State &st, int depth);

  // ---- Statements ------------------------------------------------------------------------

  /// A return with `st` (handing over holds of `returned`, the returned expression): reported
  /// at once without a summary to fill in, else recorded for finish().
  /// `text`: the returned variable as written (before aliases resolve it), or "".
  void atReturn(const State &st, uint32_t begin, uint32_t end, const std::string &returned,
                ReturnClass cls, int outcome = 0, const std::string &text = "");

  /// VMA write locks have no release of their own: they end with the mmap write hold.
  bool endsWithOther(const Held &h) const;

  // ---- The graph ----------------------------------------------------------------------

  /// The side tables a walk fills in source order (aliases, classes taken, caller holds):
  /// each pass over the graph starts from the same ones, so the pass that reports sees what
  /// a single source-order walk would.
  struct Tables {
    std::unordered_map<std::string, std::string> types, aliases;
    std::unordered_map<std::string, const Lock *> pointerClass;
    std::set<const Lock *> taken;
    std::vector<Instance> entryHeld;
    std::unordered_map<std::string, std::string> pointerTable;
  };
  Tables tables() const {
    return {types_, aliases_, pointerClass_, taken_, entryHeld_, pointerTable_};
  }
  void restore(const Tables &t);

  /// Runs `body` (a function body, or a GNU statement expression when `nested`) from
  /// `entry` to a fixed point, then once more reporting; returns the state at its closing
  /// brace (a function body's is checked as an implicit return).
  State graph(ts::Node body, State entry, bool nested, int depth);

  /// One block from `st`: the state on each outgoing edge.  A return is checked here; the
  /// closing brace of a nested body joins into `end` instead.
  std::vector<State> transfer(const CfgBlock &b, const std::vector<char> &inert, State st,
                              bool nested, State &end, int depth);
  const LockIndex &index_;
  const Model &model_;
  ts::Node function_;
  std::string name_;
  std::vector<Finding> &out_;
  const Lock *returnsHolding_ = nullptr; ///< The function is a spec API returning this lock.

  std::unordered_map<std::string, std::string> types_;         ///< Variable -> object name.
  std::unordered_map<std::string, std::string> aliases_;       ///< Variable -> what it was set to.
  std::unordered_map<std::string, const Lock *> pointerClass_; ///< `ptl` -> its lock class.
  /// Pointers the function releases with an API of one lock class (`pte_unmap_unlock(pte,
  /// vmf->ptl)` ties `vmf->ptl` to pte_lock), found once by releasedAs().
  std::unordered_map<std::string, const Lock *> releaseTies_;
  bool releaseTiesFound_ = false;
  /// The class of the lock `ptr` points at by the releases of the function's own code, or
  /// null.
  const Lock *releasedAs(const std::string &ptr);
  /// `ptl` -> the table its lock belongs to, as the call that bound it named it ("pmd=pmd").
  std::unordered_map<std::string, std::string> pointerTable_;
  std::set<const Lock *> taken_;    ///< Classes taken so far, in walk (source) order.
  /// Local lock pointers set by a call that also mapped the lock's table (a `pointer`
  /// function's out parameter that is a try of another lock: `pte_offset_map_rw_nolock`).
  std::set<std::string> mappedHere_;
  /// A local pointer -> the field it was stored in (`args->lock = lock;`, here or by a
  /// callee's FunctionSummary::stores): a lock held through it is the caller's to name so.
  std::unordered_map<std::string, std::string> storedIn_;
  std::vector<Instance> entryHeld_; ///< Locks the caller held on entry.
  /// Locks of the caller's this function releases, as any pass so far found them: a pass
  /// over a graph with a cycle knows those a later block of the previous pass showed.
  std::vector<Instance> callerLocks_;
  /// Parameters assigned in the body (seen so far in any pass): a lock of one may be of the
  /// caller's object on some paths and of another object on others.
  std::set<std::string> rebound_;
  /// `lock` of `key` is one the caller holds on entry (entryHeld_ or callerLocks_).
  bool callerLock(const Lock *lock, const std::string &key) const {
    auto is = [&](const Instance &i) { return i.lock == lock && i.key == key; };
    return std::any_of(entryHeld_.begin(), entryHeld_.end(), is) ||
           std::any_of(callerLocks_.begin(), callerLocks_.end(), is);
  }
  /// This function's own releases of a lock it had not taken (callerHeld), by call offset:
  /// where it releases the lock on every path, holding it on entry is its precondition.
  struct CallerRelease {
    Instance inst;
    std::string mode, api;
    uint32_t begin = 0, end = 0;
    /// A statement of the body itself (or of a plain block in it), under no condition, loop
    /// or label: the function releases the lock whenever it gets that far.
    bool topLevel = false;
  };
  std::vector<CallerRelease> callerReleases_;
  /// Locks asserted where this function had not taken them (the caller's, as `__must_hold`
  /// says), each with what its path knew there (`*locked` nonzero, `take_locks` zero): a
  /// may-hold of one at a return, held exactly where one of those values says, is the
  /// caller's kept.
  std::vector<std::pair<Instance, std::vector<Fact>>> assertedHeld_;
  std::set<std::pair<uint32_t, std::string>> reported_;
  /// A field a callee set to one of its arguments (`vms.unlock` -> `unlock`, from a
  /// summary's `stores`): a guard naming the field is that argument.
  std::unordered_map<std::string, std::string> stored_;
  /// `l = right;` stores a local object where the caller reads it (a parameter's field or
  /// pointee): holds of it, or of objects reached from it, are handed over by that name.
  void handOver(ts::Node l, ts::Node right, State &st);
  /// assignedInBody(), by parameter.
  mutable std::map<std::string, bool, std::less<>> assignedInBody_;

  // ---- Summaries (flow_summary.cc) -------------------------------------------------------

  /// Passes an unmet requirement (`alternatives` in this function's keys) on to the callers
  /// when this function is not an entry point; false when it must be reported here.
  /// `classes`: every lock class the original requirement names; an entry that takes or
  /// releases one of them reports the requirement rather than leave it to its callers.
  /// `at`: where `what` happened in this function, prefixed to it only when it is passed on.
  /// `why`: the rule's reason for each lock, which a finding at a root ends with.
  /// `subject` and `published` (this function's keys) become the Need's, and so do the
  /// values `when` says the path knew of variables rooted in a parameter.
  bool passOn(const std::vector<std::vector<SummaryLock>> &alternatives, std::string what,
              std::string path, std::vector<const Lock *> classes = {}, uint32_t at = UINT32_MAX,
              std::vector<std::pair<const Lock *, std::string>> why = {},
              const std::string &subject = "", const std::vector<std::string> &published = {},
              bool released = false, const std::vector<Fact> &when = {});
  /// The value `key` (an argument's variable at a call) is known to have: a literal; what a
  /// test on this path found of a variable passed in (passedIn); or a field of a local
  /// struct that its designated initializer leaves zero or sets to a literal (`struct
  /// mm_walk walk = { .ops = ops };` makes `walk.no_vma` zero) and no function assigns.
  /// Locals the function assigns are not trusted: a loop's join does not forget their value.
  std::optional<bool> knownValue(const State &st, const std::string &key) const;
  /// `p` (in the parameters' terms, `$3->no_vma`) is a value the caller passed in: a
  /// parameter the function never assigns, or a field of one that no function of the files
  /// assigns (a flag an initializer set).
  bool passedIn(const std::string &p) const;
  /// Parameters the function assigns (`vma = vma->vm_next;`): a fact about one describes a
  /// later value, not the caller's argument.
  bool assignedInBody(std::string_view param) const;
  // ---- Objects not yet published (spec `constructor` / `publish`) ------------------------

  /// `var = call`: true when the call returns a new object for `var` (a spec constructor of
  /// `var`'s object type, or any call in a constructor's own definition whose result it
  /// returns).
  bool constructs(ts::Node call, const std::string &var) const;
  /// True when `id` is a local of this function declared as a value (not a pointer) with no
  /// initializer and never assigned: only calls given `&id` fill it (`pmd_t _pmd;` filled by
  /// `pmd_populate(mm, &_pmd, pgtable)`), so it is no copy of an entry other threads see.
  bool freshLocalValue(std::string_view id) const;
  /// True when `id` is a parameter or local of this function declared as a pointer.
  bool declaredPointer(std::string_view id) const;
  mutable std::unordered_map<std::string, bool> pointerVars_; ///< declaredPointer's answers.
  /// `p += n`, `p -= n`, `p++`, `p--` on a pointer this path knows valid: it stays valid and
  /// within what it points into (a mapped PTE table), so the holds it guards stay tied to it.
  bool stridesValidPointer(const State &st, ts::Node var, std::string_view op) const;
  /// What freshLocalValue reads from the body: names declared as plain values, and names
  /// initialised or assigned anywhere (views of the source).
  struct FreshLocals {
    std::unordered_set<std::string_view> declared, assigned;
  };
  mutable std::optional<FreshLocals> freshLocals_;
  /// `key` becomes reachable by other threads; a parameter is recorded in the summary.
  /// `direct`: by this function's own publish call or store, not a callee's summary (which
  /// may publish on some of its paths only: `vma_link` fails before it stores).
  void publish(State &st, const std::string &key, bool direct = true);
  /// Objects this function constructed and then published itself (unpublished up to a
  /// direct publication on some path): no caller can hold a lock of one, so a need naming
  /// it in every alternative is the function's own to meet.
  std::set<std::string> constructedHere_;
  /// Identifiers this function returns (`return x;`), when it is a spec constructor.
  std::vector<std::string> returnedVars_;

  // ---- The kernel's lock annotations (flow_annotations.cc) -------------------------------

  /// An annotation of this function, its lock found through the spec's lock paths.
  struct Declared {
    LockAnnotation::Kind kind;
    const Lock *lock = nullptr; ///< nullptr: a lock only a pointer names (`vmf->ptl`).
    std::string mode, key, text;
    bool nonzero = true; ///< CondAcquires: held when the result is nonzero (`true`).
    uint32_t at = 0;
  };
  std::vector<Declared> declared_;
  /// Reads the annotations: `__must_hold` locks are held in `entry` and passed on as needs.
  void readAnnotations(State &entry);
  /// The annotation of `kind` (Acquires also finds CondAcquires) naming this lock, or nullptr.
  const Declared *declared(LockAnnotation::Kind kind, const Lock *lock,
                           const std::string &key) const;
  /// Effects the annotations declare that the body did not show (summary.h).
  void declaredEffects();
  /// The single-lock requirement `lock` of `key` in `mode`, as passOn takes it.
  static std::vector<std::vector<SummaryLock>> oneLock(const Lock *lock, std::string mode,
                                                       std::string key);
  /// True when `text` names an API, operation or guarded field of the spec, or a callee
  /// with a summary.
  bool mentions(std::string_view text) const {
    if (index_.mentionsAny(text) || text.find("guard(") != std::string_view::npos ||
        MacroHints::kernel().mentionsReleaser(text))
      return true;
    return ctx_ && ctx_->summarisedCallees &&
           anyIdentifier(text, [&](std::string_view w) { return ctx_->callee(w) != nullptr; });
  }
  /// "file:line: " for an offset of this file, or "" without a program context.
  std::string where(uint32_t offset) const;
  /// A call to a function with a summary: its needs checked here, its effects applied.
  /// Returns a hold that depends on the call's result, for the caller to place.
  std::optional<TryResult> applySummary(const FunctionSummary &s, const std::string &fn,
                                        ts::Node call, State &st, const std::string &resultVar,
                                        const std::vector<ts::Node> &args);
  /// What returns held, recorded by atReturn and turned into findings and effects by finish().
  struct ReturnRecord {
    uint32_t begin = 0, end = 0;
    ReturnClass cls = ReturnClass::Void;
    std::vector<Held> held;     ///< Not counting what the return hands over or restores.
    std::vector<Held> released; ///< Caller-held locks released on the way here (or may be).
    std::vector<Fact> facts;    ///< What the path knew of its variables here.
    std::string value;          ///< The returned expression (resolved), or "".
    std::string text;           ///< The returned variable as written, or "".
  };
  void finish();
  /// A caller's lock `i` released on every path by this function's own call (callerHeld):
  /// holding it on entry becomes a need of the callers, or an unmatched release where no
  /// caller can hold it.
  /// How the function's own releases of `i` (callerHeld) are reached: on every path; on
  /// exactly the paths that return zero; on some paths; or on some paths, the lock taken
  /// again before every return.  All but the first count only a release that is a statement
  /// of the body itself; the last two never make a `caller-held` note an error.
  enum class Reach { Every, Success, Some, Retaken };
  void heldOnEntry(const Instance &i, Reach reach = Reach::Every);
  /// A callee's summary releases `released` (its mode from the callee's own release calls)
  /// where this function holds `o`: a wrong-mode error at the call when the modes differ.
  /// True when it reported one: the hold is left as it was (the callee ended another mode).
  bool releaseMode(const Held *o, const Held &released, const std::string &fn, ts::Node call);
  /// Calls and needs found unmet by any pass (by call offset and the need's origin).
  std::set<std::pair<uint32_t, std::string>> firstUnmet_;

  const CallContext *ctx_ = nullptr;
  FunctionSummary *summary_ = nullptr;
  /// By return offset and outcome (0, or 1/2 for a return split by its result).
  std::map<std::pair<uint32_t, int>, ReturnRecord> returns_;
  /// Lock classes the function takes or releases (directly or through callees), once passOn
  /// needs them; holds nullptr once computed.
  std::set<const Lock *> touches_;
  /// Holds a callee's summary handed over at a call, by the call's offset and the lock class:
  /// the calls down to the one that took the lock (`g -> h`).
  std::map<std::pair<uint32_t, const Lock *>, std::string> calleePath_;
  /// Calls that released a definite hold on some paths only (`Held::keptAt`): the calls
  /// down to the one that may have kept it.
  std::map<uint32_t, std::string> keptBy_;
  /// Calls given a hold's owner that released other locks of the caller's but not it
  /// (`Held::passedAt`): the calls down to the one that left it.
  std::map<uint32_t, std::pair<uint32_t, std::string>> passedBy_; ///< by call: its end, the calls
  /// A note on a held-at-return finding `d` at the call that was given `h`'s owner and
  /// left it held (`Held::passedAt`), naming the calls down to it.
  void notePassed(Diagnostic *d, const Held &h);
  /// The calls a hold at a return went through: those down to one that released it on some
  /// paths only (", released on some paths only (through f -> g -> h)"), or to the one that
  /// took it (" (through f -> g -> h)"), or "".
  std::string takenThrough(const Held &h) const;
  /// The calls down to the function that took `h` or may have kept it, or "".
  std::string holdPath(const Held &h) const;
  /// The body assigns `var` a nonzero literal somewhere (`error = -ENOMEM;`).
  bool setsNonzero(const std::string &var) const;
  /// While an operation call is checked: the lock classes the callee's body takes.
  const std::vector<const Lock *> *calleeTakes_ = nullptr;
};

} // namespace lockspec::check
