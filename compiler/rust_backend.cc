#include "rust_backend.h"

#include <algorithm>
#include <functional>
#include <sstream>

#include "rust_impl.h"

namespace lockspec {
namespace rust {

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

std::vector<std::string> split(const std::string &s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string join(const std::vector<std::string> &items, const std::string &sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i ? sep : "") + items[i];
  return out;
}


std::string docLines(const std::string &text, const std::string &indent, bool inner) {
  const std::string lead = indent + (inner ? "//!" : "///");
  std::string out;
  for (const std::string &para : split(text, '\n')) {
    if (para.empty()) {
      out += lead + "\n";
      continue;
    }
    std::string line;
    for (const std::string &word : split(para, ' ')) {
      if (word.empty())
        continue;
      if (!line.empty() && lead.size() + 1 + line.size() + 1 + word.size() > 96) {
        out += lead + " " + line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + word;
    }
    out += lead + " " + line + "\n";
  }
  return out;
}

std::string cite(const Documented &d) {
  std::string out = "Spec: `" + d.name + "` (" + d.pos.file + ":" + std::to_string(d.pos.line) + ")";
  if (!d.source.empty())
    out += "; source: `" + d.source + "`";
  return out + ".";
}

std::string escape(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out;
}

std::string docsPage(const std::string &kind, const std::string &name) {
  if (kind == "operation")
    return "mm/operations/" + name + ".html";
  if (kind == "lock")
    return "mm/locks.html#" + name;
  if (kind == "object")
    return "mm/objects.html#" + name;
  return "mm/process_addrs.html#lock-ordering";
}

// ---------------------------------------------------------------------------------------------
// The Rust view of the model
// ---------------------------------------------------------------------------------------------

namespace {

const Object *objectByVar(const Model &m, const std::string &var) {
  for (const Object &o : m.objects)
    if (o.var == var)
      return &o;
  return nullptr;
}

} // namespace

Crate::Crate(const Model &m) : model(m) {
  for (const OrderEdge &e : m.enforcedEdges()) {
    ordered.insert(e.from.lock);
    ordered.insert(e.to.lock);
  }
  for (const Lock &l : m.locks) {
    if (l.kind == LockKind::Ordering) {
      unexpressed.push_back("lock " + l.name +
                            " | modelled for ordering only: no C API, so no guard; it is a "
                            "level type in the order and appears in LockAfter only");
      continue;
    }
    const Object *owner = l.owner.empty() ? nullptr : m.findObject(l.owner);
    for (const Mode &mode : l.modes) {
      GuardInfo g;
      g.lock = &l;
      g.mode = &mode;
      g.owner = owner;
      g.type = pascalCase(l.name) + pascalCase(mode.name) + "Guard";
      g.ordered = ordered.count(l.name) > 0;
      for (size_t i : m.relationsAbout(l.name)) {
        const Relation &r = m.relations[i];
        if (r.mode != mode.name)
          continue;
        if (r.kind == Relation::Kind::Requires)
          g.needs = &r;
        if (r.kind == Relation::Kind::EndsWith)
          g.proof = true;
      }
      if (!g.needs)
        g.proof = false;
      for (const Api &a : m.apis) {
        if (a.lock != l.name || a.conditionalRelease())
          continue;
        if (a.kind == ApiKind::Release && !g.release &&
            (a.mode == mode.name || l.satisfies(mode.name, a.mode)))
          g.release = &a;
        if (a.kind == ApiKind::Downgrade && a.toMode == mode.name)
          g.downgradeFrom = &a;
        if (a.mode != mode.name || (a.kind != ApiKind::Acquire && a.kind != ApiKind::Try))
          continue;
        if (a.kind == ApiKind::Try && a.success == TrySuccess::None)
          continue;
        bool instanceParam = std::any_of(a.params.begin(), a.params.end(),
                                         [](const ApiParam &p) { return p.instance && !p.out; });
        bool ownerParam = owner && a.returnsInstance && !a.params.empty() &&
                          std::any_of(a.params.begin(), a.params.end(),
                                      [&](const ApiParam &p) { return p.name == owner->var; });
        bool global = !owner && a.params.empty();
        if ((instanceParam || ownerParam || global) && !g.acquire &&
            (a.kind == ApiKind::Acquire || !g.acquire))
          g.acquire = &a;
        // A try that finds the instance from another object and an address.
        bool outInstance = std::any_of(a.params.begin(), a.params.end(),
                                       [](const ApiParam &p) { return p.instance && p.out; });
        std::vector<const ApiParam *> in;
        for (const ApiParam &p : a.params)
          if (!p.out)
            in.push_back(&p);
        if (a.kind == ApiKind::Try && (a.returnsInstance || outInstance) && in.size() == 2 &&
            objectByVar(m, in[0]->name) && (in[1]->name == "addr" || in[1]->name == "address") &&
            !g.finder)
          g.finder = &a;
      }
      if (g.finder && !g.owner)
        g.finder = nullptr;
      if (g.acquire || g.finder || g.downgradeFrom || g.needs)
        guards.push_back(g);
    }
  }
  // What holds for the whole crate rather than one rule.
  unexpressed.push_back(
      "instances (operations and fields) | partly: where every alternative needs one guard "
      "type for a role's own lock, the subject included (retract_pte_table's pmd and pte, "
      "move_ptes's two PTE locks and its new VMA's write lock, reset_vma_flags's VMA write "
      "proof), the operation takes that guard and reads the role from it, and a guard borrows"
      " its object for its whole life (PmdLockHeldGuard<'a> holds &'a PmdTable), so another "
      "object's guard cannot be passed and no guard outlives its object (compile time: corpus"
      " outlives_*, page_walker_errors.rs); a lock reached through a link "
      "(vma->vm_mm->mmap_lock, vma->anon_vma, vma->vm_file->f_mapping), a lock several guard "
      "types satisfy, a conditional lock and an any-of alternative's guards are compared with"
      " the object named at run time (a panic on another object's guard), since which mm a "
      "VMA belongs to is data: putting it in the type needs a brand lifetime per mm carried "
      "by every object reached from it, and an unsafe branding constructor wherever an object"
      " comes from outside a guard (the FFI, lock_vma_under_rcu, test objects), a framework "
      "this crate leaves out");
  unexpressed.push_back("facts (every fact atom) | a fact is a token made by an unsafe "
                        "promise (`assume`), not something the compiler can check");
  for (const OrderEdge &e : m.enforcedEdges())
    if (!e.to.mode.empty() || !e.from.mode.empty()) {
      unexpressed.push_back(
          "order " + e.order + " | it orders " + (e.to.mode.empty() ? e.from.lock : e.to.lock) +
          " in one mode; a level type stands for the whole class, so every mode of it takes "
          "that place");
      break;
    }
  // Drop what cannot be made: a guard made from another needs that one (and owners on both
  // sides), a downgraded guard needs its write guard; repeat until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < guards.size(); ++i) {
      GuardInfo &g = guards[i];
      if (g.needs) {
        bool ok = g.owner != nullptr;
        auto bases = satisfying(g.needs->other, g.needs->otherMode);
        ok = ok && !bases.empty() &&
             std::all_of(bases.begin(), bases.end(), [](const GuardInfo *b) { return b->owner; });
        if (!ok) {
          unexpressed.push_back("relation " + g.needs->name + " | " + g.needs->other + "." +
                                g.needs->otherMode + " has no guard to make " + g.type + " from");
          guards.erase(guards.begin() + static_cast<long>(i));
          changed = true;
          break;
        }
      }
      if (g.downgradeFrom && !g.acquire && !g.finder && !g.needs &&
          (!find(g.downgradeFrom->lock, g.downgradeFrom->mode) || !g.owner)) {
        guards.erase(guards.begin() + static_cast<long>(i));
        changed = true;
        break;
      }
    }
  }
  for (const Relation &r : m.relations) {
    if (r.kind == Relation::Kind::Forbidden)
      unexpressed.push_back(
          "relation " + r.name +
          " | partly: a forbidden nesting the order also rules out is rejected by LockAfter; "
          "the relation itself (by mode) is not a type");
  }
}

std::vector<const GuardInfo *> Crate::satisfying(const std::string &lock,
                                                 const std::string &mode) const {
  std::vector<const GuardInfo *> out;
  for (const GuardInfo &g : guards)
    if (g.lock->name == lock && g.lock->satisfies(g.mode->name, mode))
      out.push_back(&g);
  return out;
}

const GuardInfo *Crate::find(const std::string &lock, const std::string &mode) const {
  for (const GuardInfo &g : guards)
    if (g.lock->name == lock && g.mode->name == mode)
      return &g;
  return nullptr;
}

std::vector<OrderPair> orderClosure(const Model &model) {
  std::map<std::string, std::set<std::string>> next;
  std::set<std::string> nodes;
  for (const OrderEdge &e : model.enforcedEdges()) {
    next[e.from.lock].insert(e.to.lock);
    nodes.insert(e.from.lock);
    nodes.insert(e.to.lock);
  }
  std::set<std::pair<std::string, std::string>> pairs;
  for (const std::string &n : nodes) {
    std::vector<std::string> stack(next[n].begin(), next[n].end());
    std::set<std::string> seen;
    while (!stack.empty()) {
      std::string x = stack.back();
      stack.pop_back();
      if (!seen.insert(x).second)
        continue;
      if (x != n)
        pairs.insert({n, x});
      for (const std::string &y : next[x])
        stack.push_back(y);
    }
  }
  std::set<std::pair<std::string, std::string>> selves;
  // A class an operation needs held on two instances at once (mremap's two VMA write locks,
  // two PTE locks): the operation is the spec's word that the nesting is allowed.
  for (const Operation &op : model.operations)
    for (const Alternative &alt : op.requirement.alternatives)
      for (const Atom &a : alt.atoms)
        for (const Atom &b : alt.atoms)
          if (a.kind == Atom::Kind::Lock && b.kind == Atom::Kind::Lock && a.held && b.held &&
              a.lock == b.lock && a.role != b.role && nodes.count(a.lock))
            selves.insert({a.lock, a.lock});
  std::map<std::pair<std::string, std::string>, std::string> why;
  for (const auto &p : pairs)
    why[p] = "`" + p.first + "` is before `" + p.second + "` in the enforced order.";
  for (const auto &p : selves)
    why.emplace(p, "an operation of the spec holds two `" + p.first + "` at once.");
  std::vector<OrderPair> out;
  for (const auto &[p, w] : why)
    out.push_back({p.first, p.second, w});
  return out;
}

} // namespace rust
} // namespace lockspec
