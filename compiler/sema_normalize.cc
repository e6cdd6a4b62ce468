// Requirement normalisation: every requirement expression becomes a disjunction of
// alternatives, each a sorted set of atoms (lock instance and minimum mode, or a fact).
#include "sema_impl.h"

#include <algorithm>

#include "requirement.h"

namespace lockspec::detail {

std::string Sema::instanceExpr(const std::string &roleObject, const std::string &roleName,
                               const std::vector<std::string> &links, const Lock &lock) const {
  if (lock.owner.empty())
    return "";
  auto fixed = roleExprs_.find(roleName);
  const std::string &role =
      fixed != roleExprs_.end() && !fixed->second.empty() ? fixed->second : roleName;
  auto reached = model_.followLinks(role, roleObject, links);
  if (!reached)
    return "";
  const Object *at = reached->object;
  const std::string &current = reached->expr;
  std::string path = lock.path.empty() ? at->var : lock.path;
  return substituteVar(path, at->var, current);
}

const Sema::ResolvedInstance &Sema::resolveInstance(const std::string &roleObject,
                                                    const std::string &role, const Lock &lock) {
  auto fixed = roleExprs_.find(role);
  std::string expr = fixed == roleExprs_.end() ? "" : fixed->second;
  size_t lockIndex = static_cast<size_t>(&lock - model_.locks.data());
  auto [at, inserted] = instances_.try_emplace({roleObject, role, std::move(expr), lockIndex});
  ResolvedInstance &out = at->second;
  if (inserted) {
    if (auto links = model_.linkPath(roleObject, lock.owner)) {
      out.reachable = true;
      out.instance = instanceExpr(roleObject, role, *links, lock);
      out.links = std::move(*links);
    }
  }
  return out;
}

const Mode *Sema::atomMode(const Lock &lock, std::string_view text) const {
  if (!text.empty())
    return lock.findMode(std::string(text));
  size_t weakest = tables_.weakestModes[static_cast<size_t>(&lock - model_.locks.data())];
  return weakest < lock.modes.size() ? &lock.modes[weakest] : nullptr;
}

// ---------------------------------------------------------------------------------------------
// Requirement normalisation

std::string Sema::printExpr(const ast::Expr &e) const {
  switch (e.kind) {
  case ast::Expr::Kind::None:
    return "none";
  case ast::Expr::Kind::Atom: {
    std::string out = (e.negated ? "!" : "") + e.name.text;
    if (!e.mode.text.empty())
      out += "." + e.mode.text;
    if (!e.role().text.empty())
      out += "@" + e.role().text;
    if (!e.condition().text.empty())
      out += " if " + e.condition().text;
    return out;
  }
  case ast::Expr::Kind::And:
  case ast::Expr::Kind::Or: {
    std::string sep = e.kind == ast::Expr::Kind::And ? " & " : " | ";
    std::string out;
    for (size_t i = 0; i < e.operands.size(); ++i) {
      const ast::Expr &op = *e.operands[i];
      bool paren = e.kind == ast::Expr::Kind::And && op.kind == ast::Expr::Kind::Or;
      out += (i ? sep : "") + (paren ? "(" + printExpr(op) + ")" : printExpr(op));
    }
    return out;
  }
  case ast::Expr::Kind::Any: {
    std::string out = "any { ";
    for (size_t i = 0; i < e.operands.size(); ++i)
      out += e.extras->labels[i].text + ": " + printExpr(*e.operands[i]) + "; ";
    return out + "}";
  }
  }
  return "";
}

void Sema::canonicalize(Alternative &alt) {
  // Compares through references: a tuple of values copied every string of both atoms.
  std::sort(alt.atoms.begin(), alt.atoms.end(), [](const Atom &a, const Atom &b) {
    bool aNot = !a.held, bNot = !b.held;
    return std::tie(a.kind, a.lock, a.fact, a.role, a.links, a.condition, aNot, a.mode) <
           std::tie(b.kind, b.lock, b.fact, b.role, b.links, b.condition, bNot, b.mode);
  });
  alt.atoms.erase(std::unique(alt.atoms.begin(), alt.atoms.end()), alt.atoms.end());
}

/// `outer` and `inner` joined by `sep`, or whichever is not empty: how the labels ("/") and
/// docs ("; ") of nested and conjoined `any` branches combine.
static std::string joined(const std::string &outer, const std::string &inner, const char *sep) {
  if (outer.empty())
    return inner;
  return inner.empty() ? outer : outer + sep + inner;
}

std::optional<std::vector<PendingAlt>> Sema::conjoin(std::vector<PendingAlt> a,
                                                     const std::vector<PendingAlt> &b, Span span) {
  if (a.size() * b.size() > kMaxAlternatives) {
    diags_.error(span, "requirement expands to more than " + std::to_string(kMaxAlternatives) +
                           " alternatives");
    return std::nullopt;
  }
  std::vector<PendingAlt> out;
  for (const PendingAlt &x : a) {
    for (const PendingAlt &y : b) {
      PendingAlt merged = x;
      merged.alt.atoms.insert(merged.alt.atoms.end(), y.alt.atoms.begin(), y.alt.atoms.end());
      merged.alt.label = joined(x.alt.label, y.alt.label, "/");
      merged.alt.doc = joined(x.alt.doc, y.alt.doc, "; ");
      if (y.span.end - y.span.begin < merged.span.end - merged.span.begin && !y.alt.label.empty())
        merged.span = y.span;
      out.push_back(std::move(merged));
    }
  }
  return out;
}

std::optional<std::vector<PendingAlt>> Sema::normalize(const ast::Expr &e, const Context &ctx,
                                                       const std::string &label) {
  switch (e.kind) {
  case ast::Expr::Kind::None: {
    PendingAlt empty;
    empty.alt.label = label;
    empty.span = e.span;
    return std::vector<PendingAlt>{empty};
  }
  case ast::Expr::Kind::Atom:
    return normalizeAtom(e, ctx, label);
  case ast::Expr::Kind::Or:
  case ast::Expr::Kind::Any: {
    std::vector<PendingAlt> out;
    bool ok = true;
    // An `any` names its branches (an `|` does not).
    const ast::Expr::Extras *any = e.kind == ast::Expr::Kind::Any ? e.extras.get() : nullptr;
    for (size_t i = 0; i < e.operands.size(); ++i) {
      const ast::Name *branch = any ? &any->labels[i] : nullptr;
      if (branch)
        for (size_t j = 0; j < i; ++j)
          if (any->labels[j].text == branch->text)
            diags_.error(branch->span, "duplicate alternative label '" + branch->text + "'");
      auto alts = normalize(*e.operands[i], ctx, branch ? joined(label, branch->text, "/") : label);
      if (!alts) {
        ok = false;
        continue;
      }
      for (PendingAlt &alt : *alts) {
        if (branch) {
          alt.span = branch->span;
          alt.alt.doc = joined(any->docs[i].value, alt.alt.doc, "; ");
        }
        out.push_back(std::move(alt));
      }
    }
    if (!ok)
      return std::nullopt;
    if (out.size() > kMaxAlternatives) {
      diags_.error(e.span, "requirement expands to more than " + std::to_string(kMaxAlternatives) +
                               " alternatives");
      return std::nullopt;
    }
    return out;
  }
  case ast::Expr::Kind::And: {
    std::optional<std::vector<PendingAlt>> acc;
    bool ok = true;
    for (const auto &operand : e.operands) {
      auto alts = normalize(*operand, ctx, "");
      if (!alts) {
        ok = false;
        continue;
      }
      if (!acc) {
        acc = std::move(alts);
        for (PendingAlt &p : *acc)
          if (!label.empty())
            p.alt.label = p.alt.label.empty() ? label : label + "/" + p.alt.label;
        continue;
      }
      acc = conjoin(std::move(*acc), *alts, e.span);
      if (!acc)
        return std::nullopt;
    }
    if (!ok || !acc)
      return std::nullopt;
    for (PendingAlt &p : *acc)
      p.span = p.alt.label == label ? e.span : p.span;
    return acc;
  }
  }
  return std::nullopt;
}

std::optional<std::vector<PendingAlt>> Sema::normalizeAtom(const ast::Expr &e, const Context &ctx,
                                                           const std::string &label) {
  const Entity *entity = lookup(e.name.text);
  if (!entity) {
    diags_.error(e.name.span, "unknown name '" + e.name.text + "' in requirement" +
                                  didYouMean(e.name.text, tables_.names, isRequirementName));
    return std::nullopt;
  }
  // The role whose instance is meant.  References, not copies: this runs for every atom of
  // every requirement.
  const ast::Name &roleName = e.role();
  auto roleAt = ctx.roles.find(roleName.text.empty() ? std::string_view(ctx.subject)
                                                     : std::string_view(roleName.text));
  if (!roleName.text.empty() && roleAt == ctx.roles.end()) {
    diags_.error(roleName.span,
                 "unknown role '" + roleName.text + "'" +
                     didYouMean(roleName.text, ctx.roles, [](auto &&) { return true; }));
    return std::nullopt;
  }
  // A let is normalised without roles: its atoms name the subject and no object.
  static const std::string kNone;
  const std::string &role = roleAt == ctx.roles.end() ? ctx.subject : roleAt->second.name;
  const std::string &roleObject = roleAt == ctx.roles.end() ? kNone : roleAt->second.object;
  const std::string &condition = e.condition().text;
  if (!condition.empty()) {
    const Entity *c = lookup(condition);
    if (!c || c->kind != "fact") {
      diags_.error(e.condition().span, "condition '" + condition + "' is not a fact" +
                                           didYouMean(condition, tables_.names, isFact));
      return std::nullopt;
    }
  }
  auto single = [&](Atom atom) {
    PendingAlt p;
    p.alt.label = label;
    p.alt.atoms.push_back(std::move(atom));
    p.span = e.span;
    return p;
  };
  const std::string &conditionName = condition;
  auto lockAtom = [&](const Lock &lock, const Mode &mode, Span span) -> std::optional<Atom> {
    Atom atom;
    atom.kind = Atom::Kind::Lock;
    atom.held = !e.negated;
    atom.lock = lock.name;
    atom.mode = mode.name;
    atom.condition = conditionName;
    if (lock.owner.empty())
      return atom; // Global: no instance.
    atom.role = role;
    atom.object = roleObject;
    if (roleObject.empty())
      return atom; // In a let: resolved at each use.
    const ResolvedInstance &resolved = resolveInstance(roleObject, role, lock);
    if (!resolved.reachable) {
      diags_.error(span, "lock '" + lock.name + "' is held by object '" + lock.owner + "'" +
                             ", which is not reachable from role '" + role + "' (object '" +
                             roleObject + "')");
      return std::nullopt;
    }
    atom.links = resolved.links;
    atom.instance = resolved.instance;
    return atom;
  };
  if (entity->kind == "lock") {
    const Lock &lock = model_.locks[entity->index];
    const Mode *mode = atomMode(lock, e.mode.text);
    if (!mode) {
      diags_.error(e.mode.span, "lock '" + lock.name + "' has no mode '" + e.mode.text + "'" +
                                    didYouMeanNamed(e.mode.text, lock.modes));
      return std::nullopt;
    }
    auto atom = lockAtom(lock, *mode, e.name.span);
    if (!atom)
      return std::nullopt;
    return std::vector<PendingAlt>{single(std::move(*atom))};
  }
  if (entity->kind == "group") {
    const Group &group = model_.groups[entity->index];
    std::vector<PendingAlt> alts;
    for (const std::string &member : group.members) {
      const Lock *lock = model_.findLock(member);
      const Mode *mode = atomMode(*lock, e.mode.text);
      if (!mode) {
        diags_.error(e.mode.span, "group '" + group.name + "' member '" + member +
                                      "' has no mode '" + e.mode.text + "'");
        return std::nullopt;
      }
      auto atom = lockAtom(*lock, *mode, e.name.span);
      if (!atom)
        return std::nullopt;
      alts.push_back(single(std::move(*atom)));
    }
    if (e.negated) {
      // "Holds none of the group": one alternative with every member negated.
      PendingAlt all = single(alts.front().alt.atoms.front());
      all.alt.atoms.clear();
      for (PendingAlt &p : alts)
        all.alt.atoms.push_back(p.alt.atoms.front());
      return std::vector<PendingAlt>{all};
    }
    return alts;
  }
  if (entity->kind == "fact") {
    if (!e.mode.text.empty()) {
      diags_.error(e.mode.span, "fact '" + e.name.text + "' has no modes");
      return std::nullopt;
    }
    Atom atom;
    atom.kind = Atom::Kind::Fact;
    atom.held = !e.negated;
    atom.fact = std::string(e.name.text);
    atom.condition = conditionName;
    return std::vector<PendingAlt>{single(atom)};
  }
  if (entity->kind == "let") {
    if (!e.mode.text.empty() || e.negated || !condition.empty()) {
      diags_.error(e.span, "let '" + e.name.text + "' cannot take a mode, '!' or 'if'");
      return std::nullopt;
    }
    const ast::Let &let = spec_.lets[entity->index];
    if (!expandingLets_.insert(let.name.text).second) {
      Diagnostic &diag = diags_.error(e.name.span, "let '" + let.name.text + "' refers to itself");
      Diagnostics::note(diag, let.name.span, "'" + let.name.text + "' declared here");
      return std::nullopt;
    }
    Context inner = ctx;
    if (!roleName.text.empty())
      inner.subject = std::string(roleName.text);
    auto alts = normalize(*let.expr, inner, label);
    expandingLets_.erase(let.name.text);
    if (alts)
      for (PendingAlt &p : *alts)
        p.span = e.span;
    return alts;
  }
  diags_.error(e.name.span, "'" + e.name.text + "' is " + withArticle(entity->kind) +
                                ", not a lock, group, let or fact");
  return std::nullopt;
}

void Sema::warnSubsumed(const std::vector<PendingAlt> &alts) {
  for (size_t i = 0; i < alts.size(); ++i) {
    for (size_t j = 0; j < alts.size(); ++j) {
      if (i == j)
        continue;
      // Alternative i is redundant when j asks for no more than i does.
      bool jWeaker = satisfies(model_, alts[i].alt.atoms, alts[j].alt, false);
      bool iWeaker = satisfies(model_, alts[j].alt.atoms, alts[i].alt, false);
      if (jWeaker && (!iWeaker || j < i)) {
        Diagnostic &diag = diags_.warning(alts[i].span, "alternative " + describe(alts[i].alt) +
                                                            " is subsumed by alternative " +
                                                            describe(alts[j].alt));
        Diagnostics::note(diag, alts[j].span, "the weaker alternative is here");
        break;
      }
    }
  }
}

/// Whether holding `held` leaves no way to meet `notHeld` (same target): holding the read
/// side of a lock and not its write side is consistent, holding the write side is not.
static bool holdExcludes(const Model &model, const Atom &held, const Atom &notHeld) {
  const Lock *lock = held.kind == Atom::Kind::Lock ? model.findLock(held.lock) : nullptr;
  return !lock || lock->satisfies(held.mode, notHeld.mode);
}

std::vector<PendingAlt> Sema::finish(std::vector<PendingAlt> alts) {
  std::vector<PendingAlt> kept;
  for (PendingAlt &p : alts) {
    canonicalize(p.alt);
    // Drop atoms a stronger atom of the same alternative already covers.
    std::vector<bool> coveredAt(p.alt.atoms.size());
    for (size_t i = 0; i < p.alt.atoms.size(); ++i) {
      const Atom &a = p.alt.atoms[i];
      bool covered = false;
      for (size_t j = 0; j < p.alt.atoms.size() && !covered; ++j) {
        const Atom &b = p.alt.atoms[j];
        if (i == j || !sameTarget(a, b) || a.held != b.held || !a.held ||
            a.condition != b.condition || a.kind != Atom::Kind::Lock)
          continue;
        const Lock *lock = model_.findLock(a.lock);
        if (lock->satisfies(b.mode, a.mode) && (a.mode != b.mode || j < i))
          covered = true;
      }
      coveredAt[i] = covered;
    }
    size_t remaining = 0; // Compact in place: an atom is nine strings.
    for (size_t i = 0; i < p.alt.atoms.size(); ++i) {
      if (coveredAt[i])
        continue;
      if (remaining != i)
        p.alt.atoms[remaining] = std::move(p.alt.atoms[i]);
      ++remaining;
    }
    p.alt.atoms.resize(remaining);
    bool contradiction = false;
    for (const Atom &a : p.alt.atoms)
      for (const Atom &b : p.alt.atoms)
        if (a.held && !b.held && sameTarget(a, b) && a.condition == b.condition &&
            holdExcludes(model_, a, b))
          contradiction = true;
    if (contradiction) {
      diags_.error(p.span,
                   "alternative " + describe(p.alt) + " both holds and does not hold a lock");
      continue;
    }
    kept.push_back(std::move(p));
  }
  return kept;
}

std::optional<Requirement> Sema::requirement(const ast::Expr &expr, const Context &ctx, bool warn) {
  auto alts = normalize(expr, ctx, "");
  if (!alts)
    return std::nullopt;
  Requirement req;
  req.text = printExpr(expr);
  std::vector<PendingAlt> kept = finish(std::move(*alts));
  if (warn && !ctx.subject.empty())
    warnSubsumed(kept);
  for (PendingAlt &p : kept)
    req.alternatives.push_back(std::move(p.alt));
  return req;
}

} // namespace lockspec::detail
