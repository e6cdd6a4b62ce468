// The Rust call of an operation, derived by the rust backend's own evidence plan.
#include "rust_calls.h"

#include <algorithm>

#include "rust_backend.h"
#include "rust_impl.h"

namespace lockspec::rust {

std::vector<size_t> derivedRoles(const Crate &c, const Operation &op, const EvidencePlan &p) {
  std::vector<const Role *> roles{&op.subject};
  for (const Role &r : op.roles)
    roles.push_back(&r);
  std::vector<size_t> by(roles.size(), p.common.size());
  for (size_t i = 0; i < p.common.size(); ++i) {
    const Atom &a = p.common[i];
    if (a.kind != Atom::Kind::Lock || !a.links.empty())
      continue;
    auto gs = c.satisfying(a.lock, a.mode);
    size_t idx =
        std::find_if(roles.begin(), roles.end(), [&](const Role *r) { return r->name == a.role; }) -
        roles.begin();
    if (gs.size() == 1 && gs[0]->owner && idx < roles.size() && by[idx] == p.common.size() &&
        a.condition.empty() && gs[0]->owner->name == roles[idx]->object)
      by[idx] = i;
  }
  return by;
}

} // namespace lockspec::rust

namespace lockspec {
namespace {

using rust::Crate;
using rust::EvidencePlan;
using rust::GuardInfo;

/// The argument a user passes for `a` held through guard `g`.
std::string argument(const Operation &op, const Atom &a, const GuardInfo *g) {
  if (a.kind == Atom::Kind::Fact)
    return std::string("&") + (a.held ? "" : "not_") + a.fact;
  std::string var = g->lock->name + "_" + g->mode->name + "_guard";
  if (!a.role.empty() && a.role != op.subject.name)
    var += "_at_" + a.role;
  return a.condition.empty() ? "&" + var : "Conditional::Held(&" + var + ")";
}

} // namespace

std::vector<std::string> rustCalls(const Model &model, const Operation &op) {
  Crate c(model);
  EvidencePlan p = rust::planEvidence(c, op.requirement, true);
  if (p.alts.empty() && p.common.empty())
    return {};
  std::vector<std::string> fixed;
  std::vector<const Role *> roles{&op.subject};
  for (const Role &r : op.roles)
    roles.push_back(&r);
  const std::vector<size_t> derivedBy = rust::derivedRoles(c, op, p);
  for (size_t i = 0; i < roles.size(); ++i)
    if (derivedBy[i] == p.common.size())
      fixed.push_back(roles[i]->name);
  for (const Atom &a : p.common)
    fixed.push_back(argument(
        op, a, a.kind == Atom::Kind::Fact ? nullptr : c.satisfying(a.lock, a.mode).front()));
  auto call = [&](std::vector<std::string> args) {
    return "ops::" + op.name + "(" + rust::join(args, ", ") + ");";
  };
  if (!p.anyOf)
    return {call(fixed)};
  std::vector<std::string> out;
  for (const Alternative &alt : op.requirement.alternatives) {
    auto pa = std::find_if(p.alts.begin(), p.alts.end(),
                           [&](const EvidencePlan::Alt &x) { return x.alt == &alt; });
    if (pa == p.alts.end()) {
      out.emplace_back();
      continue;
    }
    std::vector<std::string> parts;
    for (size_t k = 0; k < pa->atoms.size(); ++k)
      parts.push_back(argument(op, pa->atoms[k], pa->picks[0][k]));
    std::vector<std::string> args = fixed;
    args.push_back(parts.size() == 1 ? parts[0] : "(" + rust::join(parts, ", ") + ")");
    out.push_back(call(args));
  }
  return out;
}

std::string rustEvidenceTrait(const std::string &op) {
  return pascalCase(op) + "Evidence";
}

} // namespace lockspec
