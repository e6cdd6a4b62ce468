// The immutable model of a lockspec: what sema produces and every backend consumes.
//
// Backends see only this header.  Every name is resolved, every requirement is in disjunctive
// normal form, and the tables the spec declares sit beside the ones the compiler derived.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lockspec {

/// A resolved source position, kept so backends can point back at the spec (docs map RST lines
/// to rules/, the checker names the rule it enforces).
struct SourcePos {
  std::string file;    ///< Path as given to the compiler.
  unsigned line = 0;   ///< 1-based.
  unsigned column = 0; ///< 1-based byte column.
};

/// What the spec says about an entity in prose: its RST body and kernel source reference.
struct Documented {
  std::string name; ///< Unique name within its namespace.
  std::string doc;  ///< RST body, indentation removed.
  std::string source;    ///< Kernel file or doc section the rule comes from ("" when none).
  SourcePos pos;    ///< Where the entity is declared.
};

/// A rule, API function or field rule that holds for one of the spec's kernels only
/// (`kernel "..."`), whether this model's target kept it or left it out.
struct VersionedRule {
  std::string kind;   ///< "operation", "field", "field rule", "api", "operation api", ...
  std::string name;   ///< "traverse", "vm_area_struct.flags", "zap.zap_vma_range"
  std::string kernel; ///< The kernel it holds for: an id of kKernels.
  bool kept = false;  ///< Part of this model (its kernel is the target).
  std::string file;   ///< Where it is declared.
  unsigned line = 0, column = 0;
};

/// A kernel the spec can be compiled for: `--kernel ID`.
struct Kernel {
  std::string_view id;    ///< "7.0"
  std::string_view title; ///< "v7.0"
};
/// The kernels the spec covers, oldest first; the first is the default target.
inline constexpr Kernel kKernels[] = {{"7.0", "v7.0"}, {"next", "linux-mm after v7.0"}};
/// The kernel whose id is `id`, or null.
inline const Kernel *findKernel(std::string_view id) {
  for (const Kernel &k : kKernels)
    if (k.id == id)
      return &k;
  return nullptr;
}

/// How a lock is implemented, which constrains its modes.
enum class LockKind { Rwsem, Spinlock, Mutex, VmaLock, Rcu, Seqcount, Ordering };

/// Whether two holders of a mode may coexist (before derivation refines it with `from`).
enum class Sharing { Shared, Exclusive };

/// One mode of a lock class (read, write, downgraded, exclusive ...).
struct Mode {
  std::string name;   ///< "read".
  std::string abbrev; ///< "R"; defaults to the upper-case first letter.
  Sharing sharing = Sharing::Exclusive;
  std::vector<std::string> implies;   ///< Direct weaker modes a hold in this mode satisfies.
  std::string from;                   ///< Mode it can only be entered from ("" if any).
  std::vector<std::string> satisfies; ///< Closure of implies, including the mode itself.
};

/// What a C API function does to its lock.
enum class ApiKind { Acquire, Try, Release, Downgrade, Assert };

/// For a try/killable function: which result means the lock is now held.
enum class TrySuccess { None, True, Zero, NonNull };

/// A parameter of a C API function.
struct ApiParam {
  std::string name;
  bool instance = false; ///< Identifies the lock instance (the `@` marker).
  bool out = false;      ///< Out parameter (`*`): the instance is returned through it.
  std::string member;    ///< `@vmf->vma`: the instance is this path from the argument.
};

/// A flag bit of an argument a release depends on: `flags & FAULT_FLAG_VMA_LOCK`.
struct FlagTest {
  std::string param;  ///< The parameter holding the flags ("" when there is no test).
  std::string member; ///< "->flags" when the flags are a field of the argument, else "".
  std::string flag;   ///< The bit, "FAULT_FLAG_VMA_LOCK".
  bool present() const { return !param.empty(); }
};

/// A C function that acquires, releases, converts or asserts a lock.
struct Api : Documented {
  ApiKind kind = ApiKind::Acquire;
  std::string lock; ///< Lock class name.
  std::vector<ApiParam> params;
  bool returnsInstance = false; ///< `-> @`: the result identifies the held instance.
  std::string returnType;            ///< `-> IDENT` when the result is not the instance.
  std::string mode;                  ///< Mode acquired / released / asserted / converted from.
  std::string toMode;                ///< Downgrade target mode.
  TrySuccess success = TrySuccess::None;
  bool killable = false;
  bool all = false; ///< Affects every instance reachable from the handle.
  std::string fallback;  ///< Function to call when a try fails ("" if none).
  /// A release that happens only when the result has one of these bits (`when
  /// VM_FAULT_RETRY | VM_FAULT_COMPLETED`); empty: whatever the result.
  std::vector<std::string> releasedWhen;
  /// A release of this lock only when the flag is set (`if flags & FAULT_FLAG_VMA_LOCK`) ...
  FlagTest releaseIf;
  /// ... and of `elseLock` (same mode, its owner reached from this instance) when it is clear.
  std::string elseLock;
  /// No release at all when this flag is set (`unless flags & FAULT_FLAG_RETRY_NOWAIT`).
  FlagTest releaseUnless;
  /// `also rcu`: the release also ends the hold of this lock that an argument stands for
  /// (pte_unmap_unlock leaves the RCU section of the table its `pte` was mapped from).
  std::string alsoLock;

  /// A release that depends on the result or on flags: a helper that may drop the lock.
  bool conditionalRelease() const {
    return !releasedWhen.empty() || releaseIf.present() || releaseUnless.present();
  }

  /// Whether a call may wait for the lock: an acquire, or a try that sleeps (killable, or one
  /// that returns the held instance) rather than failing at once.  A `forbidden` nesting is a
  /// deadlock only through such a wait, so trylocks and tries with a fallback are exempt.
  bool blocks() const {
    return kind == ApiKind::Acquire ||
           (kind == ApiKind::Try && success != TrySuccess::True && fallback.empty());
  }
};

/// A C function that finds a lock without taking it (`pointer` in the spec): `pte_lockptr(mm,
/// pmd)` returns the PTE table's lock, `pte_offset_map_rw_nolock(..., @*ptlp)` stores it
/// through an out parameter.  A `spin_lock()` on what it gives takes that lock.
struct LockPointer : Documented {
  std::string lock; ///< Lock class name.
  std::vector<ApiParam> params;
  bool returnsInstance = false; ///< `-> @`: the result is the lock; else an `@*` parameter.
};

/// A split page-table lock: its own instance when `config` is set, else `fallbackLock`.
struct Split {
  std::string config;
  std::string fallbackLock;
};

/// A lock class.
struct Lock : Documented {
  LockKind kind = LockKind::Rwsem;
  std::string owner;       ///< Object whose instances hold one lock each; "" for a global lock.
  std::string path;        ///< C expression of the instance in terms of the owner's var.
  std::vector<Mode> modes; ///< Declaration order; weakest modes usually first.
  std::optional<Split> split;
  std::vector<std::string> apis;     ///< Names of this lock's API functions, in order.
  std::vector<std::string> pointers; ///< Names of its lock-pointer functions, in order.
  std::vector<std::string> groups;   ///< Groups this lock belongs to.
  /// Where the lock comes in the enforced lock order: the length of the longest chain of
  /// enforced order edges that ends at it (0 for a lock nothing is taken before).  Locks held
  /// together are taken in increasing rank.
  unsigned orderRank = 0;

  const Mode *findMode(const std::string &mode) const;
  /// True when a hold in `held` satisfies a requirement of `required`.
  bool satisfies(const std::string &held, const std::string &required) const;
};

/// A named set of alternative locks ("the rmap lock" is anon_vma's or i_mmap's).
struct Group : Documented {
  std::vector<std::string> members;
};

/// A precondition that is not a lock ("interrupts are disabled").
struct Fact : Documented {
  std::string test; ///< C expression, "" if none.
};

/// One element of a normalised requirement.
struct Atom {
  enum class Kind { Lock, Fact };
  Kind kind = Kind::Lock;
  bool held = true;               ///< False: must *not* be held (`!X`).
  std::string lock;                    ///< Lock class (Kind::Lock).
  std::string mode;                    ///< Minimum mode (Kind::Lock).
  std::string fact;                    ///< Fact name (Kind::Fact).
  std::string role;                    ///< Role whose instance is meant.
  std::string object;                  ///< Object type of the role.
  std::vector<std::string> links; ///< Links followed from the role to the lock's owner.
  std::string instance;                ///< C expression of the instance ("" for global locks).
  std::string condition;               ///< Fact under which this atom applies ("" = always).

  bool operator==(const Atom &) const = default;
};

/// One way of satisfying a requirement: all its atoms together.
struct Alternative {
  std::string label; ///< Name of the `any` branch it came from, "" when unnamed.
  /// The doc strings of the `any` branches it came from, outermost first, joined by "; "
  /// ("" when none): why this way of meeting the requirement is enough.
  std::string doc;
  std::vector<Atom> atoms; ///< Sorted, no duplicates.
};

/// A requirement in disjunctive normal form.  No alternatives means "cannot be satisfied";
/// one alternative with no atoms means "no requirement".
struct Requirement {
  std::string text; ///< The spec's expression, re-printed.
  std::vector<Alternative> alternatives;
  /// Why it is needed, in words: the reason string of an operation's `requires` clause ("" for
  /// other requirements and for a clause that gives none).  The checker's findings quote it.
  /// Last, so that `Requirement{text, alternatives}` still builds one.
  std::string reason;
};

/// A named requirement (`let`).
struct Let : Documented {
  Requirement requirement;
};

/// A read or write rule of a field.
struct FieldRule {
  enum class Kind { Locks, Once, Owner };
  Kind kind = Kind::Locks;
  std::string transition;  ///< For writes with several rules: "NULL -> non-NULL".
  std::string owner;       ///< Kind::Owner: who governs it.
  Requirement requirement; ///< Kind::Locks.
  SourcePos pos;
};

/// A field of an object with its access rules.
struct Field : Documented {
  std::string table;  ///< Caption of the docs table it belongs to.
  std::string config; ///< Kernel config it depends on.
  std::optional<FieldRule> read;
  std::vector<FieldRule> writes;
};

/// A pointer from one object to another.
struct Link {
  std::string name;
  std::string target; ///< Object name.
  std::string expr;   ///< C expression in terms of the source object's var.
};

/// A kernel object that holds locks or guarded fields.
struct Object : Documented {
  std::string var; ///< Conventional C variable name.
  std::vector<Link> links;
  std::vector<Field> fields;
  /// Functions that return a new object: until it is published, no other thread can reach
  /// it, so the requirements on its own locks and fields are met (`constructor`).
  std::vector<std::string> constructors;
  /// Functions that make an object passed to them reachable by other threads: inserted into
  /// the mm's tree or linked into the rmap (`publish`).
  std::vector<std::string> publishers;

  const Field *findField(const std::string &field) const;
};

/// A rule relating two locks.
struct Relation : Documented {
  enum class Kind {
    Requires,  ///< Acquiring `lock.mode` requires holding `other.otherMode`.
    EndsWith,  ///< A hold of `lock.mode` ends when `other` leaves `otherMode`.
    Forbidden, ///< Acquiring `lock` (any mode at least `mode`) while holding `other.otherMode`.
  };
  Kind kind = Kind::Requires;
  std::string lock, mode, other, otherMode;
};

/// A lock (with optional mode) named in an order tree.
struct LockMode {
  std::string lock;
  std::string mode; ///< "" when the tree names the lock without a mode.
};

/// A node of an order tree: one level, possibly "either of these locks".
struct OrderNode {
  std::vector<LockMode> locks;
  std::string note;
  std::vector<OrderNode> children;
  SourcePos pos;
};

/// "`from` is taken before `to`", from one tree.
struct OrderEdge {
  LockMode from, to;
  std::string order;  ///< Tree it comes from.
  SourcePos pos; ///< Position of the inner node.
};

/// One lock-order tree as the kernel comment states it.
struct Order : Documented {
  std::string historical; ///< Reason it is not enforced, "" when enforced.
  std::vector<OrderNode> roots;
  std::vector<OrderEdge> edges; ///< Every ancestor-before-descendant pair.
};

/// An object an operation acts on or mentions.
struct Role {
  std::string name;
  std::string object;
  std::string expr; ///< C expression for a fixed object ("&init_mm"), else "".
};

/// A set of locks the spec documents as *not* enough.
struct Rejection {
  Requirement requirement;
  std::string reason;
};

/// Something done to page tables or VMAs, with what it needs.
struct Operation : Documented {
  Role subject;
  std::vector<Role> roles;
  std::vector<Requirement> clauses; ///< Each `requires`, normalised on its own.
  Requirement requirement;          ///< The conjunction of the clauses, normalised.
  std::vector<Rejection> rejects;
  std::vector<std::string> notes, warnings;
  std::vector<std::string> apis;
};

/// A state: the mode held of each axis lock ("" = not held).
using State = std::vector<std::string>;

/// A column of a state table.  A Satisfies column says whether a state meets a requirement;
/// a Reads or Writes column says it of every field it selects, one by one: Y, each of them
/// can be read (written) in that state; N, none can.  A field rule is judged by its
/// alternatives without a fact (a fact is the accessor's own condition, not a lock the table
/// lists); a field with no such alternative is outside the column.
struct TableColumn {
  enum class Kind { Satisfies, Reads, Writes };
  std::string name, title;
  Kind kind = Kind::Satisfies;
  Requirement requirement;         ///< Kind::Satisfies.
  std::string object;              ///< Kind::Reads / Writes.
  std::vector<std::string> tables; ///< Kind::Reads / Writes: field tables selected (empty: all).
};

/// A row as declared: each cell a set of modes ("" = not held), and the expected values.
struct TableRow {
  std::vector<std::vector<std::string>> cells;
  std::vector<bool> values;
  SourcePos pos;
};

/// A concrete state and the column values the compiler computed for it.
struct DerivedRow {
  State state;
  std::vector<bool> values;
};

/// The lock-state table: which lock combinations make an object stable, readable, writable.
struct StateTable : Documented {
  std::string object;
  std::vector<std::string> axes, axisTitles; ///< Lock or group per axis.
  std::vector<TableColumn> columns;
  std::vector<TableRow> rows;      ///< As declared (and checked).
  std::vector<DerivedRow> derived; ///< Every valid state, computed.
};

/// The exclusivity matrix of one lock's modes.
struct Matrix : Documented {
  std::string lock;
  std::vector<std::string> modes;          ///< Row / column order (mode names).
  std::vector<std::vector<bool>> excludes; ///< Declared (and equal to derived).
};

/// A prose section the docs need that belongs to no single entity.
struct Topic : Documented {
  std::string title;
};

/// The whole spec.  Sema builds it; after that it is never modified.
struct Model {
  std::vector<std::string> files; ///< Every spec file read, in order (for depfiles).
  std::vector<Object> objects;
  std::vector<Lock> locks;
  std::vector<Api> apis;
  std::vector<LockPointer> pointers;
  std::vector<Group> groups;
  std::vector<Fact> facts;
  std::vector<Let> lets;
  std::vector<Relation> relations;
  std::vector<Order> orders;
  std::vector<Operation> operations;
  std::vector<StateTable> tables;
  std::vector<Matrix> matrices;
  std::vector<Topic> topics;
  std::string kernel{kKernels[0].id};    ///< The kernel this model is for (`--kernel`).
  std::vector<VersionedRule> versioned; ///< Rules of one kernel only, kept or left out.

  const Object *findObject(const std::string &name) const;
  const Lock *findLock(const std::string &name) const;
  const Api *findApi(const std::string &name) const;
  const Group *findGroup(const std::string &name) const;
  const Operation *findOperation(const std::string &name) const;

  /// Link names followed from object `from` to object `to` (shortest path), or nullopt when
  /// `to` is unreachable.  Sema resolves instances with it; implied holds follow the same path.
  std::optional<std::vector<std::string>> linkPath(const std::string &from,
                                                   const std::string &to) const;

  /// The object reached from `expr`, an instance of `object`, by following `links` in order,
  /// and its C expression.  Sema builds lock instances with it and the checker maps C
  /// expressions onto lock owners with it, so both spell a path the same way.
  struct Reached {
    std::string expr;     ///< C expression of the reached object.
    const Object *object; ///< Never null.
  };
  /// Nullopt when a link or an object on the way is unknown.
  std::optional<Reached> followLinks(std::string expr, const std::string &object,
                                     const std::vector<std::string> &links) const;

  /// Every enforced order edge, from all non-historical trees.
  std::vector<OrderEdge> enforcedEdges() const;

  /// Indexes the names behind the find functions and relationsAbout(): those of the items
  /// appended to the vectors above since the last call.  The find functions see the model
  /// as of the last call: sema calls it after each pass that appends objects, locks or
  /// relations, and once the model is complete; whoever builds a model by hand calls it
  /// before looking names up.  Items are only ever appended.
  void index();

  /// Indexes into `relations` of the relations whose `lock` is `lock` (empty when none).
  const std::vector<size_t> &relationsAbout(const std::string &lock) const;

private:
  /// Name -> position; where a name is declared twice (an error sema reports), the first.
  using NameIndex = std::unordered_map<std::string, size_t>;
  NameIndex objectIndex_, lockIndex_, apiIndex_, groupIndex_, operationIndex_;
  std::unordered_map<std::string, std::vector<size_t>> relationIndex_;
  /// How many objects, locks, apis, groups, operations and relations are indexed.
  size_t indexed_[6] = {};
};

/// Replaces every use of the variable `var` in the C expression `expr` with `replacement`
/// (parenthesised when it is not a postfix chain).  Member names after '.' or '->' are kept.
std::string substituteVar(const std::string &expr, const std::string &var,
                          const std::string &replacement);

const char *toString(LockKind kind);
const char *toString(Sharing sharing);
const char *toString(ApiKind kind);
const char *toString(TrySuccess success);
const char *toString(Relation::Kind kind);
const char *toString(FieldRule::Kind kind);
const char *toString(TableColumn::Kind kind);

} // namespace lockspec
