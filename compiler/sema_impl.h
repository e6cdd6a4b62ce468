// Sema's internals, shared by its files: sema.cc declares the names and resolves objects,
// locks, groups, facts, lets and topics; sema_order.cc relations and lock-order trees;
// sema_fields_operations.cc the fields' and operations' requirements; sema_normalize.cc turns
// requirement expressions into disjunctive normal form; sema_derive.cc derives and checks the
// lock-state tables and exclusivity matrices.
// Nothing outside sema*.cc includes this; the interface is sema.h.
#pragma once

#include "sema.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "requirement.h"
#include "suggest.h"

namespace lockspec::detail {

/// Alternatives beyond this mean a requirement that no reader could check by hand.
inline constexpr size_t kMaxAlternatives = 4096;

/// What a name in the global namespace refers to.
struct Entity {
  std::string_view kind; // "object", "lock", ...: always a literal, so never a copy per name.
  Span span;
  size_t index = 0;
};

/// The declared names a "did you mean" may offer for each kind of reference (suggest.h).
inline bool isObject(const Entity &e) {
  return e.kind == "object";
}
inline bool isLock(const Entity &e) {
  return e.kind == "lock";
}
inline bool isFact(const Entity &e) {
  return e.kind == "fact";
}
inline bool isRequirementName(const Entity &e) {
  return e.kind == "lock" || e.kind == "group" || e.kind == "fact" || e.kind == "let";
}

/// A role as atoms name it: its name and its object's.
struct RoleNames {
  std::string name, object;
};

/// Where an expression is evaluated: the roles atoms may name.
struct Context {
  std::string subject;                                 // Default role.
  std::map<std::string, RoleNames, std::less<>> roles; // By role name.
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
  /// Every atom of every requirement is looked up here.  Keys view the names in the tree,
  /// which outlives sema.
  std::unordered_map<std::string_view, Entity> names;
  /// Per lock (same index as Model::locks): the index of the mode an atom without one means,
  /// the mode every other mode satisfies (else the first).  Computed once in locks().
  std::vector<size_t> weakestModes;
};

class Sema {
public:
  Sema(ast::Spec &spec, const SourceManager &sources, Diagnostics &diags,
       const SemaOptions &options)
      : spec_(spec), sources_(sources), diags_(diags), options_(options) {}

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
    return {model_.files[span.file], lc.line, lc.column};
  }
  void declare(const ast::Name &name, std::string_view kind, size_t index);
  /// Declares every lock's API functions in functions_, reporting duplicates.
  void declareFunctions();
  /// The context of an object's own rules: its variable is the one role.
  Context objectContext(const Object &object);
  const Entity *lookup(std::string_view name) const {
    auto it = tables_.names.find(name);
    return it == tables_.names.end() ? nullptr : &it->second;
  }
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
    std::string instance;
  };
  /// linkPath + instanceExpr, memoised: a spec names the same lock from the same role in many
  /// requirements, and each resolution is a breadth-first search over the objects' links.
  const ResolvedInstance &resolveInstance(const std::string &roleObject, const std::string &role,
                                          const Lock &lock);
  /// The mode an atom naming `lock` asks for: `text`, or the lock's weakest when `text` is
  /// empty.  Null when the lock has no such mode.
  const Mode *atomMode(const Lock &lock, std::string_view text) const;
  std::string printExpr(const ast::Expr &expr) const;
  bool checkLockMode(const ast::LockMode &lm, std::string *mode);
  /// A table or matrix cell: true for Y, false for N, nullopt (reported) otherwise.
  std::optional<bool> yesNo(const ast::Name &value);

  ast::Spec &spec_;
  const SourceManager &sources_;
  Diagnostics &diags_;
  SemaOptions options_;
  Model model_;
  DeclaredTables tables_;
  mutable SourceManager::LineHint lineHint_; ///< pos() is asked in mostly increasing order.
  /// C functions by name.  Keys view the function names in spec_.
  std::unordered_map<std::string_view, Span> functions_;
  /// Lock-pointer functions by name: their own namespace, since a map helper may both enter a
  /// lock (an API) and hand out another lock's pointer (`pte_offset_map_rw_nolock`).
  std::unordered_map<std::string_view, Span> pointerFunctions_;
  std::set<std::string> expandingLets_;
  /// Fixed C expressions of the current roles (part of resolveInstance's key).
  std::map<std::string, std::string, std::less<>> roleExprs_;
  /// resolveInstance's memo, keyed by role object, role, the role's fixed expression and the
  /// lock's index.
  std::map<std::tuple<std::string, std::string, std::string, size_t>, ResolvedInstance>
      instances_;
};

} // namespace lockspec::detail
