// Requirements: an operation's or a field write's alternatives checked against the held locks,
// and the missing-lock, wrong-mode, held-forbidden and assumed-fact findings they give.
#include <algorithm>

#include "c_expr.h"
#include "flow_analysis.h"
#include "wording.h"

namespace lockspec::check {

std::string FunctionAnalysis::atomText(const Atom &a, const Roles &roles) const {
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

std::string FunctionAnalysis::requiredOwner(const Atom &a, const Roles &roles) const {
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

FunctionAnalysis::AtomCheck FunctionAnalysis::checkAtom(const Atom &a, const Roles &roles,
                                                        State &st, const Lock *own) {
  if (a.kind == Atom::Kind::Fact)
    return {AtomStatus::Assumed};
  // `lock if fact`: met when the lock is held; otherwise it holds only if the fact does not,
  // which the checker cannot see.
  // Held in a weaker mode, though (even on some paths only): the code took it because the
  // condition holds, and took the wrong mode.
  if (!a.condition.empty()) {
    if (!a.held)
      return {AtomStatus::Assumed};
    Atom plain = a;
    plain.condition.clear();
    AtomCheck c = checkAtom(plain, roles, st, own);
    if (c.status == AtomStatus::Ok || c.status == AtomStatus::WrongMode)
      return c;
    if (const Lock *lock = model_.findLock(a.lock); lock && c.status == AtomStatus::Missing) {
      std::string owner = requiredOwner(a, roles);
      const Held *weaker = nullptr;
      for (const Held &h : st.held) {
        if (h.lock != lock || !h.may || h.mode.empty() || owner.empty() ||
            compareKeys(h.key, owner) == Alias::Different)
          continue;
        if (lock->satisfies(h.mode, a.mode))
          return {AtomStatus::Assumed}; // the path that holds it holds it well
        weaker = &h;
      }
      if (weaker)
        return {AtomStatus::WrongMode, weaker};
    }
    return {AtomStatus::Assumed};
  }
  const Lock *lock = model_.findLock(a.lock);
  if (!lock)
    return {AtomStatus::Assumed};
  if (own && lock == own)
    return {a.held ? AtomStatus::Ok : AtomStatus::Assumed};
  // The callee's own body takes this lock: the spec cannot mean its caller must hold it.
  if (a.held && calleeTakes_ &&
      std::find(calleeTakes_->begin(), calleeTakes_->end(), lock) != calleeTakes_->end())
    return {AtomStatus::Ok};
  std::string owner = requiredOwner(a, roles);
  // An object no other thread can reach yet: nobody else can hold or need its own locks.
  if (a.held && isUnpublished(st, owner))
    return {AtomStatus::Ok};
  // The same for a split page-table lock, which has no owner key (matched by class): the
  // role's object is the table that owns it.
  // `pte + i` is an entry of the table `pte` points into.
  if (auto r = roles.find(a.role); a.held && r != roles.end() && !r->second.expr.empty() &&
                                   r->second.object == lock->owner) {
    std::string e = r->second.expr;
    size_t k = 0;
    while (k < e.size() && isIdentifier(std::string_view(e).substr(k, 1)))
      ++k;
    size_t op = e.find_first_not_of(' ', k);
    if (k > 0 && op != std::string::npos && (e[op] == '+' || e[op] == '-') &&
        e.compare(op, 2, "->") != 0)
      e.resize(k);
    if (isUnpublished(st, resolve(e)))
      return {AtomStatus::Ok};
  }
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
  // A lock held through a parameter pointer of no class here (a split page-table lock taken
  // by `double_pt_lock(dst_ptl, src_ptl)`): met if the callers' argument is of this class.
  if (!weaker && lock->kind == LockKind::Spinlock && lock->split)
    for (const Held &h : st.held)
      if (!h.lock && !h.may && parameterPointer(h.key))
        return {AtomStatus::ByCaller, &h};
  return {weaker ? AtomStatus::WrongMode : AtomStatus::Missing, weaker};
}

FunctionAnalysis::Verdict
FunctionAnalysis::checkRequirement(const Requirement &req, const Roles &roles, State &st,
                                   const Lock *own, ts::Node at, const std::string &what,
                                   const std::string &ruleName, const SourcePos &rulePos,
                                   bool silent, const Why &why, const std::string &subject) {
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
                 quote(a->kind == Atom::Kind::Fact || a->condition.empty() ? atomText(*a, roles)
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
  // Some way lacks only a stronger mode of locks this function took itself: its callers
  // cannot supply that (a write lock weakened to read), so it is no need of theirs.
  bool ownWeaker = std::any_of(checks.begin(), checks.end(), [&](const AltCheck &c) {
    return !c.failed.empty() &&
           std::all_of(c.failed.begin(), c.failed.end(), [&](const auto &f) {
             return f.second.status == AtomStatus::WrongMode && !f.second.weaker->asserted &&
                    !f.second.weaker->mode.empty() && !requiredOwner(*f.first, roles).empty();
           });
  });
  if (silent)
    return ownWeaker ? Verdict::OwnWeaker : Verdict::No;
  // Not met here: the callers' requirement unless something held is forbidden.
  bool forbidden = std::any_of(checks.begin(), checks.end(), [](const AltCheck &c) {
    return std::any_of(c.failed.begin(), c.failed.end(),
                       [](const auto &f) { return f.second.status == AtomStatus::Forbidden; });
  });
  // The finding in words.  Passed on, it is named by the site and the rule, which do not
  // depend on the state (a finding at a root says in words what is missing there).
  std::vector<std::pair<const Lock *, std::string>> reasons;
  std::string named = what + (why.label.empty() ? "" : " (" + why.label + ")");
  std::string line = named + " " + missingWords(req, roles, st, own, why, reasons);
  std::vector<const Lock *> lacking;
  for (const auto &r : reasons)
    lacking.push_back(r.first);
  if (std::string reason = reasonsFor(reasons, lacking); !reason.empty())
    line += ": " + reason;
  if (!forbidden && !ownWeaker) {
    std::vector<std::vector<SummaryLock>> alternatives;
    std::vector<const Lock *> classes;
    for (const Alternative &alt : req.alternatives)
      for (const Atom &a : alt.atoms)
        if (a.kind != Atom::Kind::Fact)
          if (const Lock *lock = model_.findLock(a.lock))
            classes.push_back(lock);
    for (const AltCheck &c : checks) {
      // What is held here stays met until the call: only the rest is the callers'.
      std::vector<SummaryLock> locks;
      for (const auto &[a, r] : c.failed)
        if (a->kind != Atom::Kind::Fact && a->held && a->condition.empty())
          if (const Lock *lock = model_.findLock(a->lock)) {
            if (r.status == AtomStatus::ByCaller)
              locks.push_back({lock, a->mode, r.weaker->key, true});
            else
              locks.push_back({lock, a->mode, requiredOwner(*a, roles)});
          }
      if (!locks.empty())
        alternatives.push_back(std::move(locks));
    }
    if (!alternatives.empty() &&
        passOn(alternatives, named + ", which requires " + req.text, "", classes, at.begin(),
               std::move(reasons), subject, st.published, false, st.facts))
      return Verdict::No;
  }
  // Wrong mode when some alternative fails only by modes (one that also rests on facts the
  // checker assumes is no better a way than the others, where there are others: the
  // finding says them all).
  for (const AltCheck &c : checks) {
    bool modesOnly = std::all_of(c.failed.begin(), c.failed.end(), [](const auto &f) {
      return f.second.status == AtomStatus::WrongMode;
    });
    if (!modesOnly || c.failed.empty() || (!c.assumed.empty() && checks.size() > 1))
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
                               what + " must not run with " + describe(h.lock, h.key) + " held (" +
                                   ruleName + ")");
        noteHere(d, h.at, h.atEnd, "taken here");
        noteSpec(d, rulePos, ruleName + " is declared here");
        return Verdict::No;
      }
  // The exact rule one step away: the spec's expression and its ways, each said once.
  std::vector<std::string> ways;
  for (const AltCheck &c : checks) {
    std::vector<std::string> atoms;
    for (const Atom &a : c.alt->atoms)
      if (std::string t = atomText(a, roles);
          std::find(atoms.begin(), atoms.end(), t) == atoms.end())
        atoms.push_back(t);
    std::string one;
    for (const std::string &t : atoms)
      one += (one.empty() ? "" : " & ") + t;
    one = (c.alt->label.empty() ? "" : c.alt->label + ": ") + one;
    if (std::find(ways.begin(), ways.end(), one) == ways.end())
      ways.push_back(std::move(one));
  }
  std::string alternatives;
  for (size_t i = 0; i < ways.size(); ++i) {
    if (i == 4) {
      alternatives += "; and " + std::to_string(ways.size() - i) + " more";
      break;
    }
    alternatives += (i ? "; " : "") + ways[i];
  }
  Diagnostic *d = report(Severity::Error, "missing-lock", at, line);
  noteHere(d, at.begin(), at.end(),
           ruleName + " requires " + req.text +
               (ways.size() == 1 ? "; that is " : "; any of these would do: ") + alternatives);
  noteSpec(d, rulePos, ruleName + " is declared here");
  return Verdict::No;
}

std::string FunctionAnalysis::heldWords(const State &st,
                                        const std::vector<const Lock *> &classes) const {
  std::vector<std::string> held;
  for (const Held &h : st.held)
    if (!h.may && std::find(classes.begin(), classes.end(), h.lock) != classes.end())
      if (std::string t = lockWords(*h.lock, h.key, h.mode);
          std::find(held.begin(), held.end(), t) == held.end())
        held.push_back(std::move(t));
  if (held.empty())
    return "(it holds none of its locks)";
  std::string out;
  for (size_t i = 0; i < held.size(); ++i)
    out += (i == 0 ? "" : i + 1 == held.size() ? " and " : ", ") + held[i];
  return "(it holds " + out + ")";
}

std::string
FunctionAnalysis::missingWords(const Requirement &req, const Roles &roles, State &st,
                               const Lock *own, const Why &why,
                               std::vector<std::pair<const Lock *, std::string>> &reasons) {
  auto phrase = [&](const Atom &a) {
    const Lock *lock = model_.findLock(a.lock);
    std::string t = lock ? lockWords(*lock, requiredOwner(a, roles), a.mode) : quote(a.lock);
    return a.condition.empty() ? t : t + " if " + a.condition;
  };
  std::vector<std::vector<const Lock *>> lacking; // per way of the clause being looked at
  auto failed = [&](const Alternative &alt) {
    std::vector<std::string> out;
    lacking.emplace_back();
    for (const Atom &a : alt.atoms) {
      AtomStatus s = checkAtom(a, roles, st, own).status;
      if (a.held && (s == AtomStatus::Missing || s == AtomStatus::WrongMode ||
                     s == AtomStatus::ByCaller)) {
        out.push_back(phrase(a));
        lacking.back().push_back(model_.findLock(a.lock));
      }
    }
    return out;
  };
  // The locks of the ways said.
  auto said = [&](const std::vector<std::vector<std::string>> &ways) {
    std::vector<const Lock *> locks;
    for (size_t i : keptWays(ways))
      locks.insert(locks.end(), lacking[i].begin(), lacking[i].end());
    return locks;
  };
  // Clause by clause: an operation's `requires` are and-ed, and each one not met is said with
  // its own reason.
  std::vector<const Requirement *> clauses;
  if (why.clauses)
    for (const Requirement &c : *why.clauses)
      clauses.push_back(&c);
  if (clauses.empty())
    clauses.push_back(&req);
  struct Unmet {
    std::string words, reason;
    std::vector<const Lock *> locks;
  };
  std::vector<Unmet> unmet;
  for (const Requirement *c : clauses) {
    std::vector<std::vector<std::string>> ways;
    lacking.clear();
    bool met = c->alternatives.empty();
    for (const Alternative &alt : c->alternatives) {
      ways.push_back(failed(alt));
      met |= ways.back().empty();
    }
    if (met)
      continue;
    std::string r = clauseReason(model_, *c);
    unmet.push_back({waysWords(ways), r.empty() ? why.fallback : r, said(ways)});
  }
  if (unmet.empty()) { // Met clause by clause, not as a whole: say the closest ways.
    std::vector<std::vector<std::string>> ways;
    lacking.clear();
    for (const Alternative &alt : req.alternatives)
      ways.push_back(failed(alt));
    unmet.push_back({waysWords(ways), why.fallback, said(ways)});
  }
  // What is held is a lock set the spec rejects: its reason says why exactly that is not enough.
  bool rejected = false;
  std::vector<const Lock *> classes; // the rule's locks, and those of a rejected set held
  for (size_t i = 0; why.rejects && i < why.rejects->size() && !rejected; ++i)
    for (const Alternative &alt : (*why.rejects)[i].requirement.alternatives) {
      bool locks = false, all = true;
      for (const Atom &a : alt.atoms) {
        AtomStatus s = checkAtom(a, roles, st, own).status;
        locks |= a.kind == Atom::Kind::Lock && s == AtomStatus::Ok;
        all &= s == AtomStatus::Ok || s == AtomStatus::Assumed;
      }
      if ((rejected = locks && all)) {
        unmet.front().reason = (*why.rejects)[i].reason;
        for (const Atom &a : alt.atoms)
          if (const Lock *lock = model_.findLock(a.lock))
            classes.push_back(lock);
        break;
      }
    }
  for (const Alternative &alt : req.alternatives)
    for (const Atom &a : alt.atoms)
      if (a.kind == Atom::Kind::Lock && a.held)
        if (const Lock *lock = model_.findLock(a.lock))
          classes.push_back(lock);
  std::string out;
  reasons.clear();
  for (const Unmet &u : unmet) {
    out += (out.empty() ? "without " : ", and without ") + u.words;
    for (const Lock *lock : u.locks)
      reasons.emplace_back(lock, u.reason);
  }
  return out + " " + heldWords(st, classes);
}

Roles FunctionAnalysis::operationRoles(const Operation &op, const std::vector<ts::Node> &args,
                                       std::string_view fn) const {
  Roles roles;
  std::vector<std::string> canon;
  for (const ts::Node &a : args)
    canon.push_back(canonical(a));
  const std::vector<std::string> *params =
      !fn.empty() && ctx_ && ctx_->paramsOf ? ctx_->paramsOf(fn) : nullptr;
  auto bind = [&](const Role &role, bool subject) {
    RoleBinding b{role.expr, role.object};
    if (b.expr.empty()) {
      for (const std::string &c : canon)
        if (c == role.name) {
          b.expr = c;
          break;
        }
      // Another element of the same object (`pte + i`: an entry of the table `pte` is in).
      if (b.expr.empty())
        for (const std::string &c : canon) {
          size_t op = c.find_first_not_of(' ', role.name.size());
          if (c.rfind(role.name, 0) == 0 && op != std::string::npos && op > 0 &&
              (c[op] == '+' || c[op] == '-') && c.compare(op, 2, "->") != 0 &&
              c.compare(op, 2, "++") != 0 && c.compare(op, 2, "--") != 0 &&
              !isIdentifier(std::string_view(c).substr(role.name.size(), 1))) {
            b.expr = c;
            break;
          }
        }
      // The argument passed for the callee's parameter of that name.
      if (b.expr.empty() && params)
        for (size_t i = 0; i < params->size() && i < canon.size(); ++i)
          if ((*params)[i] == role.name) {
            b.expr = canon[i];
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

void FunctionAnalysis::checkOperations(const std::string &fn, const std::vector<ts::Node> &args,
                                       State &st, ts::Node call, const Lock *own) {
  const auto *ops = index_.operations(fn);
  if (!ops || ops->empty())
    return;
  // An operation function defined in the files checked: the locks its body takes are not
  // its callers' to hold (a spec listing it under a lock it takes itself).
  struct Reset {
    const std::vector<const Lock *> *&p;
    ~Reset() { p = nullptr; }
  } reset{calleeTakes_};
  calleeTakes_ = ctx_ && ctx_->takes ? ctx_->takes(fn) : nullptr;
  // A function that several operations list is fine if any of them is satisfied; when only
  // facts could satisfy one, that one is reported as a note.
  const Operation *byFacts = nullptr, *byMode = nullptr;
  for (const Operation *op : *ops) {
    Verdict v = checkRequirement(op->requirement, operationRoles(*op, args, fn), st, own, call, "",
                                 "", op->pos, /*silent=*/true);
    if (v == Verdict::ByLocks)
      return;
    if (v == Verdict::ByFacts && !byFacts)
      byFacts = op;
    if (v == Verdict::OwnWeaker && !byMode)
      byMode = op;
  }
  // Not met, but one operation lacks only a stronger mode of locks the function took: the
  // one its code meant (a collapse under the anon_vma read lock is the collapse, not a
  // retraction missing the PTE lock), reported as the wrong mode it holds.
  if (!byFacts && byMode)
    byFacts = byMode;
  const Operation &op = byFacts ? *byFacts : *ops->front();
  std::string others;
  for (size_t i = 1; i < ops->size(); ++i)
    others += (others.empty() ? " (nor those of " : ", ") + quote((*ops)[i]->name);
  if (!others.empty())
    others += ")";
  if (byFacts)
    others.clear();
  // A function several operations list: the first one is said, the others named.
  std::string label = op.name;
  for (size_t i = 1; i < ops->size() && !byFacts; ++i)
    label += (i == 1 ? "; " : ", ") + (*ops)[i]->name;
  if (ops->size() > 1 && !byFacts)
    label += ops->size() == 2 ? " is not met either" : " are not met either";
  checkRequirement(op.requirement, operationRoles(op, args, fn), st, own, call,
                   "call to " + quote(fn), "operation " + quote(op.name) + others, op.pos, false,
                   Why{label, &op.clauses, &op.rejects, ""});
}

void FunctionAnalysis::fieldWrite(ts::Node lhs, ts::Node rhs, State &st) {
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
  // A field of an object no other thread can reach yet has no reader to protect.
  if (isUnpublished(st, resolve(base)))
    return;
  std::string type = typeOf(base);
  if (type.empty())
    if (const Object *o = index_.objectForVar(base))
      type = o->name;
  // `anon_vma->parent->num_children`: the object a spec link of the base's object reaches.
  if (size_t arrow = base.rfind("->"); type.empty() && arrow != std::string::npos) {
    std::string outer = base.substr(0, arrow), name = base.substr(arrow + 2);
    std::string outerType = typeOf(outer);
    if (outerType.empty())
      if (const Object *o = index_.objectForVar(outer))
        outerType = o->name;
    if (const Object *o = outerType.empty() ? nullptr : model_.findObject(outerType))
      for (const Link &l : o->links)
        if (l.expr == o->var + "->" + name)
          type = l.target;
  }
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
    // A field rule has no reason of its own: a let's doc, else what the field is.
    std::string about = docReason(*ref.field);
    checkRequirement(rule->requirement, roles, st, nullptr, lhs,
                     "write to " + quote(canonical(lhs)), "field " + quote(name), rule->pos, false,
                     Why{ref.object->name + "." + field +
                             (rule->transition.empty() ? "" : ", " + rule->transition),
                         nullptr, nullptr,
                         about.empty() ? "" : ref.object->name + "." + field + " is " + about},
                     resolve(base));
    return;
  }
}

} // namespace lockspec::check
