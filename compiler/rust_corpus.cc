// The spec-derived compile-fail corpus of the rust backend: for each operation alternative one
// program that must compile and programs that must not (a lock missing, a read hold where the
// rule needs a write hold, a lock set the rule rejects), plus one program per ordered pair
// taken backwards, per proof kept past the end of its hold, per guard kept past the object it
// locks, per guard sent to another thread.
// Each negative names the error code and message text rustc must print.
#include <algorithm>
#include <sstream>

#include "rust_backend.h"
#include "rust_impl.h"

namespace lockspec::rust {
namespace {

struct Case {
  std::string file, requirement, variant;
  bool positive = true;
  std::string code, message; ///< For a negative: `E0277` and a substring of the message.
  std::string body;
};

const char *kHead = "#![allow(unused, clippy::all)]\nuse lockspec_mm::facts;\n"
                    "use lockspec_mm::guards::*;\nuse lockspec_mm::ops::{self, Conditional};\n"
                    "use lockspec_mm::order::Ctx;\nuse lockspec_mm::test_backend::{TestBackend, "
                    "TestObject};\n\n";

/// Programs build with the test backend: one object per object type (`o_mm_struct`), one per
/// role that is not the subject (`r_pte`); nothing runs, so links need not be set.
class Program {
public:
  Program(const Crate &c) : c_(c) {}
  /// With `roleTypes` (an example that runs), every link of every object is set to the
  /// `o_` object of its target, and each finder finds the role object of its type.
  std::string objects(const std::vector<std::string> &roleVars,
                      const std::vector<std::string> &roleTypes = {}) {
    std::string s;
    for (const Object &o : c_.model.objects)
      s += "    let o_" + o.name + " = TestObject::new();\n";
    for (const std::string &r : roleVars)
      s += "    let r_" + r + " = TestObject::new();\n";
    if (!roleTypes.empty()) {
      std::vector<std::pair<std::string, std::string>> all;
      for (const Object &o : c_.model.objects)
        all.push_back({"o_" + o.name, o.name});
      for (size_t i = 0; i < roleVars.size(); ++i)
        all.push_back({"r_" + roleVars[i], roleTypes[i]});
      for (const auto &[var, type] : all)
        if (const Object *o = c_.model.findObject(type))
          for (const Link &k : o->links)
            s += "    " + var + ".link_to(LinkId::" + pascalCase(o->name) + pascalCase(k.name) + ", &o_" +
                 k.target + ");\n";
      for (const GuardInfo &g : c_.guards) {
        if (!g.finder || !g.owner)
          continue;
        std::string target = "o_" + g.owner->name;
        for (size_t i = 0; i < roleVars.size(); ++i)
          if (roleTypes[i] == g.owner->name)
            target = "r_" + roleVars[i];
        for (const Object &o : c_.model.objects)
          if (o.var == g.finder->params[0].name)
            s += "    o_" + o.name + ".set_found(\"" + g.finder->name + "\", &" + target + ");\n";
      }
    }
    s += "    // SAFETY: this thread holds no lock.\n"
         "    let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };\n";
    return s;
  }
  /// Code taking guard `g` on `owner` (a TestObject variable); returns the guard variable.
  std::string take(const GuardInfo &g, const std::string &owner, std::string &code) {
    std::string v = "g" + std::to_string(++n_);
    std::string obj = g.owner ? owner + ".as_" + g.owner->name + "()" : "";
    std::string ctx = "&mut c" + std::to_string(ctx_);
    std::string lhs = g.ordered ? "let (" + v + ", mut c" + std::to_string(n_) + ")" : "let " + v;
    if (g.needs) {
      const GuardInfo *base = nullptr;
      auto bases = c_.satisfying(g.needs->other, g.needs->otherMode);
      for (const auto &[key, var] : held_)
        for (const GuardInfo *b : bases)
          if (key == b)
            base = b;
      std::string bv;
      if (!base) {
        base = bases.front();
        bv = take(*base, "o_" + base->owner->name, code);
      } else {
        for (const auto &[key, var] : held_)
          if (key == base)
            bv = var;
      }
      v = "g" + std::to_string(++n_);
      lhs = g.ordered ? "let (" + v + ", mut c" + std::to_string(n_) + ")" : "let " + v;
      ctx = "&mut c" + std::to_string(ctx_);
      std::vector<std::string> args;
      if (base->owner != g.owner)
        args.push_back(obj);
      if (g.ordered)
        args.push_back(ctx);
      const Api *a = nullptr;
      for (const Api &x : c_.model.apis)
        if (x.lock == g.lock->name && x.mode == g.mode->name && x.kind == ApiKind::Acquire && !a)
          a = &x;
      code += "    " + lhs + " = " + bv + "." + (a ? a->name : "lock") + "(" + join(args, ", ") +
              ");\n";
    } else if (g.acquire && g.owner) {
      bool tr = g.acquire->kind == ApiKind::Try;
      code += "    " + lhs + " = " + obj + "." + g.acquire->name + "(" + (g.ordered ? ctx : "") +
              ")" + (tr ? ".unwrap()" : "") + ";\n";
    } else if (g.acquire) {
      code += "    " + lhs + " = " + g.acquire->name + "::<TestBackend>();\n";
    } else if (g.finder) {
      std::string from;
      for (const Object &o : c_.model.objects)
        if (o.var == g.finder->params[0].name)
          from = "o_" + o.name + ".as_" + o.name + "()";
      code += "    " + lhs + " = " + from + "." + g.finder->name + "(0" +
              (g.ordered ? ", " + ctx : "") + ").unwrap();\n";
    } else if (g.downgradeFrom) {
      const GuardInfo *w = c_.find(g.downgradeFrom->lock, g.downgradeFrom->mode);
      if (!w)
        return "";
      std::string wv = take(*w, owner, code);
      v = "g" + std::to_string(++n_);
      code += "    let " + v + " = " + wv + "." + g.downgradeFrom->name + "();\n";
      held_.push_back({&g, v});
      return v;
    }
    if (g.ordered)
      ctx_ = n_;
    held_.push_back({&g, v});
    return v;
  }

  /// The variable of a guard taken of type `g`, or "".
  std::string varOf(const GuardInfo *g) const {
    for (const auto &[key, var] : held_)
      if (key == g)
        return var;
    return "";
  }

private:
  const Crate &c_;
  int n_ = 0, ctx_ = 0;
  std::vector<std::pair<const GuardInfo *, std::string>> held_;
};

/// Writes the program for one alternative's evidence choice; `replace` swaps one atom's guard.
std::string opCall(const Crate &c, const Operation &op, const EvidencePlan &p,
                   const std::vector<Atom> &evAtoms, const std::vector<const GuardInfo *> &evPick,
                   bool anyOf, const std::vector<Atom> &omit = {}, bool wire = false,
                   const Atom *swap = nullptr, const GuardInfo *swapGuard = nullptr) {
  Program prog(c);
  std::vector<std::string> roleVars, roleTypes;
  for (const Role &r : op.roles) {
    roleVars.push_back(r.name);
    roleTypes.push_back(r.object);
  }
  if (wire && roleTypes.empty())
    roleTypes.push_back(op.subject.object), roleVars.push_back("unused");
  std::string code = prog.objects(roleVars, wire ? roleTypes : std::vector<std::string>{});
  // Every lock atom with its guard, taken in the order's rank.
  struct Need {
    const Atom *atom;
    const GuardInfo *g;
    std::string var;
  };
  std::vector<Need> needs;
  for (const Atom &a : p.common)
    if (a.kind == Atom::Kind::Lock)
      needs.push_back({&a, swap && a == *swap ? swapGuard : c.satisfying(a.lock, a.mode).front(),
                       ""});
  for (size_t i = 0; i < evAtoms.size(); ++i)
    if (evAtoms[i].kind == Atom::Kind::Lock)
      needs.push_back({&evAtoms[i], evPick[i], ""});
  // Locks before more others come first: in a transitive closure, the number of
  // predecessors orders a chain.
  std::map<std::string, int> preds;
  for (const OrderPair &op : orderClosure(c.model))
    if (op.before != op.after)
      ++preds[op.after];
  std::stable_sort(needs.begin(), needs.end(), [&](const Need &x, const Need &y) {
    // A hold made from another comes right after it (write_protect_seq after the mmap lock).
    auto rank = [&](const Need &n) {
      if (n.g->ordered)
        return preds[n.g->lock->name];
      return n.g->needs ? preds[n.g->needs->other] : -1;
    };
    if (rank(x) != rank(y))
      return rank(x) < rank(y);
    // A hold another needs comes first (mmap write before the VMA write proof).
    return x.g->needs == nullptr && y.g->needs != nullptr;
  });
  for (Need &n : needs) {
    std::string owner = n.atom->links.empty() && !n.atom->role.empty()
                            ? (n.atom->role == op.subject.name ? "o_" + op.subject.object
                                                               : "r_" + n.atom->role)
                            : "o_" + (n.g->owner ? n.g->owner->name : std::string());
    n.var = prog.take(*n.g, owner, code);
  }
  auto varOf = [&](const Atom *a) {
    for (const Need &n : needs)
      if (n.atom == a)
        return n.var;
    return std::string();
  };
  // Fact tokens are bound first: the permit borrows its evidence.
  int facts = 0;
  auto arg = [&](const Atom &a, const std::string &var) {
    if (a.kind == Atom::Kind::Fact) {
      std::string f = "f" + std::to_string(++facts);
      code += "    // SAFETY: the example promises the fact `" + a.fact + "`" +
              (a.held ? "" : " is false") + ".\n    let " + f + " = unsafe { " +
              (a.held ? factType(a) : "facts::Not::<facts::" + pascalCase(a.fact) + ">") +
              "::assume() };\n";
      return "&" + f;
    }
    if (!a.condition.empty())
      return "Conditional::Held(&" + var + ")";
    return "&" + var;
  };
  // Parameters in the function's order: roles not derived, common atoms, evidence.
  std::vector<std::string> args;
  std::vector<const Role *> roles{&op.subject};
  for (const Role &r : op.roles)
    roles.push_back(&r);
  const std::vector<size_t> derivedBy = derivedRoles(c, op, p);
  for (size_t i = 0; i < roles.size(); ++i)
    if (derivedBy[i] == p.common.size())
      args.push_back(std::string(i ? "r_" + roles[i]->name : "o_" + roles[i]->object) + ".as_" +
                     roles[i]->object + "()");
  for (const Atom &a : p.common)
    if (std::find(omit.begin(), omit.end(), a) == omit.end())
      args.push_back(arg(a, varOf(&a)));
  if (anyOf) {
    std::vector<std::string> parts;
    for (const Atom &a : evAtoms)
      parts.push_back(arg(a, varOf(&a)));
    args.push_back(parts.size() == 1 ? parts[0] : "(" + join(parts, ", ") + ")");
  }
  code += "    let permit = ops::" + op.name + "(" + join(args, ", ") + ");\n";
  return code;
}

std::string file(const Case &k) {
  std::string s = "// lockspec-case: " + k.requirement + " | " + k.variant + " | " +
                  (k.positive ? "positive" : "negative") + "\n";
  if (!k.positive)
    s += "// lockspec-expect: " + k.code + " | " + k.message + "\n";
  return s + kHead + "pub fn case() {\n" + k.body + "}\n";
}

} // namespace

std::string exampleFor(const Crate &c, const Operation &op, bool *runs) {
  EvidencePlan p = planEvidence(c, op.requirement, true);
  if (p.alts.empty() && p.common.empty())
    return "";
  std::string code;
  if (p.anyOf)
    code = opCall(c, op, p, p.alts[0].atoms, p.alts[0].picks[0], true, {}, true);
  else
    code = opCall(c, op, p, {}, {}, false, {}, true);
  // Two holds found by the same finder would find the same test object twice.
  std::map<std::string, int> finders;
  for (const std::string &line : split(code, '\n'))
    for (const GuardInfo &g : c.guards)
      if (g.finder && line.find("." + g.finder->name + "(") != std::string::npos)
        ++finders[g.finder->name];
  *runs = std::all_of(finders.begin(), finders.end(), [](const auto &f) { return f.second < 2; });
  return code;
}

std::vector<OutputFile> emitCorpus(const Crate &c) {
  std::vector<Case> cases;
  const Model &m = c.model;
  for (const Operation &op : m.operations) {
    EvidencePlan p = planEvidence(c, op.requirement, true);
    // A read hold given for a lock every alternative needs written: a parameter of its own,
    // whose type (one guard, or a trait of the guards that satisfy it) refuses it.
    for (const Atom &a : p.common) {
      if (a.kind != Atom::Kind::Lock || a.mode != "write" || !a.condition.empty())
        continue;
      const GuardInfo *rd = c.find(a.lock, "read");
      if (!rd)
        continue;
      bool one = c.satisfying(a.lock, a.mode).size() == 1;
      std::vector<Atom> evAtoms;
      std::vector<const GuardInfo *> evPick;
      if (p.anyOf) {
        evAtoms = p.alts[0].atoms;
        evPick = p.alts[0].picks[0];
      }
      cases.push_back({op.name + "_" + a.lock + "_read_for_write", "operation " + op.name,
                       "read_for_write " + a.lock, false, one ? "E0308" : "E0277",
                       one ? "expected `&" + c.satisfying(a.lock, a.mode)[0]->type
                           : "does not hold `" + a.lock + "`",
                       opCall(c, op, p, evAtoms, evPick, p.anyOf, {}, false, &a, rd)});
      if (!p.anyOf)
        cases.push_back({op.name + "_ok", "operation " + op.name, "satisfied", true, "", "",
                         opCall(c, op, p, {}, {}, false)});
      break;
    }
    if (!p.anyOf)
      continue; // every lock is a parameter of its own: a missing one is an arity error
    std::set<std::string> types;
    for (const auto &pa : p.alts)
      types.insert(pa.types.begin(), pa.types.end());
    std::string msg = "is not evidence for `" + op.name + "`";
    int n = 0;
    for (const auto &pa : p.alts) {
      std::string id = op.name + "_" + std::to_string(++n);
      std::string label = pa.alt->label.empty() ? "alt" + std::to_string(n) : pa.alt->label;
      cases.push_back({id + "_ok", "operation " + op.name, "satisfied " + label, true, "", "",
                       opCall(c, op, p, pa.atoms, pa.picks[0], true)});
      // A lock of the alternative missing.
      if (pa.atoms.size() >= 2) {
        std::vector<Atom> fewer(pa.atoms.begin(), pa.atoms.end() - 1);
        std::vector<const GuardInfo *> pick(pa.picks[0].begin(), pa.picks[0].end() - 1);
        std::vector<std::string> parts;
        for (size_t k = 0; k < fewer.size(); ++k)
          parts.push_back(atomType(fewer[k], pick[k], "e" + std::to_string(k)));
        std::string t = parts.size() == 1 ? parts[0] : "(" + join(parts, ", ") + ")";
        if (!types.count(t))
          cases.push_back({id + "_missing", "operation " + op.name, "missing " + label, false,
                           "E0277", msg, opCall(c, op, p, fewer, pick, true)});
      }
      // A read hold where the alternative needs a write hold.
      for (size_t k = 0; k < pa.atoms.size(); ++k) {
        const Atom &a = pa.atoms[k];
        if (a.kind != Atom::Kind::Lock || a.mode != "write")
          continue;
        const GuardInfo *rd = c.find(a.lock, "read");
        if (!rd)
          continue;
        std::vector<const GuardInfo *> pick = pa.picks[0];
        pick[k] = rd;
        cases.push_back({id + "_read_for_write", "operation " + op.name,
                         "read_for_write " + label, false, "E0277", msg,
                         opCall(c, op, p, pa.atoms, pick, true)});
        break;
      }
    }
    // The lock sets the spec rejects.
    int r = 0;
    for (const Rejection &rej : op.rejects)
      for (const Alternative &alt : rej.requirement.alternatives) {
        std::vector<Atom> atoms;
        std::vector<const GuardInfo *> pick;
        bool ok = true;
        for (const Atom &a : alt.atoms) {
          if (std::find(p.common.begin(), p.common.end(), a) != p.common.end())
            continue;
          if (a.kind == Atom::Kind::Fact || !a.held) {
            ok = a.kind == Atom::Kind::Fact;
            atoms.push_back(a);
            pick.push_back(nullptr);
            continue;
          }
          const GuardInfo *g = c.find(a.lock, a.mode);
          if (!g) {
            ok = false;
            break;
          }
          atoms.push_back(a);
          pick.push_back(g);
        }
        // A rejected set without an atom every alternative needs misses a parameter.
        std::vector<Atom> omit;
        for (const Atom &a : p.common)
          if (std::find(alt.atoms.begin(), alt.atoms.end(), a) == alt.atoms.end())
            omit.push_back(a);
        if (!ok || (atoms.empty() && omit.empty()))
          continue;
        if (!omit.empty())
          cases.push_back({op.name + "_rejected_" + std::to_string(++r), "operation " + op.name,
                           "rejected", false, "E0061", "arguments but",
                           opCall(c, op, p, atoms, pick, true, omit)});
        else
          cases.push_back({op.name + "_rejected_" + std::to_string(++r), "operation " + op.name,
                           "rejected", false, "E0277", msg, opCall(c, op, p, atoms, pick, true)});
      }
  }
  // Each ordered pair of locks with guards taken backwards.
  std::map<std::string, const GuardInfo *> byLock;
  for (const GuardInfo &g : c.guards)
    if (g.ordered && g.acquire && g.owner && !g.needs && !byLock.count(g.lock->name))
      byLock[g.lock->name] = &g;
  for (const OrderPair &pair : orderClosure(m)) {
    const std::string &before = pair.before, &after = pair.after;
    if (before == after || !byLock.count(before) || !byLock.count(after))
      continue;
    Program prog(c);
    std::string code = prog.objects({});
    prog.take(*byLock[after], "o_" + byLock[after]->owner->name, code);
    prog.take(*byLock[before], "o_" + byLock[before]->owner->name, code);
    cases.push_back({"order_" + after + "_then_" + before, "order " + before + " < " + after,
                     "wrong_order", false, "E0277",
                     "lock order: `lockspec_mm::order::" + pascalCase(before) +
                         "` may not be taken while `lockspec_mm::order::" + pascalCase(after) +
                         "` is held",
                     code});
  }
  // A proof kept after the hold it ends with is gone; a guard sent to another thread.
  for (const GuardInfo &g : c.guards) {
    if (g.proof && g.needs) {
      Program prog(c);
      std::string code = prog.objects({});
      std::string pv = prog.take(g, "o_" + g.owner->name, code);
      const GuardInfo *base = c.satisfying(g.needs->other, g.needs->otherMode).front();
      const Api *down = nullptr;
      for (const GuardInfo &d : c.guards)
        if (d.downgradeFrom && d.downgradeFrom->lock == base->lock->name)
          down = d.downgradeFrom;
      std::string bv = prog.varOf(base);
      code += down ? "    let d = " + bv + "." + down->name + "();\n" : "    drop(" + bv + ");\n";
      code += "    let _still = &" + pv + ";\n";
      cases.push_back({"proof_" + g.lock->name + "_" + g.mode->name + "_outlives",
                       "relation " + g.needs->name, "proof_outlives", false, "E0505",
                       "cannot move out of `" + bv + "` because it is borrowed", code});
    }
    // A guard taken on its object borrows it: kept past the object's scope, it is E0597.
    if (g.owner && g.acquire && !g.needs) {
      Program prog(c);
      std::string code = prog.objects({});
      std::string inner;
      std::string v = prog.take(g, "object", inner);
      code += "    let kept = {\n        let object = TestObject::new();\n" + inner + "        " +
              v + "\n    };\n";
      cases.push_back({"outlives_" + g.type, "guard " + g.type, "outlives_object", false,
                       "E0597", "`object` does not live long enough", code});
    }
    Program prog(c);
    std::string code = prog.objects({});
    std::string v = prog.take(g, g.owner ? "o_" + g.owner->name : "", code);
    code += "    fn send<T: Send>(_: T) {}\n    send(" + v + ");\n";
    cases.push_back({"send_" + g.type, "guard " + g.type, "sent", false, "E0277",
                     "`*const " + notSendMarker(g) + "<" + g.type +
                         "<'static, TestBackend>>` cannot be sent between threads safely",
                     code});
  }
  std::vector<OutputFile> out;
  for (const Case &k : cases)
    out.push_back({"rust/corpus/" + k.file + ".rs", file(k)});
  std::string list = "# Rules the Rust type-state stubs cannot express, and why.\n"
                     "# kind name | why\n";
  std::vector<std::string> un = c.unexpressed;
  std::sort(un.begin(), un.end());
  un.erase(std::unique(un.begin(), un.end()), un.end());
  for (const std::string &u : un)
    list += u + "\n";
  out.push_back({"rust/corpus/unexpressed.txt", list});
  return out;
}

} // namespace lockspec::rust
