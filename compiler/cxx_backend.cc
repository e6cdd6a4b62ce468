#include "cxx_backend.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include "alternative_names.h"
#include "cxx_emitter.h"

namespace lockspec {
namespace cxx {
namespace {

const char *const kRuntime =
#include "cxx_runtime.inc"
    ;

} // namespace

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

bool isIdent(const std::string &s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_'))
    return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::vector<std::string> split(const std::string &s, const std::string &sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size())
    out.push_back(s.substr(start, at - start));
  out.push_back(s.substr(start));
  return out;
}

std::string join(const std::vector<std::string> &items, const std::string &sep) {
  std::string out;
  for (const std::string &item : items)
    out += (out.empty() ? "" : sep) + item;
  return out;
}

/// An identifier from free text ("NULL -> non-NULL" -> "null_to_non_null").
std::string identFrom(std::string text) {
  size_t at;
  while ((at = text.find("->")) != std::string::npos)
    text.replace(at, 2, " to ");
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_')
    out.pop_back();
  return out;
}


/// The primitive in lockspec::rt that a lock kind is built on.
const char *rawType(LockKind kind) {
  switch (kind) {
  case LockKind::Rwsem:
    return "RwSem";
  case LockKind::Mutex:
    return "Mutex";
  case LockKind::VmaLock:
    return "VmaLock";
  case LockKind::Rcu:
    return "Rcu";
  case LockKind::Seqcount:
    return "SeqCount";
  case LockKind::Spinlock:
  case LockKind::Ordering: // locks modelled for ordering only are spinlocks in the kernel's tree
    break;
  }
  return "SpinLock";
}

/// Escapes what Doxygen would read as commands, links or HTML in the `///` comments of a
/// generated file (`@pte`, `#page-tables`, `<`) outside code spans, so the headers stay
/// Doxygen-clean and the rendered text shows no backslash.
std::string doxygenSafe(const std::string &text) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    size_t at = line.find("///");
    if (at != std::string::npos) {
      at += line.compare(at, 4, "///<") == 0 ? 4 : 3;
      // Inside a `code span` Doxygen prints every character as written, a backslash too, so
      // only the text outside spans is escaped.
      std::string comment;
      bool code = false;
      for (char c : line.substr(at)) {
        if (c == '`')
          code = !code;
        else if (!code && (c == '\\' || c == '@' || c == '#' || c == '<' || c == '&' || c == '%'))
          comment += '\\';
        comment += c;
      }
      line = line.substr(0, at) + comment;
    }
    out += line + "\n";
  }
  return out;
}

std::string cite(const Documented &d) {
  std::string out =
      "Spec: `" + d.name + "` (" + d.pos.file + ":" + std::to_string(d.pos.line) + ")";
  if (!d.source.empty())
    out += "; source: " + d.source;
  return out;
}

/// The link whose pointer member is the field `name` (`vma->vm_mm`), if any: its storage is
/// that public pointer, which capability expressions need to name.
const Link *linkField(const ObjInfo &oi, const std::string &name) {
  for (const Link &k : oi.obj->links)
    if (oi.linkMember.at(k.name) == name)
      return &k;
  return nullptr;
}

std::map<std::string, int>
longestPathRank(const std::vector<std::pair<std::string, std::string>> &edges, size_t passes) {
  std::map<std::string, int> rank, indegree;
  std::map<std::string, std::vector<std::string>> succ;
  for (const auto &[from, to] : edges) {
    succ[from].push_back(to);
    ++indegree[to];
    indegree[from] += 0;
  }
  std::vector<std::string> ready;
  for (const auto &[node, n] : indegree)
    if (n == 0)
      ready.push_back(node);
  size_t done = 0;
  while (!ready.empty()) {
    std::string at = ready.back();
    ready.pop_back();
    ++done;
    for (const std::string &next : succ[at]) {
      rank[next] = std::max(rank[next], rank[at] + 1);
      if (--indegree[next] == 0)
        ready.push_back(next);
    }
  }
  if (done == indegree.size())
    return rank;
  rank.clear();
  for (size_t pass = 0; pass < passes; ++pass)
    for (const auto &[from, to] : edges)
      rank[to] = std::max(rank[to], rank[from] + 1);
  return rank;
}

std::string tokenMember(const Relation &r) {
  return r.other + (r.otherMode.empty() ? "" : "_" + r.otherMode) + "_held";
}

std::string tokenType(const Relation &r) {
  return pascalCase(r.other) + "Held";
}

const Field *viewOf(const ObjInfo &oi, const Field &f) {
  for (const FieldRule &w : f.writes) {
    if (w.kind != FieldRule::Kind::Owner)
      continue;
    std::string first = w.owner.substr(0, w.owner.find(' '));
    const Field *other = oi.obj->findField(first);
    if (other && other != &f && !linkField(oi, first))
      return other;
  }
  return nullptr;
}

unsigned Emitter::modeIndex(const Lock &l, const std::string &mode) const {
  for (unsigned i = 0; i < l.modes.size(); ++i)
    if (l.modes[i].name == mode)
      return i;
  return 0;
}

std::uint32_t Emitter::satisfiesMask(const Lock &l, unsigned held) const {
  std::uint32_t mask = 0;
  for (const std::string &s : l.modes[held].satisfies)
    mask |= 1u << modeIndex(l, s);
  return mask;
}

void Emitter::index() {
  for (const Object &o : m_.objects) {
    ObjInfo &oi = objects_[o.name];
    oi.obj = &o;
    for (const Link &link : o.links) {
      std::string prefix = o.var + "->";
      std::string rest = link.expr.rfind(prefix, 0) == 0 ? link.expr.substr(prefix.size()) : "";
      oi.linkMember[link.name] = isIdent(rest) ? rest : link.name;
    }
  }
  // Depth-first by links so that attribute expressions name complete types where they can.
  std::set<std::string> seen;
  std::function<void(const std::string &)> visit = [&](const std::string &name) {
    if (!objects_.count(name) || !seen.insert(name).second)
      return;
    for (const Link &link : objects_[name].obj->links)
      visit(link.target);
    objects_[name].order = static_cast<int>(objectOrder_.size());
    objectOrder_.push_back(name);
  };
  for (const Object &o : m_.objects)
    visit(o.name);

  std::map<std::string, int> pathCount;
  for (const Lock &l : m_.locks)
    ++pathCount[l.path];
  unsigned id = 0;
  for (const Lock &l : m_.locks) {
    LockInfo &li = locks_[l.name];
    li.lock = &l;
    li.id = id++;
    li.type = pascalCase(l.name) +
              (l.name.size() > 4 && l.name.substr(l.name.size() - 4) == "lock" ? "" : "Lock");
    for (unsigned i = 0; i < l.modes.size(); ++i) {
      const Mode &mode = l.modes[i];
      if (mode.sharing == Sharing::Exclusive && li.excl < 0)
        li.excl = static_cast<int>(i);
      if (mode.sharing == Sharing::Shared && mode.from.empty() && li.shared < 0)
        li.shared = static_cast<int>(i);
      if (mode.sharing == Sharing::Shared && !mode.from.empty())
        li.down = static_cast<int>(i);
    }
    if (l.owner.empty() || !objects_.count(l.owner)) {
      li.member = l.name;
      continue;
    }
    std::string obj = l.owner;
    std::vector<std::string> steps;
    std::string prefix = objects_[obj].obj->var + "->";
    if (l.path.rfind(prefix, 0) == 0)
      steps = split(l.path.substr(prefix.size()), "->");
    bool simple = !steps.empty() && std::all_of(steps.begin(), steps.end(), isIdent);
    std::vector<std::string> path;
    for (size_t i = 0; simple && i + 1 < steps.size(); ++i) {
      const Object *o = objects_[obj].obj;
      auto link = std::find_if(o->links.begin(), o->links.end(), [&](const Link &k) {
        return objects_[o->name].linkMember[k.name] == steps[i];
      });
      if (link == o->links.end()) {
        simple = false;
        break;
      }
      path.push_back(steps[i]);
      obj = link->target;
    }
    ObjInfo &decl = objects_[obj];
    // A member is named after its class unless the path names a lock field of its own: clang's
    // messages quote the member, and "'ptl' must be acquired before 'ptl'" or a folio lock
    // called `flags` (the word whose PG_locked bit it is, shared by two classes) names nothing
    // a reader can act on.
    bool sharedPath = pathCount[l.path] > 1;
    std::string member =
        simple && !(sharedPath && l.kind == LockKind::Ordering) ? steps.back() : l.name;
    auto taken = [&](const std::string &name) {
      if (decl.obj->findField(name) || linkField(decl, name))
        return true;
      return decl.lockMembers.count(name) > 0;
    };
    if (taken(member))
      member = l.name;
    if (taken(member))
      member = l.name + "_lock";
    path.push_back(member);
    li.declObject = obj;
    li.member = member;
    li.relPath = join(path, "->");
    decl.lockNames.push_back(l.name);
    decl.lockMembers.insert(member);
  }
  for (const Api &api : m_.apis)
    if (!api.conditionalRelease()) // a release that depends on the result has no annotation
      apisOf_[api.lock].push_back(api);
  for (const Object &o : m_.objects)
    objectOfVar_.emplace(o.var, o.name); // the first object of a var, as a search would find
  for (const Relation &r : m_.relations) {
    relationsOf_[r.lock].push_back(&r);
    relationsTo_[r.other].push_back(&r);
    if (r.kind == Relation::Kind::EndsWith && locks_.count(r.lock))
      locks_[r.lock].anchor = r.other;
    if (r.kind == Relation::Kind::Forbidden && locks_.count(r.lock) &&
        objects_.count(locks_[r.lock].declObject))
      objects_[locks_[r.lock].declObject].tokens.push_back(&r);
  }
  for (auto &[name, li] : locks_) {
    li.kind = li.lock->kind;
    bool anchored = !li.anchor.empty() && locks_.count(li.anchor) &&
                    locks_[li.anchor].lock->kind == LockKind::Rwsem;
    if (li.kind == LockKind::VmaLock && !anchored) {
      li.kind = LockKind::Rwsem;
      li.anchor.clear();
    }
  }
  for (const Lock &l : m_.locks)
    if (locks_[l.name].anchor.empty())
      lockOrder_.push_back(l.name);
  for (const Lock &l : m_.locks)
    if (!locks_[l.name].anchor.empty())
      lockOrder_.push_back(l.name);

  std::set<std::pair<std::string, std::string>> seenEdge;
  for (const OrderEdge &e : m_.enforcedEdges()) {
    if (!locks_.count(e.from.lock) || !locks_.count(e.to.lock) || e.from.lock == e.to.lock)
      continue;
    if (e.from.mode.empty() && e.to.mode.empty()) {
      if (seenEdge.insert({e.from.lock, e.to.lock}).second)
        clangEdges_.push_back({e.from.lock, e.to.lock});
    } else if (std::none_of(runtimeEdges_.begin(), runtimeEdges_.end(), [&](const OrderEdge &r) {
                 return r.from.lock == e.from.lock && r.from.mode == e.from.mode &&
                        r.to.lock == e.to.lock && r.to.mode == e.to.mode;
               })) {
      runtimeEdges_.push_back(e);
    }
  }
  // Which edges the attributes declare.  An edge goes on the declaration that comes later in
  // the header (it must name the other): as ACQUIRED_BEFORE on its source or ACQUIRED_AFTER on
  // its target.  Clang reads a declaration's attributes only once it meets that declaration,
  // so an ACQUIRED_AFTER edge is known only when its target is (held, or reached): that is why
  // every pair is declared, not only the direct edges.  But clang also warns once for every
  // declaration on its walk that names the held lock, so the full closure printed an inversion
  // up to a dozen times on one line.  An edge A -> C is left out when A has a declared
  // ACQUIRED_BEFORE edge to some X ordered before C: clang walks from A through X, an edge it
  // always knows, and finds C from there.
  std::map<std::string, int> declKey;
  for (const auto &[name, li] : locks_)
    declKey[name] = li.declObject.empty() ? -1 : objects_.at(li.declObject).order;
  auto onSource = [&](const std::string &from, const std::string &to) {
    const LockInfo &f = locks_.at(from), &t = locks_.at(to);
    return !(declKey[from] < declKey[to] || (declKey[from] == declKey[to] && f.id < t.id));
  };
  // Decided shortest span first, so that the edges a decision relies on are decided already
  // (the order trees' union is not transitively closed, so a left-out A -> X cannot be used).
  std::map<std::string, int> rank = longestPathRank(clangEdges_, locks_.size());
  std::vector<std::pair<std::string, std::string>> bySpan = clangEdges_;
  std::stable_sort(bySpan.begin(), bySpan.end(), [&](const auto &a, const auto &b) {
    return rank[a.second] - rank[a.first] < rank[b.second] - rank[b.first];
  });
  std::set<std::pair<std::string, std::string>> edges(clangEdges_.begin(), clangEdges_.end());
  std::set<std::pair<std::string, std::string>> kept;
  std::map<std::string, std::vector<std::string>> keptOnSource;
  for (const auto &[from, to] : bySpan) {
    bool implied = false;
    for (const std::string &x : keptOnSource[from])
      if (x != to && edges.count({x, to}))
        implied = true;
    if (implied)
      continue;
    kept.insert({from, to});
    if (onSource(from, to))
      keptOnSource[from].push_back(to);
  }
  for (const auto &edge : clangEdges_)
    if (kept.count(edge)) {
      clangDirect_.push_back(edge);
      directAt_[edge.first].push_back(edge);
      directAt_[edge.second].push_back(edge);
    }
}

std::vector<Alias> Emitter::aliases() const {
  // One link, not every path: a bridge per object per lock it can reach would grow with the
  // square of a chain of links, and the aliases code meets are one link away (vma->vm_mm,
  // vma->vm_file->f_mapping, vma->anon_vma, pte->pmd).
  std::map<std::string, std::vector<std::pair<const Object *, const Link *>>> linksTo;
  for (const std::string &from : objectOrder_)
    for (const Link &k : objects_.at(from).obj->links)
      if (k.target != from)
        linksTo[k.target].push_back({objects_.at(from).obj, &k});
  std::vector<Alias> out;
  for (const std::string &name : lockOrder_) {
    const LockInfo &li = lock(name);
    if (li.declObject.empty() || li.kind == LockKind::VmaLock || !linksTo.count(li.lock->owner))
      continue;
    const Object &owner = *objects_.at(li.lock->owner).obj;
    for (unsigned m = 0; m < li.lock->modes.size(); ++m) {
      // A converted mode (downgraded) is held as its base's sharing: the base's bridge covers it.
      if (!li.lock->modes[m].from.empty())
        continue;
      for (const auto &[obj, link] : linksTo.at(owner.name)) {
        if (obj->var == owner.var)
          continue;
        Alias a;
        a.lock = &li;
        a.mode = m;
        a.from = obj->name;
        a.fn = name + "_" + li.lock->modes[m].name;
        a.held = instanceOf(owner.var, li);
        a.linked = follow(obj->var, obj->name, {link->name}, nullptr);
        a.alias = instanceOf(a.linked, li);
        out.push_back(std::move(a));
      }
    }
  }
  return out;
}

std::string Emitter::follow(std::string ptr, std::string obj, const std::vector<std::string> &links,
                            std::string *reached) const {
  for (const std::string &link : links) {
    const ObjInfo &oi = objects_.at(obj);
    ptr += "->" + oi.linkMember.at(link);
    for (const Link &k : oi.obj->links)
      if (k.name == link)
        obj = k.target;
  }
  if (reached)
    *reached = obj;
  return ptr;
}

std::string Emitter::instanceOf(const std::string &ownerPtr, const LockInfo &l) const {
  if (l.declObject.empty())
    return l.member;
  if (ownerPtr.size() > 1 && ownerPtr[0] == '&' && isIdent(ownerPtr.substr(1)))
    return ownerPtr.substr(1) + "." + l.relPath;
  return ownerPtr + "->" + l.relPath;
}

std::optional<Resolved> Emitter::resolveOwner(const std::string &ptr, const std::string &obj,
                                              const std::string &lockName) const {
  const LockInfo &l = lock(lockName);
  Resolved r;
  r.lock = &l;
  if (l.declObject.empty()) {
    r.instance = l.member;
    return r;
  }
  auto path = m_.linkPath(obj, l.lock->owner);
  if (!path)
    return std::nullopt;
  r.owner = follow(ptr, obj, *path, &r.ownerObj);
  r.instance = instanceOf(r.owner, l);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Requirements
// ---------------------------------------------------------------------------------------------

ReqCode
Emitter::requirement(const Alternative &alt,
                     const std::map<std::string, std::pair<std::string, std::string>> &roles,
                     const std::string &rule) const {
  ReqCode r;
  auto add = [](std::vector<std::string> &v, const std::string &s) {
    if (std::find(v.begin(), v.end(), s) == v.end())
      v.push_back(s);
  };
  for (const Atom &a : alt.atoms) {
    if (a.kind == Atom::Kind::Fact) {
      if (!a.condition.empty()) {
        r.skipped.push_back(a.fact + " if " + a.condition);
        continue;
      }
      // Facts are shared capabilities: clang then says "requires holding fact 'x'", not
      // "... exclusively", which would suggest a mode a fact does not have.
      if (!a.held) {
        add(r.neg, "!fact::" + a.fact);
        r.holds.push_back({a.fact, nullptr, "", false, true, false});
        continue;
      }
      add(r.shared, "fact::" + a.fact);
      r.holds.push_back({a.fact, nullptr, "", false, false, false});
      continue;
    }
    const LockInfo &l = lock(a.lock);
    std::string ptr, obj;
    if (!l.declObject.empty()) {
      auto role = roles.find(a.role);
      if (role == roles.end())
        continue;
      std::string ownerPtr = follow(role->second.first, role->second.second, a.links, &obj);
      ptr = ownerPtr;
    }
    std::string inst = instanceOf(ptr, l);
    std::string modeName = a.mode.empty() ? l.lock->modes.front().name : a.mode;
    const Mode *mode = l.lock->findMode(modeName);
    std::uint32_t mask = 1u << modeIndex(*l.lock, modeName);
    std::string cond;
    if (!a.condition.empty()) {
      // A condition is a fact clang cannot see: checked only at run time, when the fact's test
      // names a link of the stand-in objects ("vma->anon_vma != NULL").
      for (const Fact &f : m_.facts) // linear: conditions are rare
        if (f.name == a.condition) {
          for (const auto &[name, role] : roles) {
            const ObjInfo &oi = objects_.at(role.second);
            for (const Link &k : oi.obj->links) {
              std::string test = f.test, prefix = oi.obj->var + "->";
              std::string lhs = test.substr(0, test.find(" != NULL"));
              if (test.find(" != NULL") != std::string::npos && k.expr.rfind(lhs, 0) == 0 &&
                  lhs.rfind(prefix, 0) == 0)
                cond = role.first + "->" + oi.linkMember.at(k.name) + " != nullptr";
            }
          }
        }
      r.skipped.push_back(a.lock + "." + modeName + " if " + a.condition);
      if (cond.empty())
        continue;
    }
    std::string ref = (l.declObject.empty() ? "" : "&") + inst;
    if (l.declObject.empty())
      ref = "&" + inst;
    // `!l.write` allows holding `l.read`: unless every mode satisfies the one excluded, the
    // atom forbids only some holds.  Clang's analysis has no "not held exclusively", so then
    // only the run-time check says it, with the mode.
    bool heldWeaker =
        !a.held && !std::all_of(l.lock->modes.begin(), l.lock->modes.end(), [&](const Mode &m) {
          return l.lock->satisfies(m.name, modeName);
        });
    std::string check = a.held ? "::lockspec::rt::expectHeld(kSpec, " + ref + ", " +
                                     std::to_string(l.id) + ", " + std::to_string(mask) + "u, \"" +
                                     rule + "\");"
                        : heldWeaker
                            ? "if (::lockspec::rt::holds(" + ref + ", kSpec, " +
                                  std::to_string(l.id) + ", " + std::to_string(mask) +
                                  "u)) ::lockspec::rt::report(\"" + rule +
                                  "\", \"requires not holding '" + l.lock->name + "' in mode '" +
                                  modeName + "'\");"
                            : "::lockspec::rt::expectNotHeld(kSpec, " + ref + ", " +
                                  std::to_string(l.id) + ", \"" + rule + "\");";
    if (!cond.empty()) {
      r.checks.push_back("if (" + cond + ") " + check);
      continue;
    }
    r.checks.push_back(check);
    if (heldWeaker)
      continue;
    if (!a.held) {
      add(r.neg, "!" + inst);
      r.holds.push_back({inst, &l, ptr, true, true, false});
      continue;
    }
    add(mode->sharing == Sharing::Shared ? r.shared : r.excl, inst);
    r.holds.push_back({inst, &l, ptr, mode->sharing != Sharing::Shared, false, false});
    // A hold that ends with another lock's write section is only valid inside it, so requiring
    // it also requires that section (vma_lock.write -> mmap_lock.write of the VMA's mm).
    for (const Relation *relp : relationsOf(a.lock)) {
      const Relation &rel = *relp;
      if (rel.kind != Relation::Kind::EndsWith || rel.lock != a.lock ||
          std::find(mode->satisfies.begin(), mode->satisfies.end(), rel.mode) ==
              mode->satisfies.end())
        continue;
      auto anchor = resolveOwner(ptr, l.lock->owner, rel.other);
      if (!anchor)
        continue;
      const Mode *om = anchor->lock->lock->findMode(rel.otherMode);
      bool sh = om && om->sharing == Sharing::Shared;
      add(sh ? r.shared : r.excl, anchor->instance);
      auto same = std::find_if(r.holds.begin(), r.holds.end(),
                               [&](const Hold &h) { return h.inst == anchor->instance; });
      if (same == r.holds.end())
        r.holds.push_back({anchor->instance, anchor->lock, anchor->owner, !sh, false, true});
      else
        same->excl = same->excl || !sh;
    }
  }
  std::vector<Hold> merged;
  for (const Hold &h : r.holds) {
    auto same = std::find_if(merged.begin(), merged.end(),
                             [&](const Hold &m) { return m.inst == h.inst && m.neg == h.neg; });
    if (same == merged.end()) {
      merged.push_back(h);
      continue;
    }
    same->excl = same->excl || h.excl;
    same->derived = same->derived && h.derived;
  }
  r.holds = std::move(merged);
  // A capability named both shared and exclusive needs only the exclusive form.
  r.shared.erase(std::remove_if(r.shared.begin(), r.shared.end(),
                                [&](const std::string &s) {
                                  return std::find(r.excl.begin(), r.excl.end(), s) != r.excl.end();
                                }),
                 r.shared.end());
  return r;
}

std::string Emitter::attrs(const ReqCode &r) const {
  std::string out;
  std::vector<std::string> excl = r.excl;
  excl.insert(excl.end(), r.neg.begin(), r.neg.end());
  if (!excl.empty())
    out += " LOCKSPEC_REQUIRES(" + join(excl, ", ") + ")";
  if (!r.shared.empty())
    out += " LOCKSPEC_REQUIRES_SHARED(" + join(r.shared, ", ") + ")";
  return out;
}

std::vector<std::string> Emitter::tags(const Requirement &req,
                                       const std::string &subjectRole) const {
  std::vector<std::string> out = alternativeNames(req, subjectRole);
  tagSet_.insert(out.begin(), out.end());
  return out;
}

std::vector<std::string> Emitter::rejectedTags(const Operation &op, const Rejection &r) const {
  std::vector<std::string> out = refusedNames(op, r);
  tagSet_.insert(out.begin(), out.end());
  return out;
}

std::vector<OutputFile> Emitter::run() {
  std::vector<OutputFile> out;
  out.push_back({"include/lockspec/runtime.h", kRuntime});
  out.push_back({"include/lockspec/mm_locks.h", doxygenSafe(header())});
  for (OutputFile &f : corpus())
    out.push_back(std::move(f));
  return out;
}

} // namespace cxx

std::vector<OutputFile> emitCxx(const Model &model) {
  cxx::Emitter e(model);
  return e.run();
}

} // namespace lockspec
