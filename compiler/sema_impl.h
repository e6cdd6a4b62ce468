// Sema's internals, shared by its files: sema.cc declares the names and resolves objects,
// locks, groups, facts, lets and topics; sema_order.cc relations and lock-order trees;
// sema_fields_operations.cc the fields' and operations' requirements; sema_normalize.cc turns
// requirement expressions into disjunctive normal form; sema_derive.cc derives and checks the
// lock-state tables and exclusivity matrices.
// Nothing outside sema*.cc includes this; the interface is sema.h.
#pragma once

#include "sema.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string_view>

#include "flat_name_map.h"
#include "requirement.h"

namespace lockspec::detail {

/// Alternatives beyond this mean a requirement that no reader could check by hand.
inline constexpr size_t kMaxAlternatives = 4096;

/// What a name in the global namespace refers to.
struct Entity {
  std::string_view kind; // "object", "lock", ...: always a literal, so never a copy per name.
  Span span;
  size_t index = 0;
};

/// A role as atoms name it: interned once per context, not once per atom.
struct RoleSymbols {
  Symbol name, object;
};

/// Where an expression is evaluated: the roles atoms may name.
struct Context {
  Symbol subject;                                        // Default role.
  std::map<std::string, RoleSymbols, std::less<>> roles; // By role name.
};

/// One alternative under construction, with the span that produced it.
struct PendingAlt {
  Alternative alt;
  Span span;
};

/// "an object", "a lock": the article a diagnostic needs before `noun`.
inline std::string withArticle(std::string_view noun) {
  bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

/// "1 value", "2 values"; "axis" pluralises as "axes".
inline std::string counted(size_t n, const std::string &noun) {
  std::string word = noun;
  if (n != 1)
    word = noun == "axis" ? "axes" : noun + "s";
  return std::to_string(n) + " " + word;
}

/// What the passes up to relations() build and every later pass only reads.
struct DeclaredTables {
  /// Hashed: every atom of every requirement is looked up here, and nothing iterates them.
  /// Keys view the names in the tree, which outlives sema.
  FlatNameMap<Entity> names;
  /// Per lock (same index as Model::locks): the index of the mode an atom without one means,
  /// the mode every other mode satisfies (else the first).  Computed once in locks().
  std::vector<size_t> weakestModes;
  /// Per lock, its modes' names interned (same order as Lock::modes).
  std::vector<std::vector<Symbol>> modeNames;
  std::vector<Symbol> fileNames; ///< Per SourceManager file id.
  std::vector<Symbol> lockNames; ///< Per lock, same index as Model::locks.
};

class Sema {
public:
  Sema(ast::Spec &spec, const SourceManager &sources, Diagnostics &diags,
       const SemaOptions &options)
      : spec_(spec), sources_(sources), diags_(diags), options_(options) {
    model_.symbolStores.push_back(symbols_.store());
  }

  std::optional<Model> run();

private:
  /// Resolves the tree's lock `index` into the model's, and appends its API functions to
  /// model_.apis.
  void lock(size_t index);
  /// Resolves the tree's relation `index` into its place in model_.relations; false when it
  /// states no single rule (reported), and so has no place in the model.
  bool relation(size_t index);

  SourcePos pos(Span span) const {
    LineCol lc = sources_.lineCol(span.file, span.begin, lineHint_);
    return {tables_.fileNames[span.file], lc.line, lc.column};
  }
  void declare(const ast::Name &name, std::string_view kind, size_t index);
  /// Declares every lock's API functions in functions_, reporting duplicates.
  void declareFunctions();
  /// The context of an object's own rules: its variable is the one role.
  Context objectContext(const Object &object);
  const Entity *lookup(std::string_view name) const { return tables_.names.find(name); }
  /// Fills `out`'s name, doc, source and position; the doc and source strings are moved out
  /// of the tree (see analyze()).
  void prose(Documented &out, const ast::Name &name, ast::Prose &prose, const std::string &what,
             bool needSource);

  void objects();
  void locks();
  void groupsFactsLets();
  void relations();
  void orders();
  void operations();
  /// Resolves the fields of the tree's objects into the model's.
  void fields();
  void tables();
  void matrices();
  void topics();

  /// Normalises `expr` in `ctx`; reports errors and returns nullopt on failure.
  std::optional<std::vector<PendingAlt>> normalize(const ast::Expr &expr, const Context &ctx,
                                                   const std::string &label);
  std::optional<std::vector<PendingAlt>> normalizeAtom(const ast::Expr &expr, const Context &ctx,
                                                       const std::string &label);
  std::optional<std::vector<PendingAlt>> conjoin(std::vector<PendingAlt> a,
                                                 const std::vector<PendingAlt> &b, Span span);
  std::optional<Requirement> requirement(const ast::Expr &expr, const Context &ctx,
                                         bool warnSubsumed);
  void warnSubsumed(const std::vector<PendingAlt> &alts);
  /// Canonical atoms, weaker duplicates dropped, contradictions reported.
  std::vector<PendingAlt> finish(std::vector<PendingAlt> alts);
  static void canonicalize(Alternative &alt);
  std::string instanceExpr(const std::string &roleObject, const std::string &roleName,
                           const std::vector<std::string> &links, const Lock &lock) const;
  /// How `lock`'s instance is reached from role `role` (an instance of `roleObject`).
  struct ResolvedInstance {
    bool reachable = false;
    std::vector<std::string> links;
    Symbol instance; ///< Interned: every atom of this lock from this role shares it.
  };
  /// linkPath + instanceExpr, memoised: a spec names the same lock from the same role in many
  /// requirements, and the breadth-first search and the C substitution were 30% of
  /// normalising an atom (callgrind, 10k-rule spec; issue 3).  `roleObject` and `role` come
  /// from symbols_, so the memo is keyed by their nodes, not by their text.
  const ResolvedInstance &resolveInstance(const Symbol &roleObject, const Symbol &role,
                                          const Lock &lock);
  /// resolveInstance's key: interned role object, role and fixed expression, and lock index.
  struct InstanceKey {
    const void *object, *role, *expr;
    size_t lock;
    bool operator==(const InstanceKey &) const = default;
  };
  /// resolveInstance's memo: open addressing over the keys, the values in a deque so that
  /// references to them survive later insertions.  A node-based std::unordered_map spent a
  /// quarter of normalising an atom in its bucket chase and rehashes (perf, 100k rules; issue 3).
  class InstanceMemo {
  public:
    /// The value for `key`, and whether it was just made (empty, for the caller to fill).
    std::pair<ResolvedInstance *, bool> tryEmplace(const InstanceKey &key) {
      if (4 * (values_.size() + 1) > 3 * slots_.size())
        grow();
      Slot &slot = slots_[probe(key)];
      if (slot.value)
        return {slot.value, false};
      slot = Slot{key, &values_.emplace_back()};
      return {slot.value, true};
    }

  private:
    struct Slot {
      InstanceKey key{};
      ResolvedInstance *value = nullptr; ///< Null for an empty slot.
    };
    static size_t hash(const InstanceKey &k) {
      auto mix = [](size_t h, size_t v) { return (h ^ v) * 0x9e3779b97f4a7c15ULL; };
      size_t h =
          mix(mix(mix(mix(0, reinterpret_cast<size_t>(k.object)), reinterpret_cast<size_t>(k.role)),
                  reinterpret_cast<size_t>(k.expr)),
              k.lock);
      return h ^ (h >> 29); // The multiply leaves the low bits, which index, the weakest.
    }
    size_t probe(const InstanceKey &key) const {
      size_t mask = slots_.size() - 1, i = hash(key) & mask;
      while (slots_[i].value && !(slots_[i].key == key))
        i = (i + 1) & mask;
      return i;
    }
    void grow() {
      std::vector<Slot> old = std::move(slots_);
      slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
      for (const Slot &slot : old)
        if (slot.value)
          slots_[probe(slot.key)] = slot;
    }
    std::vector<Slot> slots_; ///< Size zero or a power of two, at most three quarters used.
    std::deque<ResolvedInstance> values_;
  };
  static inline const Symbol kNoSymbol;
  /// The mode an atom naming `lock` asks for: `text`, or the lock's weakest when `text` is
  /// empty.  Null when the lock has no such mode.
  const Mode *atomMode(const Lock &lock, std::string_view text) const;
  std::string printExpr(const ast::Expr &expr) const;
  bool checkLockMode(const ast::LockMode &lm, Symbol *mode);
  /// A table or matrix cell: true for Y, false for N, nullopt (reported) otherwise.
  std::optional<bool> yesNo(const ast::Name &value);

  ast::Spec &spec_;
  const SourceManager &sources_;
  Diagnostics &diags_;
  SemaOptions options_;
  Model model_;
  DeclaredTables tables_;
  mutable SourceManager::LineHint lineHint_; ///< pos() is asked in mostly increasing order.
  FlatNameMap<Span> functions_;              ///< Keys view the function names in spec_.
  std::set<std::string> expandingLets_;
  /// Fixed C expressions of the current roles, interned (they key resolveInstance's memo).
  std::map<std::string, Symbol, std::less<>> roleExprs_;
  /// Every name an atom or position repeats goes through here, so the model holds one node
  /// per distinct name (see Symbol).
  SymbolTable symbols_;
  /// resolveInstance's memo.
  InstanceMemo instances_;
};

} // namespace lockspec::detail
