// Per-function lock-state analysis over the syntax tree.
//
// The analysis is an abstract interpretation over the function's control-flow graph (cfg.h),
// iterated to a fixed point where the graph has cycles.
// The state is the set of locks held, each with its mode and an instance key (the canonical
// C expression of the lock's owner, "vma->vm_mm", or "*ptl" for a lock known only through a
// pointer), plus try results stored in variables and not yet tested.  Paths join by
// intersection: a lock held on every incoming path is *held*; one held on some paths only is
// kept as *may-hold*, which satisfies nothing, silences "unlock of a lock not held" and is
// reported as a warning if it survives to a return.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "c_expr.h"
#include "cfg.h"
#include "checker.h"

namespace lockspec::check {
namespace {

// -------------------------------------------------------------------------------------------
// State
// -------------------------------------------------------------------------------------------

struct Held {
  const Lock *lock = nullptr;
  std::string mode;
  std::string key; ///< Owner expression, "*ptr", or "" (global lock or unknown instance).
  uint32_t at = 0, atEnd = 0;
  bool may = false;      ///< Held on some paths only.
  bool asserted = false; ///< Known from an assert, not taken here: never "held at return".
};

/// A try result stored in a variable: held once a test of the variable says it succeeded.
struct Pending {
  std::string var;
  TrySuccess success = TrySuccess::None;
  Held held;
};

struct State {
  bool live = true;
  std::vector<Held> held;
  std::vector<Pending> pending;
  /// May-holds released on this path.  At a join, a may-hold on one side that the other side
  /// settled is dropped: the release was guarded by the same condition as the acquisition
  /// (the `locked` flag pattern), which the checker assumes rather than reports.
  std::vector<Held> settled;
};

State deadState() {
  State s;
  s.live = false;
  return s;
}

bool sameHold(const Held &a, const Held &b) {
  return a.lock == b.lock && a.key == b.key;
}

State join(const State &a, const State &b) {
  if (!a.live)
    return b;
  if (!b.live)
    return a;
  State r;
  auto settledIn = [](const State &s, const Held &h) {
    return std::any_of(s.settled.begin(), s.settled.end(),
                       [&](const Held &o) { return sameHold(h, o); });
  };
  for (const Held &h : a.held) {
    auto it =
        std::find_if(b.held.begin(), b.held.end(), [&](const Held &o) { return sameHold(h, o); });
    if (it == b.held.end() && h.may && settledIn(b, h))
      continue;
    Held j = h;
    if (it == b.held.end() || it->may || it->mode != h.mode)
      j.may = true;
    else
      j.asserted = h.asserted && it->asserted;
    r.held.push_back(j);
  }
  for (const Held &h : b.held)
    if (std::none_of(a.held.begin(), a.held.end(), [&](const Held &o) { return sameHold(h, o); })) {
      if (h.may && settledIn(a, h))
        continue;
      Held j = h;
      j.may = true;
      r.held.push_back(j);
    }
  r.settled = a.settled;
  for (const Held &h : b.settled)
    if (!settledIn(r, h))
      r.settled.push_back(h);
  r.pending = a.pending;
  for (const Pending &p : b.pending)
    if (std::none_of(r.pending.begin(), r.pending.end(),
                     [&](const Pending &o) { return o.var == p.var; }))
      r.pending.push_back(p);
  return r;
}

bool sameState(const State &a, const State &b) {
  if (a.live != b.live || a.held.size() != b.held.size() || a.pending.size() != b.pending.size())
    return false;
  for (size_t i = 0; i < a.held.size(); ++i)
    if (!sameHold(a.held[i], b.held[i]) || a.held[i].mode != b.held[i].mode ||
        a.held[i].may != b.held[i].may)
      return false;
  return true;
}

/// Whether two instance keys denote the same object, as far as syntax tells.
enum class Alias { Same, Maybe, Different };

bool isSimpleName(std::string_view key) {
  if (!key.empty() && (key[0] == '&' || key[0] == '*'))
    key.remove_prefix(1);
  return isIdentifier(key);
}

Alias compareKeys(std::string_view a, std::string_view b) {
  if (a == b)
    return Alias::Same;
  if (a.empty() || b.empty())
    return Alias::Maybe; // An unknown instance could be any.
  // Two distinct variables are two objects (`vma` vs `prev`, `ptl` vs `ptl2`); anything
  // reached through a pointer (`vma->vm_mm`) may be the object another name denotes.
  if (isSimpleName(a) && isSimpleName(b))
    return Alias::Different;
  return Alias::Maybe;
}

std::string_view stripNode(ts::Node &n) {
  while (!n.isNull() && (std::string_view(n.type()) == "parenthesized_expression" ||
                         std::string_view(n.type()) == "cast_expression")) {
    ts::Node inner =
        std::string_view(n.type()) == "cast_expression" ? n.child("value") : n.namedChild(0);
    if (inner.isNull())
      break;
    n = inner;
  }
  return n.type();
}

std::vector<ts::Node> callArgs(ts::Node call) {
  std::vector<ts::Node> out;
  for (const ts::Node &a : call.child("arguments").namedChildren())
    if (std::string_view(a.type()) != "comment")
      out.push_back(a);
  return out;
}

std::string quote(std::string_view s) {
  return "'" + std::string(s) + "'";
}

/// "'mmap_lock' on 'mm'" or "'rcu'".
std::string describe(const Lock *lock, std::string_view key) {
  std::string out = quote(lock ? lock->name : "lock");
  if (!key.empty())
    out += " of " + quote(key);
  return out;
}

// -------------------------------------------------------------------------------------------
// The analysis of one function
// -------------------------------------------------------------------------------------------

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
                   std::vector<Finding> &out)
      : index_(index), model_(index.model()), function_(function), name_(name), out_(out) {
    if (const Api *api = index.api(name))
      returnsHolding_ = model_.findLock(api->lock);
  }

  void run(const std::vector<ts::Match> &parameters, const ts::Query &query) {
    collectParameters(parameters, query);
    graph(function_.child("body"), State{}, false, 0);
  }

private:
  // ---- Reporting -----------------------------------------------------------------------

  Diagnostic *report(Severity severity, const char *rule, uint32_t begin, uint32_t end,
                     std::string message) {
    if (!reported_.insert({begin, message}).second)
      return nullptr;
    Finding f;
    f.rule = rule;
    f.diag.severity = severity;
    f.diag.hasSpan = true;
    f.diag.span = {kCheckedFile, begin, std::max(end, begin)};
    f.diag.message = std::move(message);
    out_.push_back(std::move(f));
    return &out_.back().diag;
  }
  Diagnostic *report(Severity severity, const char *rule, ts::Node at, std::string message) {
    return report(severity, rule, at.begin(), at.end(), std::move(message));
  }

  void noteHere(Diagnostic *d, uint32_t begin, uint32_t end, std::string message) {
    if (d)
      Diagnostics::note(*d, {kCheckedFile, begin, std::max(end, begin)}, std::move(message));
  }
  void noteSpec(Diagnostic *d, const SourcePos &pos, std::string message) {
    if (!d)
      return;
    if (auto span = index_.specSpan(pos))
      Diagnostics::note(*d, *span, std::move(message));
  }

  // ---- Declarations: types and aliases ---------------------------------------------------

  static ts::Node declaredIdentifier(ts::Node d) {
    for (int guard = 0; guard < 16 && !d.isNull(); ++guard) {
      std::string_view t = d.type();
      if (t == "identifier")
        return d;
      if (t == "init_declarator" || t == "pointer_declarator" || t == "array_declarator" ||
          t == "parenthesized_declarator" || t == "attributed_declarator")
        d = d.child("declarator").isNull() ? d.namedChild(0) : d.child("declarator");
      else
        return {};
    }
    return {};
  }

  void collectParameters(const std::vector<ts::Match> &matches, const ts::Query &query) {
    int structName = query.captureIndex("struct"), declarator = query.captureIndex("declarator");
    for (const ts::Match &m : matches) {
      const Object *object = index_.objectForStruct(m.captures[structName].text());
      ts::Node id = declaredIdentifier(m.captures[declarator]);
      if (object && !id.isNull())
        types_[std::string(id.text())] = object->name;
    }
  }

  /// A local declaration: its object type, and an alias when it is initialised from another
  /// name (`struct mm_struct *mm = vma->vm_mm;` makes `mm` and `vma->vm_mm` one object until
  /// `mm` is assigned again).
  void declare(ts::Node declaration, ts::Node declarator) {
    ts::Node type = declaration.child("type");
    ts::Node id = declaredIdentifier(declarator);
    if (id.isNull())
      return;
    std::string var(id.text());
    if (std::string_view(type.type()) == "struct_specifier")
      if (const Object *object = index_.objectForStruct(type.child("name").text()))
        types_[var] = object->name;
    ts::Node value = declarator.child("value");
    if (std::string_view(declarator.type()) == "init_declarator" && !value.isNull())
      assigned(var, value);
  }

  /// `var` now holds `value`: update aliases and lock-pointer bindings.
  void assigned(const std::string &var, ts::Node value) {
    aliases_.erase(var);
    if (value.isNull())
      return;
    ts::Node v = value;
    std::string_view vt = stripNode(v);
    std::string c = canonical(v);
    if (vt == "field_expression" || vt == "identifier" || vt == "pointer_expression")
      if (c != var && rootIdentifier(c) != var)
        aliases_[var] = c;
    if (vt != "call_expression" || !index_.api(v.child("function").text()))
      if (auto lo = index_.lockObject(c.rfind('&', 0) == 0 ? c.substr(1) : "*" + c))
        pointerClass_[var] = lo->lock;
  }

  /// The canonical key of an owner expression with single-assignment aliases applied.
  std::string resolve(std::string expr) const {
    for (int i = 0; i < 4; ++i) {
      std::string root(rootIdentifier(expr));
      auto it = aliases_.find(root);
      if (root.empty() || it == aliases_.end() || it->second == expr)
        break;
      expr = substitute(expr, root, it->second);
    }
    return expr;
  }

  std::string typeOf(const std::string &expr) const {
    if (!isIdentifier(expr))
      return "";
    auto it = types_.find(expr);
    return it == types_.end() ? "" : it->second;
  }

  // ---- Lock instances --------------------------------------------------------------------

  struct Instance {
    const Lock *lock = nullptr; ///< nullptr: a lock the spec does not know (an opaque pointer).
    std::string key;
  };

  Instance instanceOf(const Api &api, const std::vector<ts::Node> &args,
                      const std::string &resultVar) {
    const Lock *lock = model_.findLock(api.lock);
    if (!lock)
      return {};
    const Object *owner = lock->owner.empty() ? nullptr : model_.findObject(lock->owner);
    if (api.returnsInstance) {
      if (resultVar.empty())
        return {lock, ""};
      // Spin-lock helpers (pmd_lock, pud_lock) return the lock; the others return the object
      // that owns it (lock_vma_under_rcu returns the VMA).
      if (lock->kind == LockKind::Spinlock) {
        pointerClass_[resultVar] = lock;
        return {lock, "*" + resultVar};
      }
      return {lock, resolve(resultVar)};
    }
    size_t i = 0;
    for (; i < api.params.size() && !api.params[i].instance; ++i)
      ;
    if (i == api.params.size() || i >= args.size())
      return {lock, ""};
    std::string arg = canonical(args[i]);
    const ApiParam &param = api.params[i];
    if (param.out) { // `&ptl`: the variable receives the lock pointer.
      std::string var = arg.rfind('&', 0) == 0 ? arg.substr(1) : "*" + arg;
      pointerClass_[var] = lock;
      return {lock, "*" + var};
    }
    if (owner && param.name == owner->var)
      return {lock, resolve(arg)};
    if (api.all)
      return {lock, resolve(arg)};
    // The argument names the lock itself: `&mm->page_table_lock`, `ptl`.
    std::string object = arg.rfind('&', 0) == 0 ? arg.substr(1) : "*" + arg;
    if (auto lo = index_.lockObject(object))
      return {lo->lock, lo->owner.empty() ? object : resolve(lo->owner)};
    auto bound = pointerClass_.find(arg);
    if (bound != pointerClass_.end())
      return {bound->second, "*" + arg};
    return {nullptr, "*" + arg};
  }

  /// The held lock `inst` denotes: an exact key match first, else one that may alias.
  /// Among several holds of one instance, the one in `mode` is preferred.
  Held *findHeld(State &st, const Instance &inst, const std::string &mode = "") {
    Held *maybe = nullptr, *same = nullptr;
    for (Held &h : st.held) {
      if (inst.lock && h.lock != inst.lock)
        continue;
      Alias a = compareKeys(h.key, inst.key);
      if (a == Alias::Same && (inst.lock || !inst.key.empty())) {
        if (h.mode == mode)
          return &h;
        if (!same)
          same = &h;
        continue;
      }
      if (a == Alias::Maybe && inst.lock && !maybe)
        maybe = &h;
    }
    return same ? same : maybe;
  }

  // ---- Requirements ----------------------------------------------------------------------

  std::string atomText(const Atom &a, const Roles &roles) const {
    if (a.kind == Atom::Kind::Fact)
      return (a.held ? "" : "!") + a.fact;
    std::string s = (a.held ? "" : "!") + a.lock;
    const Lock *lock = model_.findLock(a.lock);
    if (lock && lock->modes.size() > 1)
      s += "." + a.mode;
    std::string owner = requiredOwner(a, roles);
    if (!owner.empty())
      s += " of '" + owner + "'";
    if (!a.condition.empty())
      s += " if " + a.condition;
    return s;
  }

  /// The owner expression an atom asks for at this call, or "" when unknown.  The compiler
  /// already resolved the atom's instance in terms of its role ("vma->vm_mm->mmap_lock");
  /// the owner is that path minus the lock's own suffix, with the role's argument put in.
  std::string requiredOwner(const Atom &a, const Roles &roles) const {
    const Lock *lock = model_.findLock(a.lock);
    if (!lock || lock->owner.empty() || (lock->kind == LockKind::Spinlock && lock->split))
      return ""; // Split page-table locks are named through ptl pointers: class only.
    auto it = roles.find(a.role);
    if (it == roles.end() || it->second.expr.empty() || a.instance.empty())
      return "";
    auto lo = index_.lockObject(a.instance);
    if (!lo || lo->lock != lock || lo->owner.empty())
      return "";
    return resolve(substitute(lo->owner, a.role, it->second.expr));
  }

  enum class AtomStatus { Ok, Missing, WrongMode, Forbidden, Assumed };
  struct AtomCheck {
    AtomStatus status = AtomStatus::Ok;
    const Held *weaker = nullptr;
  };

  AtomCheck checkAtom(const Atom &a, const Roles &roles, State &st, const Lock *own) {
    if (a.kind == Atom::Kind::Fact)
      return {AtomStatus::Assumed};
    // `lock if fact`: met when the lock is held; otherwise it holds only if the fact does not,
    // which the checker cannot see.
    if (!a.condition.empty()) {
      if (!a.held)
        return {AtomStatus::Assumed};
      Atom plain = a;
      plain.condition.clear();
      AtomCheck c = checkAtom(plain, roles, st, own);
      return c.status == AtomStatus::Ok ? c : AtomCheck{AtomStatus::Assumed};
    }
    const Lock *lock = model_.findLock(a.lock);
    if (!lock)
      return {AtomStatus::Assumed};
    if (own && lock == own)
      return {a.held ? AtomStatus::Ok : AtomStatus::Assumed};
    std::string owner = requiredOwner(a, roles);
    const Held *weaker = nullptr;
    for (const Held &h : st.held) {
      if (h.lock != lock || h.may || compareKeys(h.key, owner) == Alias::Different)
        continue;
      if (!a.held)
        return {AtomStatus::Forbidden, &h};
      if (lock->satisfies(h.mode, a.mode))
        return {AtomStatus::Ok};
      weaker = &h;
    }
    if (!a.held)
      return {AtomStatus::Ok};
    return {weaker ? AtomStatus::WrongMode : AtomStatus::Missing, weaker};
  }

  /// How a requirement is met: by held locks, only by facts the checker cannot see, or not.
  enum class Verdict { No, ByFacts, ByLocks };

  /// Checks `req` at `at`; reports under `what` (e.g. "call to 'zap_vma_range'") and `rule`
  /// unless `silent`.
  Verdict checkRequirement(const Requirement &req, const Roles &roles, State &st, const Lock *own,
                           ts::Node at, const std::string &what, const std::string &ruleName,
                           const SourcePos &rulePos, bool silent = false) {
    if (req.alternatives.empty())
      return Verdict::ByLocks;
    struct AltCheck {
      const Alternative *alt;
      std::vector<std::pair<const Atom *, AtomCheck>> failed;
      int lockAtoms = 0;
      std::vector<const Atom *> assumed;
      bool conditionalAssumed = false; ///< A `lock if fact` atom whose lock is not held.
    };
    std::vector<AltCheck> checks;
    for (const Alternative &alt : req.alternatives) {
      AltCheck c{&alt, {}, 0, {}};
      for (const Atom &a : alt.atoms) {
        AtomCheck r = checkAtom(a, roles, st, own);
        if (r.status == AtomStatus::Assumed) {
          c.assumed.push_back(&a);
          c.conditionalAssumed |= a.kind != Atom::Kind::Fact && !a.condition.empty();
        } else
          ++c.lockAtoms;
        if (r.status != AtomStatus::Ok && r.status != AtomStatus::Assumed)
          c.failed.push_back({&a, r});
      }
      if (c.failed.empty() && c.lockAtoms > 0 && !c.conditionalAssumed)
        return Verdict::ByLocks; // Facts of the same alternative are assumed.
      checks.push_back(std::move(c));
    }
    for (const AltCheck &c : checks)
      if (c.failed.empty()) {
        // Only an alternative made of facts (or conditional atoms) holds: say so.
        if (silent)
          return Verdict::ByFacts;
        std::string facts;
        for (const Atom *a : c.assumed)
          facts += (facts.empty() ? "" : ", ") +
                   quote(a->kind == Atom::Kind::Fact || a->condition.empty()
                             ? atomText(*a, roles)
                             : "!" + a->condition);
        Diagnostic *d = report(Severity::Note, "assumed-fact", at,
                               what + " is allowed by " + ruleName + " only if " + facts +
                                   " holds, which the checker cannot see " +
                                   (c.conditionalAssumed
                                        ? "(the locks those conditions would require are not held)"
                                        : "(no alternative with locks is held)"));
        noteSpec(d, rulePos, ruleName + " is declared here");
        return Verdict::ByFacts;
      }
    if (silent)
      return Verdict::No;
    // Wrong mode when some alternative fails only by modes.
    for (const AltCheck &c : checks) {
      bool modesOnly = std::all_of(c.failed.begin(), c.failed.end(), [](const auto &f) {
        return f.second.status == AtomStatus::WrongMode;
      });
      if (!modesOnly || c.failed.empty())
        continue;
      const Atom &a = *c.failed.front().first;
      const Held &h = *c.failed.front().second.weaker;
      Diagnostic *d =
          report(Severity::Error, "wrong-mode", at,
                 what + " needs " + describe(h.lock, requiredOwner(a, roles)) + " held for " +
                     a.mode + ", but it is held for " + h.mode + " (" + ruleName + ")");
      noteHere(d, h.at, h.atEnd, "taken for " + h.mode + " here");
      noteSpec(d, rulePos, ruleName + " is declared here");
      return Verdict::No;
    }
    for (const AltCheck &c : checks)
      for (const auto &f : c.failed)
        if (f.second.status == AtomStatus::Forbidden) {
          const Held &h = *f.second.weaker;
          Diagnostic *d = report(Severity::Error, "held-forbidden", at,
                                 what + " must not run with " + describe(h.lock, h.key) +
                                     " held (" + ruleName + ")");
          noteHere(d, h.at, h.atEnd, "taken here");
          noteSpec(d, rulePos, ruleName + " is declared here");
          return Verdict::No;
        }
    std::string alternatives;
    size_t shown = 0;
    for (const AltCheck &c : checks) {
      if (shown == 4) {
        alternatives += "; and " + std::to_string(checks.size() - shown) + " more";
        break;
      }
      std::string one;
      for (const Atom &a : c.alt->atoms)
        one += (one.empty() ? "" : " & ") + atomText(a, roles);
      alternatives += (shown ? "; " : "") + (c.alt->label.empty() ? "" : c.alt->label + ": ") + one;
      ++shown;
    }
    Diagnostic *d = report(Severity::Error, "missing-lock", at,
                           what + " without the locks " + ruleName + " requires: " + req.text);
    noteHere(d, at.begin(), at.end(),
             std::string(checks.size() == 1 ? "it needs " : "any of these would do: ") +
                 alternatives);
    noteSpec(d, rulePos, ruleName + " is declared here");
    return Verdict::No;
  }

  Roles operationRoles(const Operation &op, const std::vector<ts::Node> &args) const {
    Roles roles;
    std::vector<std::string> canon;
    for (const ts::Node &a : args)
      canon.push_back(canonical(a));
    auto bind = [&](const Role &role, bool subject) {
      RoleBinding b{role.expr, role.object};
      if (b.expr.empty()) {
        for (const std::string &c : canon)
          if (c == role.name) {
            b.expr = c;
            break;
          }
        // The subject is also found by type, or by the object's conventional variable.
        if (b.expr.empty() && subject)
          for (const std::string &c : canon) {
            const Object *o = index_.objectForVar(c);
            if (typeOf(c) == role.object || (typeOf(c).empty() && o && o->name == role.object)) {
              b.expr = c;
              break;
            }
          }
      }
      roles[role.name] = b;
    };
    bind(op.subject, true);
    for (const Role &r : op.roles)
      bind(r, false);
    return roles;
  }

  void checkOperations(const std::string &fn, const std::vector<ts::Node> &args, State &st,
                       ts::Node call, const Lock *own) {
    const auto *ops = index_.operations(fn);
    if (!ops || ops->empty())
      return;
    // A function that several operations list is fine if any of them is satisfied; when only
    // facts could satisfy one, that one is reported as a note.
    const Operation *byFacts = nullptr;
    for (const Operation *op : *ops) {
      Verdict v = checkRequirement(op->requirement, operationRoles(*op, args), st, own, call, "",
                                   "", op->pos, /*silent=*/true);
      if (v == Verdict::ByLocks)
        return;
      if (v == Verdict::ByFacts && !byFacts)
        byFacts = op;
    }
    const Operation &op = byFacts ? *byFacts : *ops->front();
    std::string others;
    for (size_t i = 1; i < ops->size(); ++i)
      others += (others.empty() ? " (nor those of " : ", ") + quote((*ops)[i]->name);
    if (!others.empty())
      others += ")";
    if (byFacts)
      others.clear();
    checkRequirement(op.requirement, operationRoles(op, args), st, own, call,
                     "call to " + quote(fn), "operation " + quote(op.name) + others, op.pos);
  }

  void fieldWrite(ts::Node lhs, ts::Node rhs, State &st) {
    if (stripNode(lhs) != std::string_view("field_expression"))
      return;
    std::string field(lhs.child("field").text());
    const auto *refs = index_.fields(field);
    if (!refs)
      return;
    std::string base = canonical(lhs.child("argument"));
    // `vma.vm_start` would be a struct copy, not the shared object; `(&x)->f` folds to `x.f`.
    if (canonical(lhs).find("->" + field) == std::string::npos)
      return;
    std::string type = typeOf(base);
    if (type.empty())
      if (const Object *o = index_.objectForVar(base))
        type = o->name;
    for (const FieldRef &ref : *refs) {
      if (ref.object->name != type)
        continue;
      const FieldRule *rule = nullptr;
      if (ref.field->writes.size() == 1)
        rule = &ref.field->writes.front();
      else {
        bool toNull = !rhs.isNull() && isNullLiteral(rhs.text());
        for (const FieldRule &r : ref.field->writes) {
          bool ruleToNull =
              r.transition.size() >= 4 &&
              r.transition.compare(r.transition.size() - 4, 4, "NULL") == 0 &&
              r.transition.find("non-NULL", r.transition.size() - 8) == std::string::npos;
          if (ruleToNull == toNull)
            rule = &r;
        }
      }
      if (!rule || rule->kind != FieldRule::Kind::Locks)
        return; // Set-once and owner-governed fields: the checker cannot see initialisation.
      Roles roles{{ref.object->var, {base, ref.object->name}}};
      std::string name = ref.object->name + "." + field;
      if (!rule->transition.empty())
        name += " (" + rule->transition + ")";
      checkRequirement(rule->requirement, roles, st, nullptr, lhs,
                       "write to " + quote(canonical(lhs)), "field " + quote(name), rule->pos);
      return;
    }
  }

  // ---- Lock effects ----------------------------------------------------------------------

  bool modeMatches(const Lock *lock, const std::string &held, const std::string &wanted) const {
    return wanted.empty() || lock->satisfies(held, wanted);
  }

  void checkAcquire(const Api &api, const Held &taking, State &st, ts::Node call) {
    bool blocking = api.blocks();
    const Lock *lock = taking.lock;
    // Order inversion: taking `lock` while a lock ordered after it is held.
    if (blocking)
      for (const Held &h : st.held) {
        if (h.may || h.lock == lock)
          continue;
        for (const OrderEdge &e : index_.edges()) {
          if (e.from.lock != lock->name || e.to.lock != h.lock->name ||
              !modeMatches(lock, taking.mode, e.from.mode) ||
              !modeMatches(h.lock, h.mode, e.to.mode))
            continue;
          Diagnostic *d =
              report(Severity::Error, "order-inversion", call,
                     quote(api.name) + " takes " + describe(lock, taking.key) + " while " +
                         describe(h.lock, h.key) + " is held, against the lock order (order " +
                         quote(e.order) + ")");
          noteHere(d, h.at, h.atEnd, quote(h.lock->name) + " taken here");
          noteSpec(d, e.pos,
                   quote(lock->name) + " is ordered before " + quote(h.lock->name) + " here");
          break;
        }
      }
    for (size_t ri : model_.relationsAbout(lock->name)) {
      const Relation &r = model_.relations[ri];
      if (!modeMatches(lock, taking.mode, r.mode))
        continue;
      const Lock *other = model_.findLock(r.other);
      if (!other)
        continue;
      if (r.kind == Relation::Kind::Requires) {
        std::string owner = index_.ownerFrom(taking.key, lock->owner, *other);
        bool ok = std::any_of(st.held.begin(), st.held.end(), [&](const Held &h) {
          return h.lock == other && !h.may && other->satisfies(h.mode, r.otherMode) &&
                 compareKeys(h.key, owner) != Alias::Different;
        });
        if (!ok) {
          Diagnostic *d =
              report(Severity::Error, "missing-lock", call,
                     quote(api.name) + " takes " + describe(lock, taking.key) + " for " +
                         taking.mode + ", which needs " + describe(other, owner) + " held for " +
                         r.otherMode + " (relation " + quote(r.name) + ")");
          noteSpec(d, r.pos, "relation " + quote(r.name) + " is declared here");
        }
      } else if (r.kind == Relation::Kind::Forbidden && blocking) {
        for (const Held &h : st.held)
          if (h.lock == other && !h.may && other->satisfies(h.mode, r.otherMode)) {
            Diagnostic *d = report(Severity::Error, "forbidden-nesting", call,
                                   quote(api.name) + " takes " + describe(lock, taking.key) +
                                       " while " + describe(h.lock, h.key) + " is held for " +
                                       h.mode + " (relation " + quote(r.name) + ")");
            noteHere(d, h.at, h.atEnd, quote(h.lock->name) + " taken here");
            noteSpec(d, r.pos, "relation " + quote(r.name) + " is declared here");
            break;
          }
      }
    }
    // Taking a non-recursive lock this function already holds deadlocks.
    if (blocking && lock->kind != LockKind::VmaLock && lock->kind != LockKind::Rcu &&
        lock->kind != LockKind::Seqcount)
      for (const Held &h : st.held)
        if (h.lock == lock && !h.may && !h.asserted &&
            compareKeys(h.key, taking.key) == Alias::Same) {
          Diagnostic *d = report(Severity::Error, "double-acquire", call,
                                 quote(api.name) + " takes " + describe(lock, taking.key) +
                                     ", which is already held here");
          noteHere(d, h.at, h.atEnd, "taken here");
          break;
        }
  }

  /// Holds that end when `lock` leaves `mode` (VMA write locks end with the mmap write hold).
  void endDependents(State &st, const Lock *lock, const std::string &leftMode) {
    for (const Relation &r : model_.relations) {
      if (r.kind != Relation::Kind::EndsWith || r.other != lock->name || r.otherMode != leftMode)
        continue;
      const Lock *dep = model_.findLock(r.lock);
      std::erase_if(st.held, [&](const Held &h) {
        return h.lock == dep && modeMatches(dep, h.mode, r.mode);
      });
    }
  }

  void release(const Api &api, const Instance &inst, State &st, ts::Node call) {
    if (api.all) {
      std::erase_if(st.held, [&](const Held &h) {
        return h.lock == inst.lock && modeMatches(h.lock, h.mode, api.mode);
      });
      return;
    }
    Held *h = findHeld(st, inst, api.mode);
    if (!h) {
      auto p = std::find_if(st.pending.begin(), st.pending.end(), [&](const Pending &p) {
        return (!inst.lock || p.held.lock == inst.lock) &&
               compareKeys(p.held.key, inst.key) != Alias::Different;
      });
      if (p != st.pending.end()) {
        st.pending.erase(p); // Released without testing the try: it had succeeded.
        return;
      }
      if (!inst.lock)
        return; // A lock the spec does not know.
      if (!taken_.count(inst.lock)) {
        callerHeld(api, inst, "releases", call);
        return;
      }
      report(Severity::Error, "unlock-not-held", call,
             quote(api.name) + " releases " + describe(inst.lock, inst.key) +
                 ", which is not held here");
      return;
    }
    const Mode *held = h->lock->findMode(h->mode);
    const Mode *released = h->lock->findMode(api.mode);
    bool bothShared = held && released && held->sharing == Sharing::Shared &&
                      released->sharing == Sharing::Shared;
    if (!h->may && h->mode != api.mode && !bothShared && !api.mode.empty()) {
      Diagnostic *d = report(Severity::Error, "wrong-mode", call,
                             quote(api.name) + " releases a " + api.mode + " hold of " +
                                 describe(h->lock, h->key) + ", but it is held for " + h->mode);
      noteHere(d, h->at, h->atEnd, "taken for " + h->mode + " here");
    }
    const Lock *lock = h->lock;
    std::string mode = h->mode;
    if (h->may)
      st.settled.push_back(*h);
    st.held.erase(st.held.begin() + (h - st.held.data()));
    endDependents(st, lock, mode);
  }

  /// A release before this function took the lock at all: the caller held it on entry (the
  /// kernel marks such functions __releases()).  A hold of that class the function takes
  /// again later is the caller's state restored, not a leak.
  void callerHeld(const Api &api, const Instance &inst, const char *verb, ts::Node call) {
    report(Severity::Note, "caller-held", call,
           quote(api.name) + " " + verb + " " + describe(inst.lock, inst.key) +
               ", which this function has not taken: assumed held by its caller");
    entryHeld_.push_back(inst);
  }

  struct TryResult {
    const Api *api = nullptr;
    Held held;
  };

  /// Applies a call's lock effect.  A try whose result is not stored in `resultVar` is
  /// returned for the caller to place on the branch where it succeeded.
  /// `args` are callArgs(call), which the caller has just evaluated.
  std::optional<TryResult> applyCall(ts::Node call, State &st, const std::string &resultVar,
                                     const std::vector<ts::Node> &args) {
    ts::Node fn = call.child("function");
    if (std::string_view(fn.type()) != "identifier")
      return std::nullopt;
    std::string name(fn.text());
    const Api *api = index_.api(name);
    const Lock *own = api ? model_.findLock(api->lock) : nullptr;
    checkOperations(name, args, st, call, own);
    if (!api)
      return std::nullopt;
    Instance inst = instanceOf(*api, args, resultVar);
    if (!inst.lock && api->kind != ApiKind::Release)
      return std::nullopt; // spin_lock on a lock the spec does not know.
    Held taking{inst.lock, api->mode, inst.key, call.begin(), call.end(), false, false};
    if (api->kind == ApiKind::Acquire || api->kind == ApiKind::Try)
      taken_.insert(inst.lock);
    switch (api->kind) {
    case ApiKind::Acquire:
      checkAcquire(*api, taking, st, call);
      std::erase_if(st.settled, [&](const Held &h) { return sameHold(h, taking); });
      // Held from here on every path: a may-hold of the same lock (a retry path joined with
      // the first entry) is superseded.  Not reported: a may-hold here is nearly always a
      // hold the code knows it dropped (a `locked` flag, a callee that released it), which
      // the checker cannot see yet.
      std::erase_if(st.held, [&](const Held &h) { return h.may && sameHold(h, taking); });
      st.held.push_back(taking);
      return std::nullopt;
    case ApiKind::Try:
      checkAcquire(*api, taking, st, call);
      if (!resultVar.empty()) {
        std::erase_if(st.pending, [&](const Pending &p) { return p.var == resultVar; });
        st.pending.push_back({resultVar, api->success, taking});
        return std::nullopt;
      }
      return TryResult{api, taking};
    case ApiKind::Release:
      release(*api, inst, st, call);
      return std::nullopt;
    case ApiKind::Downgrade: {
      Held *h = findHeld(st, inst);
      if (!h && !taken_.count(inst.lock)) {
        callerHeld(*api, inst, "downgrades", call);
        return std::nullopt;
      }
      if (!h) {
        report(Severity::Error, "unlock-not-held", call,
               quote(api->name) + " downgrades " + describe(inst.lock, inst.key) +
                   ", which is not held here");
        return std::nullopt;
      }
      if (!h->may && h->mode != api->mode) {
        Diagnostic *d = report(Severity::Error, "wrong-mode", call,
                               quote(api->name) + " needs " + describe(h->lock, h->key) +
                                   " held for " + api->mode + ", but it is held for " + h->mode);
        noteHere(d, h->at, h->atEnd, "taken for " + h->mode + " here");
        return std::nullopt;
      }
      std::string left = h->mode;
      h->mode = api->toMode;
      endDependents(st, inst.lock, left);
      return std::nullopt;
    }
    case ApiKind::Assert: {
      Held *h = findHeld(st, inst);
      if (h && !h->may && !h->lock->satisfies(h->mode, api->mode)) {
        Diagnostic *d = report(Severity::Error, "wrong-mode", call,
                               quote(api->name) + " asserts " + describe(h->lock, h->key) +
                                   " held for " + api->mode + ", but it is held for " + h->mode);
        noteHere(d, h->at, h->atEnd, "taken for " + h->mode + " here");
      } else if (h && h->may) {
        h->may = false; // The assert proves the path that holds it is the one taken.
      } else if (!h) {
        taking.asserted = true;
        st.held.push_back(taking);
      }
      return std::nullopt;
    }
    }
    return std::nullopt;
  }

  // ---- Expressions -----------------------------------------------------------------------

  /// Evaluates a call's arguments in order and returns them (callArgs) for applyCall, so the
  /// argument list is walked once per call.  Comments, which callArgs leaves out, have no effect.
  std::vector<ts::Node> evalArgs(ts::Node call, State &st, int depth) {
    std::vector<ts::Node> args = callArgs(call);
    for (const ts::Node &a : args)
      eval(a, st, depth + 1);
    return args;
  }

  /// Evaluates `value` for its effects and, when it is a call, stores a try result in `var`.
  void evalInto(ts::Node value, const std::string &var, State &st, int depth) {
    ts::Node v = value;
    if (stripNode(v) == std::string_view("call_expression")) {
      std::vector<ts::Node> args = evalArgs(v, st, depth);
      if (auto t = applyCall(v, st, var, args))
        addMay(st, t->held);
      return;
    }
    eval(value, st, depth + 1);
    std::erase_if(st.pending, [&](const Pending &p) { return p.var == var; });
  }

  void addMay(State &st, Held h) {
    h.may = true; // An unchecked try: held or not, the checker cannot tell.
    st.held.push_back(h);
  }

  void eval(ts::Node e, State &st, int depth) {
    if (e.isNull() || !st.live || depth > kMaxDepth)
      return;
    if (e.namedChildCount() > 0 && st.pending.empty() && !mayHaveEffect(e.text()))
      return;
    std::string_view t = e.type();
    if (t == "call_expression") {
      ts::Node fn = e.child("function");
      std::string_view n = fn.text();
      if (n == "likely" || n == "unlikely" || std::string_view(fn.type()) != "identifier") {
        eval(fn, st, depth + 1);
        evalArgs(e, st, depth);
        return;
      }
      std::vector<ts::Node> args = evalArgs(e, st, depth);
      if (auto tr = applyCall(e, st, "", args))
        addMay(st, tr->held);
      return;
    }
    if (t == "assignment_expression") {
      ts::Node left = e.child("left"), right = e.child("right");
      ts::Node l = left;
      stripNode(l);
      bool plain = true;
      for (const ts::Node &c : e.children())
        if (!c.isNamed())
          plain = c.text() == "=";
      if (std::string_view(l.type()) == "identifier" && plain) {
        evalInto(right, std::string(l.text()), st, depth);
        assigned(std::string(l.text()), right);
      } else if (std::string_view(l.type()) == "field_expression" && plain) {
        evalInto(right, canonical(l), st, depth); // `vmf->ptl = pmd_lock(...)`
      } else {
        eval(right, st, depth + 1);
        if (std::string_view(l.type()) == "identifier")
          assigned(std::string(l.text()), {});
      }
      fieldWrite(left, plain ? right : ts::Node(), st);
      return;
    }
    if (t == "update_expression") {
      eval(e.child("argument"), st, depth + 1);
      fieldWrite(e.child("argument"), {}, st);
      return;
    }
    if (t == "conditional_expression" || (t == "binary_expression" && (isLogical(e)))) {
      auto [yes, no] = cond(t == "conditional_expression" ? e.child("condition") : e, st, depth);
      if (t == "conditional_expression") {
        eval(e.child("consequence"), yes, depth + 1);
        eval(e.child("alternative"), no, depth + 1);
      }
      st = join(yes, no);
      return;
    }
    if (t == "identifier" || t == "number_literal" || t == "string_literal" ||
        t == "char_literal" || t == "sizeof_expression" || t == "null" || t == "true" ||
        t == "false" || t == "comment" || t == "concatenated_string")
      return;
    // A member access does nothing unless a call hides in it (`f(x)->y`).
    if (t == "field_expression" && e.text().find('(') == std::string_view::npos)
      return;
    if (t == "compound_statement") { // GNU statement expression
      st = graph(e, st, true, depth + 1);
      return;
    }
    for (const ts::Node &c : e.namedChildren())
      eval(c, st, depth + 1);
  }

  /// False when evaluating an expression with this text can neither change the state nor
  /// report: no call or field write the spec knows (no identifier the index acts on), no
  /// assignment (aliases), no statement expression, and no `?:`, `&&` or `||` (whose join
  /// could turn a duplicated hold into a may-hold).  Pending try results are read by name, so
  /// the caller skips only when there are none.  Walking such a subtree node by node cost more
  /// than this byte scan (argument lists, conditions, address arithmetic).
  bool mayHaveEffect(std::string_view text) const {
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '=' || c == '{' || c == '?' ||
          ((c == '&' || c == '|') && i + 1 < text.size() && text[i + 1] == c))
        return true;
    }
    return index_.mentionsAny(text);
  }

  static bool isLogical(ts::Node e) {
    for (const ts::Node &c : e.children())
      if (!c.isNamed() && (c.text() == "&&" || c.text() == "||"))
        return true;
    return false;
  }

  static std::string_view binaryOp(ts::Node e) {
    for (const ts::Node &c : e.children())
      if (!c.isNamed())
        return c.text();
    return "";
  }

  /// The states after `e` evaluates to true and to false.
  std::pair<State, State> cond(ts::Node e, State st, int depth) {
    if (e.isNull() || !st.live || depth > kMaxDepth)
      return {st, st};
    std::string_view t = e.type();
    if (t == "parenthesized_expression" && e.namedChildCount() == 1)
      return cond(e.namedChild(0), std::move(st), depth + 1);
    if (t == "unary_expression" && e.children().size() >= 1 && e.children().front().text() == "!") {
      auto [yes, no] = cond(e.child("argument"), std::move(st), depth + 1);
      return {no, yes};
    }
    if (t == "binary_expression") {
      std::string_view op = binaryOp(e);
      ts::Node left = e.child("left"), right = e.child("right");
      if (op == "&&") {
        auto [lt, lf] = cond(left, std::move(st), depth + 1);
        auto [rt, rf] = cond(right, std::move(lt), depth + 1);
        return {rt, join(lf, rf)};
      }
      if (op == "||") {
        auto [lt, lf] = cond(left, std::move(st), depth + 1);
        auto [rt, rf] = cond(right, std::move(lf), depth + 1);
        return {join(lt, rt), rf};
      }
      bool rightNull = isNullLiteral(right.text()), leftNull = isNullLiteral(left.text());
      if ((op == "==" || op == "!=") && (rightNull || leftNull)) {
        auto [yes, no] = cond(rightNull ? left : right, std::move(st), depth + 1);
        return op == "!=" ? std::pair{yes, no} : std::pair{no, yes};
      }
      if (op == "<" && rightNull) // `err < 0`: the call failed, as `err` being nonzero says.
        return cond(left, std::move(st), depth + 1);
    }
    if (t == "call_expression") {
      ts::Node fn = e.child("function");
      std::string_view n = fn.text();
      std::vector<ts::Node> args = callArgs(e);
      if ((n == "likely" || n == "unlikely") && args.size() == 1)
        return cond(args[0], std::move(st), depth + 1);
      for (const ts::Node &a : args)
        eval(a, st, depth + 1);
      auto tr = applyCall(e, st, "", args);
      if (!tr)
        return {st, st};
      State yes = st, no = st;
      (tr->api->success == TrySuccess::Zero ? no : yes).held.push_back(tr->held);
      return {yes, no};
    }
    if (t == "assignment_expression") {
      eval(e, st, depth + 1);
      ts::Node left = e.child("left");
      return cond(left, std::move(st), depth + 1);
    }
    if (t == "identifier" || t == "field_expression") {
      std::string var = canonical(e);
      auto p = std::find_if(st.pending.begin(), st.pending.end(),
                            [&](const Pending &p) { return p.var == var; });
      if (p == st.pending.end())
        return {st, st};
      Pending pending = *p;
      st.pending.erase(p);
      State yes = st, no = st;
      (pending.success == TrySuccess::Zero ? no : yes).held.push_back(pending.held);
      return {yes, no};
    }
    eval(e, st, depth + 1);
    return {st, st};
  }

  // ---- Statements ------------------------------------------------------------------------

  void atReturn(const State &st, uint32_t begin, uint32_t end) {
    for (const Held &h : st.held) {
      bool restored = std::any_of(entryHeld_.begin(), entryHeld_.end(), [&](const Instance &i) {
        return i.lock == h.lock && compareKeys(i.key, h.key) != Alias::Different;
      });
      if (h.asserted || (returnsHolding_ && h.lock == returnsHolding_) || endsWithOther(h) ||
          restored)
        continue;
      Diagnostic *d =
          h.may ? report(Severity::Warning, "held-at-return", begin, end,
                         describe(h.lock, h.key) +
                             " may still be held at return (it is held on some paths only)")
                : report(Severity::Error, "held-at-return", begin, end,
                         describe(h.lock, h.key) + " is still held at return");
      noteHere(d, h.at, h.atEnd, "taken here");
    }
  }

  /// VMA write locks have no release of their own: they end with the mmap write hold.
  bool endsWithOther(const Held &h) const {
    return std::any_of(model_.relations.begin(), model_.relations.end(), [&](const Relation &r) {
      return r.kind == Relation::Kind::EndsWith && r.lock == h.lock->name &&
             modeMatches(h.lock, h.mode, r.mode);
    });
  }

  // ---- The graph ----------------------------------------------------------------------

  /// The side tables a walk fills in source order (aliases, classes taken, caller holds):
  /// each pass over the graph starts from the same ones, so the pass that reports sees what
  /// a single source-order walk would.
  struct Tables {
    std::unordered_map<std::string, std::string> types, aliases;
    std::unordered_map<std::string, const Lock *> pointerClass;
    std::set<const Lock *> taken;
    std::vector<Instance> entryHeld;
  };
  Tables tables() const { return {types_, aliases_, pointerClass_, taken_, entryHeld_}; }
  void restore(const Tables &t) {
    types_ = t.types;
    aliases_ = t.aliases;
    pointerClass_ = t.pointerClass;
    taken_ = t.taken;
    entryHeld_ = t.entryHeld;
  }

  /// Runs `body` (a function body, or a GNU statement expression when `nested`) from
  /// `entry` to a fixed point, then once more reporting; returns the state at its closing
  /// brace (a function body's is checked as an implicit return).
  State graph(ts::Node body, State entry, bool nested, int depth) {
    if (depth > kMaxDepth)
      return entry;
    Cfg g = Cfg::build(body, kMaxDepth);
    const std::vector<CfgBlock> &blocks = g.blocks();
    // Source order: a pass is a source-order walk, and only back edges (loops, backward
    // gotos) need another pass.
    std::vector<uint32_t> order = g.reversePostOrder();
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return blocks[a].begin < blocks[b].begin; });
    std::vector<int> position(blocks.size(), -1);
    for (size_t i = 0; i < order.size(); ++i)
      position[order[i]] = static_cast<int>(i);
    std::vector<uint32_t> heads; // targets of back edges: loop heads, labels gone back to
    for (uint32_t b : order)
      for (uint32_t s : blocks[b].succ)
        if (position[s] <= position[b] &&
            std::find(heads.begin(), heads.end(), s) == heads.end())
          heads.push_back(s);
    bool cyclic = !heads.empty();

    // Expressions that name nothing the spec knows and assign nothing cannot change the
    // state or the alias tables: where a graph takes several passes, they are found once
    // here and evaluated by none.
    std::vector<std::vector<char>> inert(blocks.size());
    for (size_t b = 0; b < blocks.size(); ++b)
      for (const CfgItem &it : blocks[b].items) {
        std::string_view text = it.node.text();
        inert[b].push_back(cyclic && it.kind == CfgItem::Kind::Eval &&
                           text.find_first_of("={") == std::string_view::npos &&
                           !index_.mentionsAny(text));
      }
    std::vector<std::vector<State>> outs(blocks.size());
    std::vector<State> ins(blocks.size(), deadState());
    auto inOf = [&](uint32_t b) {
      State in = b == 0 ? entry : deadState();
      for (uint32_t p : blocks[b].pred)
        for (size_t k = 0; k < blocks[p].succ.size() && k < outs[p].size(); ++k)
          if (blocks[p].succ[k] == b)
            in = join(in, outs[p][k]);
      return in;
    };
    State end = deadState();
    if (!cyclic) { // one source-order pass is the fixed point; no in-state is looked at again
      for (uint32_t b : order)
        outs[b] = transfer(blocks[b], inert[b], inOf(b), nested, end, depth);
      return end;
    }
    // Where each pass reached a loop head: the findings so far and the side tables, so a
    // later pass can start there.
    std::vector<size_t> headMark(blocks.size(), out_.size());
    std::vector<Tables> headTables(blocks.size());
    auto pass = [&](size_t from) {
      if (from == 0)
        end = deadState();
      for (size_t k = from; k < order.size(); ++k) {
        uint32_t b = order[k];
        if (std::find(heads.begin(), heads.end(), b) != heads.end()) {
          headMark[b] = out_.size();
          headTables[b] = tables();
        }
        ins[b] = inOf(b);
        outs[b] = transfer(blocks[b], inert[b], ins[b], nested, end, depth);
      }
    };
    size_t startMark = out_.size();
    Tables startTables;
    if (nested)
      startTables = tables();
    pass(0);
    // A pass is the fixed point when no block's in-state, recomputed from the pass's own
    // out-states, differs from the one it ran with: only back edges can make one differ, so
    // only their targets are compared.  Until then (bounded: the settled-lock bookkeeping of
    // join is not monotone) the walk runs again from the earliest head that changed: what
    // precedes it is unchanged.  Its findings from that point are taken back first, so those
    // of the pass that reaches the fixed point are the ones that stay.
    for (int i = 1; i < kMaxPasses; ++i) {
      size_t from = order.size();
      for (uint32_t h : heads)
        if (static_cast<size_t>(position[h]) < from && !sameState(inOf(h), ins[h]))
          from = position[h];
      if (from == order.size())
        break;
      if (nested)
        from = 0; // `end` gathers from the whole pass
      size_t mark = from == 0 ? startMark : headMark[order[from]];
      for (size_t f = mark; f < out_.size(); ++f)
        reported_.erase({out_[f].diag.span.begin, out_[f].diag.message});
      out_.resize(mark);
      restore(from == 0 ? startTables : headTables[order[from]]);
      pass(from);
    }
    return end;
  }

  /// One block from `st`: the state on each outgoing edge.  A return is checked here; the
  /// closing brace of a nested body joins into `end` instead.
  std::vector<State> transfer(const CfgBlock &b, const std::vector<char> &inert, State st,
                              bool nested, State &end, int depth) {
    if (!st.live)
      return std::vector<State>(b.succ.size(), deadState());
    for (size_t i = 0; i < b.items.size(); ++i) {
      const CfgItem &it = b.items[i];
      if (inert[i])
        continue;
      if (it.kind == CfgItem::Kind::Eval) {
        eval(it.node, st, depth + 1);
        continue;
      }
      std::vector<ts::Node> children = it.node.namedChildren();
      for (const ts::Node &c : children) {
        if (std::string_view(c.type()) != "init_declarator")
          continue;
        ts::Node id = declaredIdentifier(c);
        evalInto(c.child("value"), std::string(id.text()), st, depth);
      }
      for (const ts::Node &c : children)
        declare(it.node, c);
    }
    if (b.exit == CfgBlock::Exit::Branch) {
      auto [yes, no] = cond(b.condition, st, depth + 1);
      return {std::move(yes), std::move(no)};
    }
    if (b.exit == CfgBlock::Exit::Jump) {
      std::vector<State> out(b.succ.size() > 1 ? b.succ.size() - 1 : 0, st);
      if (!b.succ.empty())
        out.push_back(std::move(st));
      return out;
    }
    ts::Node s = b.terminator;
    if (std::string_view(s.type()) != "return_statement") {
      if (nested)
        end = join(end, st);
      else
        atReturn(st, s.end() > s.begin() ? s.end() - 1 : s.begin(), s.end());
      return {};
    }
    std::string returned;
    for (const ts::Node &c : s.namedChildren()) {
      eval(c, st, depth + 1);
      returned = resolve(canonical(c));
    }
    if (st.live) {
      // Returning the lock (`return ptl;`) or the locked object (`return vma;`) hands the
      // hold to the caller, as the spec's own returning APIs do.
      State handed = st;
      std::erase_if(handed.held, [&](const Held &h) {
        return !returned.empty() && (h.key == returned || h.key == "*" + returned);
      });
      atReturn(handed, s.begin(), s.end());
    }
    return {};
  }
  const LockIndex &index_;
  const Model &model_;
  ts::Node function_;
  std::string name_;
  std::vector<Finding> &out_;
  const Lock *returnsHolding_ = nullptr; ///< The function is a spec API returning this lock.

  std::unordered_map<std::string, std::string> types_;         ///< Variable -> object name.
  std::unordered_map<std::string, std::string> aliases_;       ///< Variable -> what it was set to.
  std::unordered_map<std::string, const Lock *> pointerClass_; ///< `ptl` -> its lock class.
  std::set<const Lock *> taken_;    ///< Classes taken so far, in walk (source) order.
  std::vector<Instance> entryHeld_; ///< Locks the caller held on entry.
  std::set<std::pair<uint32_t, std::string>> reported_;
};

} // namespace

void checkFunction(const LockIndex &index, ts::Node function, std::string_view name,
                   const std::vector<ts::Match> &parameters, const ts::Query &query,
                   std::vector<Finding> &out) {
  FunctionAnalysis(index, function, name, out).run(parameters, query);
}

} // namespace lockspec::check
