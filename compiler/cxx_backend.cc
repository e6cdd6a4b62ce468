#include "cxx_backend.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace lockspec {
namespace {

const char *const kRuntime =
#include "cxx_runtime.inc"
    ;

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

std::string pascal(const std::string &name) {
  std::string out;
  bool up = true;
  for (char c : name) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
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

/// The first paragraph of an RST body as one Doxygen-safe line: roles and markup removed.
std::string prose(const std::string &rst) {
  std::string para = rst.substr(0, rst.find("\n\n"));
  std::string out;
  for (size_t i = 0; i < para.size(); ++i) {
    char c = para[i];
    if (c == ':' && i + 1 < para.size() && std::isalpha(static_cast<unsigned char>(para[i + 1]))) {
      size_t tick = para.find('`', i);
      size_t space = para.find_first_of(" \n", i);
      if (tick != std::string::npos && tick < space) { // :c:func:`!name` -> `name`
        i = tick;
        out += '`';
        if (i + 1 < para.size() && para[i + 1] == '!')
          ++i;
        continue;
      }
    }
    if (c == '\n')
      c = ' ';
    if (c == '`' && i + 1 < para.size() && para[i + 1] == '`')
      ++i;
    if (c == ' ' && !out.empty() && out.back() == ' ')
      continue;
    out += c;
  }
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
/// generated file (`@pte`, `#page-tables`, `<`), so the headers stay Doxygen-clean.
std::string doxygenSafe(const std::string &text) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    size_t at = line.find("///");
    if (at != std::string::npos) {
      at += line.compare(at, 4, "///<") == 0 ? 4 : 3;
      std::string comment;
      for (char c : line.substr(at)) {
        if (c == '\\' || c == '@' || c == '#' || c == '<' || c == '&' || c == '%')
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

// ---------------------------------------------------------------------------------------------
// What the C++ side calls each spec entity
// ---------------------------------------------------------------------------------------------

struct ObjInfo {
  const Object *obj = nullptr;
  std::map<std::string, std::string> linkMember; ///< Link name -> member name.
  std::vector<std::string> lockNames;            ///< Lock classes declared as members here.
  std::vector<std::string> tokens;               ///< Relation tokens declared here.
};

/// The link whose pointer member is the field `name` (`vma->vm_mm`), if any: its storage is
/// that public pointer, which capability expressions need to name.
const Link *linkField(const ObjInfo &oi, const std::string &name) {
  for (const Link &k : oi.obj->links)
    if (oi.linkMember.at(k.name) == name)
      return &k;
  return nullptr;
}

struct LockInfo {
  const Lock *lock = nullptr;
  unsigned id = 0;
  std::string type;                      ///< C++ capability type.
  std::string declObject;                ///< Object the member is declared in; "" for a global.
  std::string member;                    ///< Member (or global) name.
  std::string relPath;                   ///< From a pointer to the owner: "root->rwsem".
  int excl = -1, shared = -1, down = -1; ///< Mode indexes of lock(), lock_shared(), downgrade().
  std::string anchor; ///< EndsWith: the lock whose write section this one lives in.
  /// The kind the C++ side implements: a VMA lock whose write holds end with no rwsem's write
  /// section has nothing to live in, and is an rwsem.
  LockKind kind = LockKind::Rwsem;
};

/// One capability a requirement names, for the corpus to take, weaken or leave out.
struct Hold {
  std::string inst;               ///< Capability expression.
  const LockInfo *lock = nullptr; ///< nullptr for a fact.
  std::string owner;              ///< Owner object pointer expression ("" for globals, facts).
  bool excl = false;
  bool neg = false;     ///< Must not be held.
  bool derived = false; ///< Added by an ends-with relation.
};

/// One part of a requirement as C++ attributes and runtime checks.
struct ReqCode {
  std::vector<Hold> holds;
  std::vector<std::string> excl, shared, neg;
  std::vector<std::string> checks;  ///< Statements for the validator.
  std::vector<std::string> skipped; ///< Conditional atoms clang cannot check.
};

/// A lock atom resolved to its C++ instance.
struct Resolved {
  const LockInfo *lock = nullptr;
  std::string owner;    ///< C++ expression of the owner object pointer ("" for globals).
  std::string ownerObj; ///< Object name of the owner.
  std::string instance; ///< C++ capability expression.
};

class Emitter {
public:
  explicit Emitter(const Model &m) : m_(m) { index(); }

  std::vector<OutputFile> run();

private:
  // -- model indexing ------------------------------------------------------------------------
  void index();
  const LockInfo &lock(const std::string &name) const { return locks_.at(name); }
  unsigned modeIndex(const Lock &l, const std::string &mode) const;
  std::uint32_t satisfiesMask(const Lock &l, unsigned held) const;

  /// `ptr` followed along `links` from object `obj`; the object reached goes to `reached`.
  std::string follow(std::string ptr, std::string obj, const std::vector<std::string> &links,
                     std::string *reached) const;
  std::string instanceOf(const std::string &ownerPtr, const LockInfo &l) const;
  std::optional<Resolved> resolveOwner(const std::string &ptr, const std::string &obj,
                                       const std::string &lockName) const;

  // -- requirements --------------------------------------------------------------------------
  ReqCode requirement(const Alternative &alt,
                      const std::map<std::string, std::pair<std::string, std::string>> &roles,
                      const std::string &rule) const;
  std::string attrs(const ReqCode &r) const;
  std::vector<std::string> tags(const Requirement &req, const std::string &subjectRole) const;

  // -- header sections -----------------------------------------------------------------------
  void emitLockType(std::ostringstream &o, const LockInfo &l) const;
  void emitObject(std::ostringstream &o, const ObjInfo &oi) const;
  void emitField(std::ostringstream &o, const ObjInfo &oi, const Field &f) const;
  void emitApi(std::ostringstream &o, const Api &api) const;
  void emitGuards(std::ostringstream &o) const;
  void emitOperation(std::ostringstream &o, const Operation &op) const;
  void emitTables(std::ostringstream &o) const;
  std::string header() const;

  // -- corpus --------------------------------------------------------------------------------
  std::vector<OutputFile> corpus() const;

  const Model &m_;
  std::map<std::string, ObjInfo> objects_;
  std::vector<std::string> objectOrder_;
  std::map<std::string, LockInfo> locks_;
  std::vector<std::string> lockOrder_; ///< Anchors first.
  std::set<std::string> usedTags_;
  mutable std::set<std::string> tagSet_;
  mutable std::vector<std::string> guards_; ///< RAII guard types, for the size checks.
  std::vector<std::pair<std::string, std::string>> clangEdges_; ///< (from, to) lock classes.
  std::vector<OrderEdge> runtimeEdges_;                         ///< Mode-specific edges.
  std::vector<std::string> unchecked_;                          ///< For unchecked.txt.
};

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
    objectOrder_.push_back(name);
  };
  for (const Object &o : m_.objects)
    visit(o.name);

  unsigned id = 0;
  for (const Lock &l : m_.locks) {
    LockInfo &li = locks_[l.name];
    li.lock = &l;
    li.id = id++;
    li.type = pascal(l.name) +
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
    std::string member = simple ? steps.back() : (l.kind == LockKind::Spinlock ? "ptl" : l.name);
    auto taken = [&](const std::string &name) {
      if (decl.obj->findField(name) || linkField(decl, name))
        return true;
      for (const std::string &other : decl.lockNames)
        if (locks_[other].member == name)
          return true;
      return false;
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
  }
  for (const Relation &r : m_.relations) {
    if (r.kind == Relation::Kind::EndsWith && locks_.count(r.lock))
      locks_[r.lock].anchor = r.other;
    if (r.kind == Relation::Kind::Forbidden && locks_.count(r.lock) &&
        objects_.count(locks_[r.lock].declObject))
      objects_[locks_[r.lock].declObject].tokens.push_back(r.name);
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
      add(r.excl, "fact::" + a.fact);
      r.holds.push_back({a.fact, nullptr, "", true, false, false});
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
      for (const Fact &f : m_.facts)
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
    std::string check = a.held ? "::lockspec::rt::expectHeld(kSpec, " + ref + ", " +
                                     std::to_string(l.id) + ", " + std::to_string(mask) + "u, \"" +
                                     rule + "\");"
                               : "::lockspec::rt::expectNotHeld(kSpec, " + ref + ", " +
                                     std::to_string(l.id) + ", \"" + rule + "\");";
    if (!cond.empty()) {
      r.checks.push_back("if (" + cond + ") " + check);
      continue;
    }
    r.checks.push_back(check);
    if (!a.held) {
      add(r.neg, "!" + inst);
      r.holds.push_back({inst, &l, ptr, true, true, false});
      continue;
    }
    add(mode->sharing == Sharing::Shared ? r.shared : r.excl, inst);
    r.holds.push_back({inst, &l, ptr, mode->sharing != Sharing::Shared, false, false});
    // A hold that ends with another lock's write section is only valid inside it, so requiring
    // it also requires that section (vma_lock.write -> mmap_lock.write of the VMA's mm).
    for (const Relation &rel : m_.relations) {
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
  std::vector<std::string> out;
  if (req.alternatives.size() < 2)
    return out;
  auto key = [&](const Atom &a) {
    std::string k = a.kind == Atom::Kind::Fact ? a.fact : a.lock;
    if (!a.held)
      k = "not_" + k;
    if (a.kind == Atom::Kind::Lock && !a.role.empty() && a.role != subjectRole)
      k += "_at_" + a.role;
    return k;
  };
  std::map<std::string, int> labels;
  for (const Alternative &alt : req.alternatives)
    ++labels[alt.label];
  for (const Alternative &alt : req.alternatives) {
    std::vector<std::string> parts;
    if (!alt.label.empty())
      parts.push_back(alt.label);
    if (alt.label.empty() || labels[alt.label] > 1)
      for (const Atom &a : alt.atoms) {
        // Distinguish among the alternatives of the same branch (`fully_locked_mmap_lock`).
        bool common = std::all_of(
            req.alternatives.begin(), req.alternatives.end(), [&](const Alternative &other) {
              return other.label != alt.label ||
                     std::find(other.atoms.begin(), other.atoms.end(), a) != other.atoms.end();
            });
        if (!common)
          parts.push_back(key(a));
      }
    std::string tag = parts.empty() ? "none" : join(parts, "_");
    while (std::find(out.begin(), out.end(), tag) != out.end())
      tag += "_";
    out.push_back(tag);
    tagSet_.insert(tag);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------------------------

void Emitter::emitLockType(std::ostringstream &o, const LockInfo &li) const {
  const Lock &l = *li.lock;
  std::string id = std::to_string(li.id);
  o << "/// Capability type of the `" << l.name << "` lock class (" << toString(l.kind)
    << "): " << prose(l.doc) << "\n///\n/// " << cite(l) << ".  Modes:";
  for (const Mode &mode : l.modes)
    o << " " << mode.name << " (" << toString(mode.sharing) << ")";
  o << ".\nclass LOCKSPEC_CAPABILITY(\"" << l.name << "\") " << li.type << " {\npublic:\n";
  auto hook = [&](const std::string &what) { return "    LOCKSPEC_RT(" + what + ");\n"; };
  std::string acq = "::lockspec::rt::onAcquire(kSpec, this, " + id + ", ";
  std::string rel = "::lockspec::rt::onRelease(kSpec, this, " + id + ", ";
  if (li.kind == LockKind::VmaLock) {
    const LockInfo &anchor = lock(li.anchor);
    std::string at = anchor.type;
    o << "  /// Read-locks unless the VMA is write-locked in `anchor`'s current write section.\n"
      << "  bool try_lock_shared(" << at << " &anchor) LOCKSPEC_TRY_ACQUIRE_SHARED(true) {\n"
      << "    bool ok = raw_.try_lock_shared(anchor.raw());\n"
      << "    LOCKSPEC_RT(if (ok) " << acq << li.shared << ", nullptr));\n    return ok;\n  }\n"
      << "  /// Read-locks, waiting for a writer's section to end.\n"
      << "  void lock_shared(" << at << " &anchor) LOCKSPEC_ACQUIRE_SHARED() {\n"
      << hook(acq + std::to_string(li.shared) + ", nullptr)")
      << "    raw_.lock_shared(anchor.raw());\n  }\n"
      << "  /// Drops a read hold.\n  void unlock_shared() LOCKSPEC_RELEASE_SHARED() {\n"
      << hook(rel + "true)") << "    raw_.unlock_shared();\n  }\n"
      << "  /// Write-locks for the rest of `anchor`'s write section: there is no write unlock,\n"
      << "  /// the hold ends when the section does (relation `" << li.anchor << "`).\n"
      << "  void start_write(" << at << " &anchor) LOCKSPEC_REQUIRES(anchor) "
      << "LOCKSPEC_ASSERT_CAPABILITY(this) {\n"
      << hook("::lockspec::rt::onAssume(kSpec, this, " + id + ", " + std::to_string(li.excl) +
              ", &anchor)")
      << "    raw_.start_write(anchor.raw());\n  }\n";
  } else {
    bool sharedOnly = li.excl < 0;
    if (!sharedOnly) {
      o << "  /// Takes the lock exclusively (mode `" << l.modes[li.excl].name << "`).\n"
        << "  void lock() LOCKSPEC_ACQUIRE() {\n"
        << hook(acq + std::to_string(li.excl) + ", nullptr)") << "    raw_.lock();\n  }\n"
        << "  /// Tries to take the lock exclusively; true means held.\n"
        << "  bool try_lock() LOCKSPEC_TRY_ACQUIRE(true) {\n    bool ok = raw_.try_lock();\n"
        << "    LOCKSPEC_RT(if (ok) " << acq << li.excl << ", nullptr));\n    return ok;\n  }\n"
        << "  /// Releases an exclusive hold.\n  void unlock() LOCKSPEC_RELEASE() {\n"
        << hook(rel + "false)") << "    raw_.unlock();\n  }\n";
    }
    if (li.shared >= 0) {
      o << "  /// Takes the lock shared (mode `" << l.modes[li.shared].name << "`).\n"
        << "  void lock_shared() LOCKSPEC_ACQUIRE_SHARED() {\n"
        << hook(acq + std::to_string(li.shared) + ", nullptr)") << "    raw_.lock_shared();\n  }\n"
        << "  /// Tries to take the lock shared; true means held.\n"
        << "  bool try_lock_shared() LOCKSPEC_TRY_ACQUIRE_SHARED(true) {\n"
        << "    bool ok = raw_.try_lock_shared();\n"
        << "    LOCKSPEC_RT(if (ok) " << acq << li.shared << ", nullptr));\n    return ok;\n  }\n"
        << "  /// Releases a shared hold.\n  void unlock_shared() LOCKSPEC_RELEASE_SHARED() {\n"
        << hook(rel + "true)") << "    raw_.unlock_shared();\n  }\n";
    }
    if (li.down >= 0 && !sharedOnly)
      o << "  /// Converts the exclusive hold into mode `" << l.modes[li.down].name
        << "` without leaving the lock.\n"
        << "  void downgrade() LOCKSPEC_RELEASE() LOCKSPEC_ACQUIRE_SHARED() {\n"
        << hook("::lockspec::rt::onDowngrade(kSpec, this, " + id + ", " + std::to_string(li.down) +
                ")")
        << "    raw_.downgrade();\n  }\n";
  }
  if (li.excl >= 0)
    o << "  /// Tells the analysis the lock is held exclusively (the validator checks it).\n"
      << "  void assert_held() LOCKSPEC_ASSERT_CAPABILITY(this) {\n"
      << hook("::lockspec::rt::expectHeld(kSpec, this, " + id + ", " +
              std::to_string(1u << li.excl) + "u, \"assert\")")
      << "  }\n";
  if (li.shared >= 0)
    o << "  /// Tells the analysis the lock is held in some mode (the validator checks it).\n"
      << "  void assert_held_shared() LOCKSPEC_ASSERT_SHARED_CAPABILITY(this) {\n"
      << hook("::lockspec::rt::expectHeld(kSpec, this, " + id + ", 0u, \"assert\")") << "  }\n";
  o << "  /// For negative requirements (`!lock`).\n"
    << "  const " << li.type << " &operator!() const { return *this; }\n"
    << "  /// The primitive underneath, without analysis or validation (benchmarks, tests).\n"
    << "  ::lockspec::rt::" << rawType(li.kind) << " &raw() { return raw_; }\n\nprivate:\n"
    << "  ::lockspec::rt::" << rawType(li.kind) << " raw_;\n};\n\n";
}

void Emitter::emitField(std::ostringstream &o, const ObjInfo &oi, const Field &f) const {
  const Object &obj = *oi.obj;
  std::map<std::string, std::pair<std::string, std::string>> roles{{obj.var, {"this", obj.name}},
                                                                   {"", {"this", obj.name}}};
  const Link *link = linkField(oi, f.name);
  bool isLink = link != nullptr;
  std::string type = isLink ? "struct " + link->target + " *" : "unsigned long";
  std::string store = isLink ? f.name : f.name + "_";
  std::string doc =
      "  /// `" + obj.name + "::" + f.name + "`: " + prose(f.doc) + " " + cite(f) + ".\n";
  auto accessor = [&](const FieldRule *rule, bool write, const std::string &suffix) {
    std::string name = write ? "set_" + f.name + suffix : f.name;
    std::string sig = write ? "void " + name + "(" + type + " value" : type + " " + name + "(";
    std::string body = write ? store + " = value;" : "return " + store + ";";
    std::string cnst = write ? "" : " const";
    if (!rule || rule->kind != FieldRule::Kind::Locks) {
      std::string why = !rule ? "no rule"
                        : rule->kind == FieldRule::Kind::Once
                            ? "set once before the object is visible"
                            : "governed by " + rule->owner;
      o << doc << "  /// " << (write ? "Write" : "Read") << " rule: " << why
        << " (not checked).\n  " << sig << ")" << cnst << " { " << body << " }\n";
      return;
    }
    std::vector<std::string> t = tags(rule->requirement, obj.var);
    for (size_t i = 0; i < rule->requirement.alternatives.size(); ++i) {
      const Alternative &alt = rule->requirement.alternatives[i];
      ReqCode rc = requirement(alt, roles, obj.name + "." + f.name);
      std::string tagParam = t.empty() ? "" : std::string(write ? ", " : "") + "via::" + t[i];
      o << doc << "  /// " << (write ? "Write" : "Read") << " rule `" << rule->requirement.text
        << "`" << (rule->transition.empty() ? "" : " (" + rule->transition + ")")
        << (t.empty() ? "" : ", alternative `" + t[i] + "`") << ".\n  " << sig << tagParam << ")"
        << cnst << attrs(rc) << " {\n";
      for (const std::string &c : rc.checks)
        o << "    LOCKSPEC_RT(" << c << ");\n";
      o << "    " << body << "\n  }\n";
    }
  };
  if (!isLink)
    accessor(f.read ? &*f.read : nullptr, false, "");
  for (const FieldRule &w : f.writes)
    accessor(&w, true, f.writes.size() > 1 ? "_" + identFrom(w.transition) : "");
}

void Emitter::emitObject(std::ostringstream &o, const ObjInfo &oi) const {
  const Object &obj = *oi.obj;
  o << "/// Stand-in for the kernel's `struct " << obj.name << "`: " << prose(obj.doc)
    << "\n///\n/// " << cite(obj)
    << ".  Holds its locks as members and its guarded fields behind accessors\n"
    << "/// whose annotations are the field rules.\nstruct " << obj.name << " {\n";
  for (const Link &k : obj.links)
    o << "  /// Link `" << k.name << "` (`" << k.expr << "`).\n  struct " << k.target << " *"
      << oi.linkMember.at(k.name) << " = nullptr;\n";
  for (const std::string &ln : oi.lockNames) {
    const LockInfo &li = lock(ln);
    std::vector<std::string> order;
    // Order edges go on the member declared later, naming the earlier one qualified.
    auto declKey = [&](const LockInfo &x) {
      if (x.declObject.empty())
        return -1;
      return static_cast<int>(std::find(objectOrder_.begin(), objectOrder_.end(), x.declObject) -
                              objectOrder_.begin());
    };
    auto qualified = [&](const LockInfo &x) {
      return x.declObject.empty() ? "::lockspec::" + x.member : x.declObject + "::" + x.member;
    };
    int mine = declKey(li);
    std::vector<std::string> after, before;
    for (const auto &[from, to] : clangEdges_) {
      const LockInfo &f = lock(from), &t = lock(to);
      if (to == ln && (declKey(f) < mine || (declKey(f) == mine && f.id < li.id)))
        after.push_back(qualified(f));
      if (from == ln && (declKey(t) < mine || (declKey(t) == mine && t.id < li.id)))
        before.push_back(qualified(t));
    }
    o << "  /// The `" << ln << "` lock of this " << obj.name << " (`" << li.lock->path << "`).\n  "
      << li.type << " " << li.member;
    if (!after.empty())
      o << " LOCKSPEC_ACQUIRED_AFTER(" << join(after, ", ") << ")";
    if (!before.empty())
      o << " LOCKSPEC_ACQUIRED_BEFORE(" << join(before, ", ") << ")";
    o << ";\n";
  }
  for (const std::string &tok : oi.tokens)
    o << "  /// Held (shared) while this thread holds a lock that relation `" << tok
      << "` forbids taking this object's lock under; the acquire functions require its absence.\n"
      << "  RelationToken " << tok << ";\n";
  for (const Field &f : obj.fields)
    emitField(o, oi, f);
  bool storage = std::any_of(obj.fields.begin(), obj.fields.end(),
                             [&](const Field &f) { return !linkField(oi, f.name); });
  if (storage) {
    o << "\nprivate:\n";
    for (const Field &f : obj.fields)
      if (!linkField(oi, f.name))
        o << "  unsigned long " << f.name << "_ = 0;\n";
  }
  o << "};\n\n";
}

void Emitter::emitApi(std::ostringstream &o, const Api &api) const {
  const LockInfo &li = lock(api.lock);
  const Lock &l = *li.lock;
  std::string ownerVar =
      li.declObject.empty() || !objects_.count(l.owner) ? "" : objects_.at(l.owner).obj->var;
  std::vector<std::string> params;
  std::string inst, ownerPtr;
  auto objectOfVar = [&](const std::string &var) -> std::string {
    for (const Object &obj : m_.objects)
      if (obj.var == var)
        return obj.name;
    return "";
  };
  for (const ApiParam &p : api.params) {
    if (p.instance && !p.out && p.name == ownerVar) {
      params.push_back("struct " + l.owner + " *" + p.name);
      ownerPtr = p.name;
    } else if (p.instance && !p.out && !api.all) {
      params.push_back(li.type + " &" + p.name);
      inst = p.name;
    } else if (p.instance && api.all) {
      params.push_back("struct " + objectOfVar(p.name) + " *" + p.name);
    } else if (p.instance && p.out) {
      continue; // the C out-parameter becomes the owner the caller names (below)
    } else if (!objectOfVar(p.name).empty()) {
      params.push_back("struct " + objectOfVar(p.name) + " *" + p.name);
      if (p.name == ownerVar)
        ownerPtr = p.name;
    } else {
      params.push_back(std::string("unsigned long") + (p.out ? " *" : " ") + p.name);
    }
  }
  if (inst.empty() && ownerPtr.empty() && !ownerVar.empty() && !api.all) {
    params.push_back("struct " + l.owner + " *" + ownerVar);
    ownerPtr = ownerVar;
  }
  std::string retObj;
  if (!api.returnType.empty() && objects_.count(api.returnType)) {
    retObj = api.returnType;
    std::string var = objects_.at(retObj).obj->var;
    if (std::none_of(api.params.begin(), api.params.end(),
                     [&](const ApiParam &p) { return p.name == var; }) &&
        var != ownerVar)
      params.push_back("struct " + retObj + " *" + var);
  }
  if (inst.empty())
    inst = instanceOf(ownerPtr, li);
  const Mode *mode = l.findMode(api.mode);
  bool shared = mode && mode->sharing == Sharing::Shared;
  unsigned modeIdx = modeIndex(l, api.mode);

  std::vector<std::string> attr, body;
  auto resolveFrom = [&](const std::string &lockName) -> std::optional<Resolved> {
    if (ownerPtr.empty())
      return std::nullopt;
    return resolveOwner(ownerPtr, l.owner, lockName);
  };
  std::string anchorRef = "nullptr";
  std::optional<Resolved> anchor;
  if (!li.anchor.empty())
    anchor = resolveFrom(li.anchor);
  for (const Relation &rel : m_.relations) {
    bool acquiring = api.kind == ApiKind::Acquire || api.kind == ApiKind::Try;
    if (rel.kind == Relation::Kind::Requires && rel.lock == api.lock && acquiring &&
        l.satisfies(api.mode, rel.mode))
      if (auto other = resolveFrom(rel.other)) {
        const Mode *om = other->lock->lock->findMode(rel.otherMode);
        attr.push_back(std::string(om && om->sharing == Sharing::Shared ? "LOCKSPEC_REQUIRES_SHARED"
                                                                        : "LOCKSPEC_REQUIRES") +
                       "(" + other->instance + ")");
        anchorRef = "&" + other->instance;
      }
    // A forbidden nesting deadlocks by waiting; a trylock does not wait, so it stays allowed
    // (__vmf_anon_prepare trylocks the mmap lock under a VMA read lock).
    if (rel.kind == Relation::Kind::Forbidden && rel.lock == api.lock && api.blocks() &&
        !ownerPtr.empty())
      attr.push_back("LOCKSPEC_REQUIRES(!" + ownerPtr + "->" + rel.name + ")");
  }
  // The token of a Forbidden relation travels with holds of the forbidding lock.
  std::vector<std::string> tokens;
  for (const Relation &rel : m_.relations)
    if (rel.kind == Relation::Kind::Forbidden && rel.other == api.lock &&
        l.satisfies(api.mode, rel.otherMode) && !ownerPtr.empty() && shared)
      if (auto other = resolveFrom(rel.lock))
        tokens.push_back(other->owner + "->" + rel.name);
  std::string capList = join(
      [&] {
        std::vector<std::string> v{inst};
        v.insert(v.end(), tokens.begin(), tokens.end());
        return v;
      }(),
      ", ");
  bool endsWithOther = !li.anchor.empty() && !shared;
  std::string ret = "void";
  bool nodiscard = false;
  std::string call;
  std::string anchorArg = anchor ? anchor->instance : "";
  switch (api.kind) {
  case ApiKind::Acquire:
    if (endsWithOther) {
      attr.push_back("LOCKSPEC_ASSERT_CAPABILITY(" + inst + ")");
      if (li.kind == LockKind::VmaLock)
        body.push_back(inst + ".start_write(" + anchorArg + ");");
      else
        body.push_back("LOCKSPEC_RT(::lockspec::rt::onAssume(kSpec, &" + inst + ", " +
                       std::to_string(li.id) + ", " + std::to_string(modeIdx) + ", " +
                       (anchor ? "&" + anchor->instance : "nullptr") + "));");
    } else {
      attr.push_back(std::string(shared ? "LOCKSPEC_ACQUIRE_SHARED(" : "LOCKSPEC_ACQUIRE(") +
                     capList + ")");
      body.push_back(inst + (shared ? ".lock_shared(" : ".lock(") +
                     (li.kind == LockKind::VmaLock ? anchorArg : "") + ");");
    }
    break;
  case ApiKind::Try: {
    std::string okVal = api.success == TrySuccess::Zero ? "false" : "true";
    if (endsWithOther) {
      // Like the plain acquire, an assertion: a try-acquire would leave a hold that no release
      // ends (the anchor's write section does), so every caller would be told it is "still
      // held at the end of function".  Clang has no assertion conditional on the result, so
      // it is unconditional and the result must be used ([[nodiscard]]); the failure path is
      // listed in unchecked.txt.
      attr.push_back("LOCKSPEC_ASSERT_CAPABILITY(" + inst + ")");
      body.push_back(inst + ".start_write(" + anchorArg + ");");
      body.push_back("bool ok = true;");
      nodiscard = true;
    } else {
      attr.push_back(
          std::string(shared ? "LOCKSPEC_TRY_ACQUIRE_SHARED(" : "LOCKSPEC_TRY_ACQUIRE(") + okVal +
          ", " + capList + ")");
      body.push_back(std::string("bool ok = ") + inst +
                     (shared ? ".try_lock_shared(" : ".try_lock(") +
                     (li.kind == LockKind::VmaLock ? anchorArg : "") + ");");
    }
    if (api.success == TrySuccess::True) {
      ret = "bool";
      body.push_back("return ok;");
    } else if (api.success == TrySuccess::Zero) {
      ret = "int";
      body.push_back("return ok ? 0 : -4; // -EINTR");
    } else {
      std::string obj = !retObj.empty() ? retObj : (!ownerPtr.empty() ? l.owner : "");
      std::string val = !retObj.empty() ? objects_.at(retObj).obj->var : ownerPtr;
      ret = obj.empty() ? "void *" : "struct " + obj + " *";
      if (obj.empty())
        val = "static_cast<void *>(&" + inst + ")";
      body.push_back("return ok ? " + val + " : nullptr;");
    }
    break;
  }
  case ApiKind::Release:
    if (api.all) {
      // Ends every hold that lives in the given object's write section.  The analysis cannot
      // name them all, so it is told nothing: each requirement of such a hold also requires
      // the section (see requirement()), which is what keeps later uses honest.
      std::string var = api.params.empty() ? "" : api.params.front().name;
      auto section = li.anchor.empty() || var.empty()
                         ? std::nullopt
                         : resolveOwner(var, objectOfVar(var), li.anchor);
      if (section && section->lock->lock->kind == LockKind::Rwsem) {
        body.push_back(section->instance + ".raw().endWriteSection();");
        body.push_back("LOCKSPEC_RT(::lockspec::rt::endDependents(kSpec, &" + section->instance +
                       ", " + std::to_string(section->lock->id) + ", " +
                       std::to_string(section->lock->excl) + "));");
      }
    } else if (endsWithOther) {
      body.push_back("// Ends with the anchor's write section (relation ends-with).");
    } else {
      attr.push_back(std::string(shared ? "LOCKSPEC_RELEASE_SHARED(" : "LOCKSPEC_RELEASE(") +
                     capList + ")");
      body.push_back(inst + (shared ? ".unlock_shared();" : ".unlock();"));
    }
    break;
  case ApiKind::Downgrade:
    attr.push_back("LOCKSPEC_RELEASE(" + inst + ") LOCKSPEC_ACQUIRE_SHARED(" + inst + ")");
    body.push_back(inst + ".downgrade();");
    break;
  case ApiKind::Assert:
    attr.push_back(
        std::string(shared ? "LOCKSPEC_ASSERT_SHARED_CAPABILITY(" : "LOCKSPEC_ASSERT_CAPABILITY(") +
        inst + ")");
    body.push_back(std::string("LOCKSPEC_RT(::lockspec::rt::expectHeld(kSpec, &") + inst + ", " +
                   std::to_string(li.id) + ", " + std::to_string(1u << modeIdx) + "u, \"" +
                   api.name + "\"));");
    break;
  }
  (void)anchorRef;
  o << "/// `" << api.name << "` (" << toString(api.kind) << ", `" << api.lock << "." << api.mode
    << (api.toMode.empty() ? "" : " -> " + api.toMode) << "`): " << prose(api.doc) << "\n/// "
    << cite(api) << ".\n"
    << (nodiscard ? "/// The analysis treats the lock as held after the call whatever it returns: "
                    "return on failure.\n[[nodiscard]] "
                  : "")
    << "inline " << ret << " " << api.name << "(" << join(params, ", ") << ")";
  for (const std::string &a : attr)
    o << " " << a;
  // A relation token has no runtime state: the body cannot take or drop it, so it is not
  // analysed; the annotations above are the contract.
  if (!tokens.empty())
    o << " LOCKSPEC_NO_THREAD_SAFETY_ANALYSIS";
  o << " {\n";
  for (const std::string &p : params)
    o << "  (void)" << p.substr(p.find_last_of(" *&") + 1) << ";\n";
  for (const std::string &b : body)
    o << "  " << b << "\n";
  o << "}\n\n";
}

void Emitter::emitGuards(std::ostringstream &o) const {
  // One RAII guard per plain acquire function whose instance is its owner object, released by
  // the release function of the same mode.
  for (const Api &api : m_.apis) {
    const LockInfo &li = lock(api.lock);
    if (api.kind != ApiKind::Acquire || api.params.size() != 1 || !api.params[0].instance ||
        li.declObject.empty() || objects_.at(li.lock->owner).obj->var != api.params[0].name ||
        !li.anchor.empty())
      continue;
    const Api *release = nullptr;
    for (const Api &r : m_.apis)
      if (r.kind == ApiKind::Release && r.lock == api.lock && r.mode == api.mode &&
          r.params.size() == 1 && r.params[0].name == api.params[0].name && !release)
        release = &r;
    if (!release)
      continue;
    std::string var = api.params[0].name;
    std::string type = pascal(api.name) + "Guard";
    guards_.push_back(type);
    std::string inst = instanceOf(var + "_", li);
    std::string ctorInst = instanceOf(var, li);
    bool shared = li.lock->findMode(api.mode)->sharing == Sharing::Shared;
    o << "/// RAII hold of `" << api.lock << "." << api.mode << "`: `" << api.name
      << "` on construction, `" << release->name << "` on destruction.  " << cite(api)
      << ".\nclass LOCKSPEC_SCOPED_CAPABILITY [[nodiscard]] " << type << " {\npublic:\n"
      << "  /// Takes the lock of `" << var << "`.\n  explicit " << type << "(struct "
      << li.lock->owner << " *" << var << ") "
      << (shared ? "LOCKSPEC_ACQUIRE_SHARED(" : "LOCKSPEC_ACQUIRE(") << ctorInst
      << ")\n      : " << var << "_(" << var << ") {\n    " << api.name << "(" << var << ");\n  }\n"
      << "  /// Releases it.\n  ~" << type << "() LOCKSPEC_RELEASE() { " << release->name << "("
      << var << "_); }\n  " << type << "(const " << type << " &) = delete;\n  " << type
      << " &operator=(const " << type << " &) = delete;\n\nprivate:\n  struct " << li.lock->owner
      << " *" << var << "_;\n};\n\n";
    (void)inst;
  }
}

void Emitter::emitOperation(std::ostringstream &o, const Operation &op) const {
  std::map<std::string, std::pair<std::string, std::string>> roles;
  std::vector<std::string> params;
  std::vector<Role> all{op.subject};
  all.insert(all.end(), op.roles.begin(), op.roles.end());
  for (const Role &r : all) {
    if (!r.expr.empty()) {
      roles[r.name] = {r.expr, r.object};
      continue;
    }
    roles[r.name] = {r.name, r.object};
    params.push_back("struct " + r.object + " *" + r.name);
  }
  std::vector<std::string> t = tags(op.requirement, op.subject.name);
  for (size_t i = 0; i < op.requirement.alternatives.size(); ++i) {
    const Alternative &alt = op.requirement.alternatives[i];
    ReqCode rc = requirement(alt, roles, op.name);
    std::vector<std::string> p = params;
    if (!t.empty())
      p.push_back("via::" + t[i]);
    o << "/// Operation `" << op.name << "`" << (t.empty() ? "" : ", alternative `" + t[i] + "`")
      << ": " << prose(op.doc) << "\n///\n/// Requires `" << op.requirement.text
      << "`; this overload checks";
    std::vector<std::string> atoms;
    for (const Atom &a : alt.atoms)
      atoms.push_back(std::string(a.held ? "" : "!") +
                      (a.kind == Atom::Kind::Fact ? a.fact : a.lock + "." + a.mode) +
                      (a.role.empty() ? "" : "@" + a.role) +
                      (a.condition.empty() ? "" : " if " + a.condition));
    o << " `" << join(atoms, " & ") << "`.";
    if (!alt.doc.empty())
      o << "  This way: " << prose(alt.doc) << ".";
    if (!rc.skipped.empty())
      o << "  Conditional parts (" << join(rc.skipped, ", ")
        << ") are checked only by the runtime validator.";
    o << "\n/// " << cite(op) << ".\ninline void " << op.name << "(" << join(p, ", ") << ")"
      << attrs(rc) << " {\n";
    for (const Role &r : all)
      if (r.expr.empty())
        o << "  (void)" << r.name << ";\n";
    for (const std::string &c : rc.checks)
      o << "  LOCKSPEC_RT(" << c << ");\n";
    o << "}\n\n";
  }
}

void Emitter::emitTables(std::ostringstream &o) const {
  o << "#ifdef LOCKSPEC_VALIDATE\n/// The validator's view of the spec.\nnamespace spec_tables {\n";
  for (const Lock &l : m_.locks) {
    const LockInfo &li = lock(l.name);
    std::vector<std::string> names, sat;
    std::uint32_t sharedMask = 0;
    for (unsigned i = 0; i < l.modes.size(); ++i) {
      names.push_back("\"" + l.modes[i].name + "\"");
      sat.push_back(std::to_string(satisfiesMask(l, i)) + "u");
      if (l.modes[i].sharing == Sharing::Shared)
        sharedMask |= 1u << i;
    }
    o << "inline constexpr const char *kModes" << li.id << "[] = {" << join(names, ", ")
      << "};\ninline constexpr std::uint32_t kSat" << li.id << "[] = {" << join(sat, ", ")
      << "};\n";
    (void)sharedMask;
  }
  o << "inline constexpr ::lockspec::rt::LockInfo kLocks[] = {\n";
  for (const Lock &l : m_.locks) {
    const LockInfo &li = lock(l.name);
    std::uint32_t sharedMask = 0;
    for (unsigned i = 0; i < l.modes.size(); ++i)
      if (l.modes[i].sharing == Sharing::Shared)
        sharedMask |= 1u << i;
    o << "    {\"" << l.name << "\", kModes" << li.id << ", " << l.modes.size() << ", kSat" << li.id
      << ", " << sharedMask << "u},\n";
  }
  o << "};\ninline constexpr ::lockspec::rt::OrderEdge kEdges[] = {\n";
  std::set<std::string> seen;
  for (const OrderEdge &e : m_.enforcedEdges()) {
    if (!locks_.count(e.from.lock) || !locks_.count(e.to.lock))
      continue;
    const LockInfo &f = lock(e.from.lock), &t = lock(e.to.lock);
    std::string fm =
        e.from.mode.empty() ? "0" : std::to_string(1u << modeIndex(*f.lock, e.from.mode));
    std::string tm = e.to.mode.empty() ? "0" : std::to_string(1u << modeIndex(*t.lock, e.to.mode));
    std::string row = "    {" + std::to_string(f.id) + ", " + fm + "u, " + std::to_string(t.id) +
                      ", " + tm + "u, \"" + e.order + "\"},\n";
    std::string key = row.substr(0, row.rfind(", \""));
    if (seen.insert(key).second)
      o << row;
  }
  o << "};\ninline constexpr ::lockspec::rt::RelationInfo kRelations[] = {\n";
  for (const Relation &r : m_.relations) {
    if (!locks_.count(r.lock) || !locks_.count(r.other))
      continue;
    const LockInfo &a = lock(r.lock), &b = lock(r.other);
    static const char *kinds[] = {"Requires", "EndsWith", "Forbidden"};
    o << "    {::lockspec::rt::RelationInfo::" << kinds[static_cast<int>(r.kind)] << ", " << a.id
      << ", " << (r.mode.empty() ? 0u : 1u << modeIndex(*a.lock, r.mode)) << "u, " << b.id << ", "
      << (r.otherMode.empty() ? 0u : 1u << modeIndex(*b.lock, r.otherMode)) << "u, \"" << r.name
      << "\"},\n";
  }
  o << "};\n} // namespace spec_tables\n\n"
    << "/// Everything the validator checks, from the model.\n"
    << "inline constexpr ::lockspec::rt::SpecTables kSpec{\n"
    << "    spec_tables::kLocks, std::size(spec_tables::kLocks), spec_tables::kEdges,\n"
    << "    std::size(spec_tables::kEdges), spec_tables::kRelations, "
       "std::size(spec_tables::kRelations)};\n#endif\n\n";
}

std::string Emitter::header() const {
  std::ostringstream o;
  o << "// Generated by lockspec (cxx backend) from " << join(m_.files, ", ")
    << ".  Do not edit.\n//\n"
    << "// Capability-annotated C++ wrappers for the Linux mm locking rules: compile with clang\n"
    << "// -Wthread-safety -Wthread-safety-beta and the analysis enforces the spec; define\n"
    << "// LOCKSPEC_VALIDATE and the same wrappers check it at run time too.\n//\n"
    << "// Doxygen: INCLUDE_PATH must name the directory above lockspec/ and MACRO_EXPANSION be\n"
    << "// on, so that the LOCKSPEC_* attribute macros expand to nothing.\n#pragma once\n\n"
    << "#include <iterator>\n\n#include \"lockspec/runtime.h\"\n\n"
    << "/// The Linux mm locking rules as C++ types, generated from the lockspec model.\n"
    << "///\n/// Any-of requirements are overloads: one per alternative, told apart by an\n"
    << "/// evidence tag from lockspec::via, each carrying the whole conjunction of its\n"
    << "/// alternative as REQUIRES lists.\nnamespace lockspec {\n\n";
  o << "// " << std::string(91, '-') << "\n// Evidence tags: which alternative of an any-of "
    << "requirement the caller satisfies\n// " << std::string(91, '-') << "\n\n"
    << "/// Evidence tags.  Passing `via::mmap_lock{}` selects the overload whose annotations\n"
    << "/// require that alternative; clang then checks exactly it.\nnamespace via {\n";
  // Tags are collected while emitting; render the rest first.
  std::ostringstream rest;
  rest << "#ifdef LOCKSPEC_VALIDATE\nnamespace spec_tables {}\n#endif\n";
  rest << "// " << std::string(91, '-') << "\n// Facts and relation tokens\n// "
       << std::string(91, '-') << "\n\n"
       << "/// A precondition that is not a lock, as a capability the caller asserts.\n"
       << "class LOCKSPEC_CAPABILITY(\"fact\") Fact {\npublic:\n"
       << "  /// For negative requirements (`!fact`).\n"
       << "  const Fact &operator!() const { return *this; }\n};\n\n"
       << "/// A thread's hold of a lock that a `forbidden` relation names.\n"
       << "class LOCKSPEC_CAPABILITY(\"relation\") RelationToken {\npublic:\n"
       << "  /// For the negative requirement of the forbidden acquisitions.\n"
       << "  const RelationToken &operator!() const { return *this; }\n};\n\n"
       << "/// Facts of the spec: preconditions the analysis takes on the caller's word.\n"
       << "namespace fact {\n";
  for (const Fact &f : m_.facts)
    rest << "/// Fact `" << f.name << "`: " << prose(f.doc) << " " << cite(f) << ".\ninline Fact "
         << f.name << ";\n/// States that `" << f.name << "` holds"
         << (f.test.empty() ? "" : " (kernel test: `" + f.test + "`)")
         << "; the analysis assumes it to the end of the caller.\ninline void assume_" << f.name
         << "() LOCKSPEC_ASSERT_CAPABILITY(" << f.name << ") {}\n";
  rest << "} // namespace fact\n\n";
  emitTables(rest);
  rest << "// " << std::string(91, '-') << "\n// Capability types, one per lock class\n// "
       << std::string(91, '-') << "\n\n";
  for (const std::string &name : lockOrder_)
    emitLockType(rest, lock(name));
  rest << "// " << std::string(91, '-') << "\n// Objects\n// " << std::string(91, '-') << "\n\n";
  for (const std::string &name : objectOrder_)
    rest << "struct " << name << ";\n";
  rest << "\n";
  for (const Lock &l : m_.locks) {
    const LockInfo &li = lock(l.name);
    if (!li.declObject.empty())
      continue;
    std::vector<std::string> after;
    for (const auto &[from, to] : clangEdges_)
      if (to == l.name && lock(from).declObject.empty() && lock(from).id < li.id)
        after.push_back(lock(from).member);
    rest << "/// The global `" << l.name << "` lock.  " << cite(l) << ".\ninline " << li.type << " "
         << li.member;
    if (!after.empty())
      rest << " LOCKSPEC_ACQUIRED_AFTER(" << join(after, ", ") << ")";
    rest << ";\n";
  }
  rest << "\n";
  for (const std::string &name : objectOrder_)
    emitObject(rest, objects_.at(name));
  for (const Operation &op : m_.operations)
    for (const Role &r : op.roles)
      if (!r.expr.empty() && r.expr[0] == '&' && isIdent(r.expr.substr(1)) &&
          rest.str().find("inline struct " + r.object + " " + r.expr.substr(1) + ";") ==
              std::string::npos)
        rest << "/// The static `" << r.expr.substr(1) << "` the spec names (`" << r.expr
             << "`).\ninline struct " << r.object << " " << r.expr.substr(1) << ";\n\n";
  rest << "// " << std::string(91, '-') << "\n// The C API, annotated\n// " << std::string(91, '-')
       << "\n\n";
  for (const Api &api : m_.apis)
    emitApi(rest, api);
  rest << "// " << std::string(91, '-') << "\n// RAII guards\n// " << std::string(91, '-')
       << "\n\n";
  emitGuards(rest);
  rest << "// " << std::string(91, '-') << "\n// Operations\n// " << std::string(91, '-')
       << "\n\n/// Operations: call one to state that the code performs it; the annotations are\n"
       << "/// the operation's requirement.\nnamespace op {\n\n";
  for (const Operation &op : m_.operations)
    emitOperation(rest, op);
  rest << "} // namespace op\n\n";
  rest << "// Zero cost: a capability type is exactly its primitive, a guard one pointer.\n";
  for (const std::string &name : lockOrder_) {
    rest << "static_assert(sizeof(" << lock(name).type
         << ") == sizeof(rt::" << rawType(lock(name).kind) << "));\n";
  }
  for (const std::string &guard : guards_)
    rest << "static_assert(sizeof(" << guard << ") == sizeof(void *));\n";
  for (const std::string &tag : tagSet_)
    rest << "static_assert(std::is_empty_v<via::" << tag << ">);\n";
  rest << "\n} // namespace lockspec\n";
  for (const std::string &tag : tagSet_)
    o << "/// Evidence for the alternative `" << tag << "`.\nstruct " << tag << " {};\n";
  o << "} // namespace via\n\n" << rest.str();
  std::string text = o.str();
  size_t at = text.find("#include <iterator>\n");
  text.insert(at, "#include <cstdint>\n");
  at = text.find("#include <iterator>\n");
  text.insert(at + std::string("#include <iterator>\n").size(), "#include <type_traits>\n");
  return text;
}

} // namespace

std::vector<OutputFile> emitCxx(const Model &model) {
  Emitter e(model);
  return e.run();
}

namespace {

std::vector<OutputFile> Emitter::run() {
  std::vector<OutputFile> out;
  out.push_back({"include/lockspec/runtime.h", kRuntime});
  out.push_back({"include/lockspec/mm_locks.h", doxygenSafe(header())});
  for (OutputFile &f : corpus())
    out.push_back(std::move(f));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Corpus: clang -verify programs derived from the model
// ---------------------------------------------------------------------------------------------

/// What a corpus case takes before its call.
struct Taken {
  Hold hold;
  bool excl = false;
};

/// One source file of the corpus being written.
class CorpusFile {
public:
  explicit CorpusFile(const std::string &banner) : text_(banner) {}

  /// Adds a function `case_N` with the given parameters, acquisitions, call and expectations.
  void add(const std::string &id, const std::string &variant, bool positive,
           const std::vector<std::string> &params, const std::vector<std::string> &acquire,
           const std::string &call, const std::vector<std::string> &expected,
           const std::vector<std::string> &release) {
    ++cases_;
    negatives_ += positive ? 0 : 1;
    text_ += "\n// lockspec-case: " + id + " | " + variant + " | " +
             (positive ? "positive" : "negative") + "\nvoid case_" + std::to_string(cases_) + "(" +
             join(params, ", ") + ") {\n";
    for (const std::string &a : acquire)
      text_ += "  " + a + "\n";
    text_ += "  " + call;
    if (!expected.empty())
      text_ += " // " + join(expected, " ");
    text_ += "\n";
    for (auto r = release.rbegin(); r != release.rend(); ++r)
      text_ += "  " + *r + "\n";
    text_ += "}\n";
  }

  size_t cases() const { return cases_; }
  std::string take() {
    if (negatives_ == 0)
      text_ += "\n// expected-no-diagnostics\n";
    return text_;
  }

private:
  std::string text_;
  size_t cases_ = 0, negatives_ = 0;
};

std::vector<OutputFile> Emitter::corpus() const {
  std::vector<OutputFile> files;
  const std::string banner =
      "// Generated by lockspec (cxx backend) from " + join(m_.files, ", ") +
      ".  Do not edit.\n//\n// Spec-derived corpus for lockspec/mm_locks.h, checked by "
      "tests/cxx/run_corpus.py with\n//   clang++ -std=c++20 -fsyntax-only -Xclang -verify "
      "-Wthread-safety -Wthread-safety-beta -Werror\n// Each case names the requirement it "
      "proves and the variant: a positive case must compile\n// clean, a negative case must "
      "fail with exactly the diagnostics written on its call.\n#include "
      "\"lockspec/mm_locks.h\"\n\nusing namespace lockspec;\n";

  auto rankOf = [&](const Taken &t) {
    if (!t.hold.lock)
      return -2; // facts first
    if (t.hold.lock->kind == LockKind::VmaLock && !t.excl)
      return -1; // try-locks first, so a failed try returns with nothing held
    return static_cast<int>(t.hold.lock->lock->orderRank);
  };
  auto anchorOf = [&](const Hold &h) -> std::string {
    if (!h.lock || h.lock->anchor.empty() || h.lock->kind != LockKind::VmaLock)
      return "";
    auto a = resolveOwner(h.owner, h.lock->lock->owner, h.lock->anchor);
    return a ? a->instance : "";
  };
  // Statements that take and drop one hold, or nullopt when the mode cannot be taken directly.
  auto statements = [&](const Taken &t) -> std::optional<std::pair<std::string, std::string>> {
    const Hold &h = t.hold;
    if (!h.lock)
      return std::make_pair("fact::assume_" + h.inst + "();", std::string());
    const LockInfo &l = *h.lock;
    if (l.kind == LockKind::VmaLock)
      return t.excl ? std::make_pair("vma_start_write(" + h.owner + ");", std::string())
                    : std::make_pair("if (!vma_start_read_locked(" + h.owner + ")) return;",
                                     "vma_end_read(" + h.owner + ");");
    if (t.excl && l.excl < 0)
      return std::nullopt;
    if (!t.excl && l.shared < 0)
      return std::nullopt;
    return t.excl ? std::make_pair(h.inst + ".lock();", h.inst + ".unlock();")
                  : std::make_pair(h.inst + ".lock_shared();", h.inst + ".unlock_shared();");
  };
  auto expectations = [&](const std::string &fn, const std::vector<Hold> &required,
                          const std::vector<Taken> &taken) {
    std::vector<std::string> out;
    for (const Hold &r : required) {
      auto t = std::find_if(taken.begin(), taken.end(),
                            [&](const Taken &x) { return x.hold.inst == r.inst; });
      if (r.neg) {
        if (t != taken.end())
          out.push_back("expected-error-re {{cannot call function '" + fn + "' while {{.*}}'" +
                        r.inst + "' is held}}");
        continue;
      }
      if (t == taken.end() || (r.excl && !t->excl))
        out.push_back("expected-error-re {{calling function '" + fn + "' requires holding {{.*}}'" +
                      r.inst + "'" + (r.excl ? " exclusively" : "") + "}}");
    }
    return out;
  };
  // Emits one case; false when a hold of `taken` cannot be taken directly.
  auto emit = [&](CorpusFile &file, const std::string &id, const std::string &variant,
                  const std::vector<std::string> &params, std::vector<Taken> taken,
                  const std::string &fn, const std::string &call,
                  const std::vector<Hold> &required) {
    std::stable_sort(taken.begin(), taken.end(),
                     [&](const Taken &a, const Taken &b) { return rankOf(a) < rankOf(b); });
    std::vector<std::string> acquire, release;
    for (const Taken &t : taken) {
      auto st = statements(t);
      if (!st)
        return false;
      acquire.push_back(st->first);
      if (!st->second.empty())
        release.push_back(st->second);
    }
    std::vector<std::string> expected = expectations(fn, required, taken);
    bool positive = variant == "positive";
    if (positive != expected.empty())
      return false; // a variant that changes nothing clang can see is not a negative case
    file.add(id, variant, positive, params, acquire, call, expected, release);
    return true;
  };

  // Cases for one requirement alternative: positive, then each way of getting it wrong.
  auto alternativeCases =
      [&](CorpusFile &file, const std::string &id,
          const std::map<std::string, std::pair<std::string, std::string>> &roles,
          const std::vector<std::string> &params, const ReqCode &rc, const std::string &fn,
          const std::string &call) {
        if (rc.holds.empty())
          return; // "none": nothing to hold, nothing to get wrong
        std::vector<Taken> all;
        std::set<std::string> anchors;
        for (const Hold &h : rc.holds)
          if (!h.neg) {
            all.push_back({h, h.excl});
            if (!anchorOf(h).empty())
              anchors.insert(anchorOf(h));
          }
        emit(file, id, "positive", params, all, fn, call, rc.holds);
        for (size_t i = 0; i < all.size(); ++i) {
          if (anchors.count(all[i].hold.inst))
            continue;
          std::vector<Taken> missing = all;
          missing.erase(missing.begin() + static_cast<std::ptrdiff_t>(i));
          emit(file, id, "missing " + all[i].hold.inst, params, missing, fn, call, rc.holds);
          const LockInfo *l = all[i].hold.lock;
          if (l && all[i].excl && l->shared >= 0 && l->kind != LockKind::VmaLock) {
            std::vector<Taken> weak = all;
            weak[i].excl = false;
            emit(file, id, "shared " + all[i].hold.inst, params, weak, fn, call, rc.holds);
          }
          // A VMA write hold of another VMA would need that VMA's mmap lock too: the case would
          // fail at the acquisition, not at the call.  Other VMAs are covered through read holds.
          if (!l || all[i].hold.owner.empty() || !anchorOf(all[i].hold).empty())
            continue;
          for (const auto &[name, role] : roles) {
            std::string prefix = role.first + "->";
            if (role.first != name || all[i].hold.owner.rfind(role.first, 0) != 0 ||
                (all[i].hold.owner != role.first && all[i].hold.owner.rfind(prefix, 0) != 0))
              continue;
            std::vector<Taken> other = all;
            other[i].hold.owner = "other_" + all[i].hold.owner;
            other[i].hold.inst = "other_" + all[i].hold.inst;
            std::vector<std::string> p = params;
            p.push_back("struct " + role.second + " *other_" + name);
            emit(file, id, "other " + role.second + ": " + all[i].hold.inst, p, other, fn, call,
                 rc.holds);
          }
        }
        for (const Hold &h : rc.holds)
          if (h.neg) {
            std::vector<Taken> held = all;
            held.push_back({h, true});
            emit(file, id, "held " + h.inst, params, held, fn, call, rc.holds);
          }
      };

  // Operations.
  for (const Operation &op : m_.operations) {
    CorpusFile file(banner);
    std::map<std::string, std::pair<std::string, std::string>> roles;
    std::vector<std::string> params;
    std::vector<Role> all{op.subject};
    all.insert(all.end(), op.roles.begin(), op.roles.end());
    std::vector<std::string> args;
    for (const Role &r : all) {
      roles[r.name] = {r.expr.empty() ? r.name : r.expr, r.object};
      if (r.expr.empty()) {
        params.push_back("struct " + r.object + " *" + r.name);
        args.push_back(r.name);
      }
    }
    std::vector<std::string> t = tags(op.requirement, op.subject.name);
    for (size_t i = 0; i < op.requirement.alternatives.size(); ++i) {
      ReqCode rc = requirement(op.requirement.alternatives[i], roles, op.name);
      std::vector<std::string> a = args;
      if (!t.empty())
        a.push_back("via::" + t[i] + "{}");
      std::string call = "op::" + op.name + "(" + join(a, ", ") + ");";
      std::string id = "operation " + op.name + (t.empty() ? "" : " via " + t[i]);
      alternativeCases(file, id, roles, params, rc, op.name, call);
      // Lock sets the spec documents as not enough.
      for (const Rejection &rej : op.rejects) {
        if (rej.requirement.alternatives.empty())
          continue;
        ReqCode bad = requirement(rej.requirement.alternatives.front(), roles, op.name);
        std::vector<Taken> taken;
        for (const Hold &h : bad.holds)
          if (!h.neg)
            taken.push_back({h, h.excl});
        emit(file, id, "rejected " + rej.requirement.text, params, taken, op.name, call, rc.holds);
      }
    }
    files.push_back({"tests/cxx/corpus/op_" + op.name + ".cc", file.take()});
  }

  // Field rules.
  for (const std::string &name : objectOrder_) {
    const ObjInfo &oi = objects_.at(name);
    CorpusFile file(banner);
    const std::string &var = oi.obj->var;
    std::map<std::string, std::pair<std::string, std::string>> roles{{var, {var, name}},
                                                                     {"", {var, name}}};
    std::vector<std::string> params{"struct " + name + " *" + var};
    for (const Field &f : oi.obj->fields) {
      auto rules = [&](const FieldRule &rule, bool write, const std::string &suffix) {
        if (rule.kind != FieldRule::Kind::Locks)
          return;
        std::vector<std::string> t = tags(rule.requirement, var);
        std::string fn = write ? "set_" + f.name + suffix : f.name;
        for (size_t i = 0; i < rule.requirement.alternatives.size(); ++i) {
          ReqCode rc = requirement(rule.requirement.alternatives[i], roles, name + "." + f.name);
          std::string tag = t.empty() ? "" : "via::" + t[i] + "{}";
          std::string call = write ? var + "->" + fn + "(0" + (tag.empty() ? "" : ", " + tag) + ");"
                                   : "(void)" + var + "->" + fn + "(" + tag + ");";
          std::string id = std::string(write ? "write " : "read ") + name + "." + f.name +
                           (rule.transition.empty() ? "" : " (" + rule.transition + ")") +
                           (t.empty() ? "" : " via " + t[i]);
          alternativeCases(file, id, roles, params, rc, fn, call);
        }
      };
      if (f.read && !linkField(oi, f.name))
        rules(*f.read, false, "");
      for (const FieldRule &w : f.writes)
        rules(w, true, f.writes.size() > 1 ? "_" + identFrom(w.transition) : "");
    }
    if (file.cases())
      files.push_back({"tests/cxx/corpus/fields_" + name + ".cc", file.take()});
  }

  // Relations, through the C API that carries them.
  {
    CorpusFile file(banner);
    for (const Relation &rel : m_.relations) {
      const LockInfo &l = lock(rel.lock);
      if (l.declObject.empty())
        continue;
      const Object &owner = *objects_.at(l.lock->owner).obj;
      std::map<std::string, std::pair<std::string, std::string>> roles{
          {owner.var, {owner.var, owner.name}}, {"", {owner.var, owner.name}}};
      std::vector<std::string> params{"struct " + owner.name + " *" + owner.var};
      std::string id = "relation " + rel.name;
      if (rel.kind == Relation::Kind::Requires) {
        for (const Api &api : m_.apis) {
          if (api.lock != rel.lock || api.kind != ApiKind::Acquire || api.params.size() != 1 ||
              api.params[0].name != owner.var || !l.lock->satisfies(api.mode, rel.mode))
            continue;
          auto other = resolveOwner(owner.var, owner.name, rel.other);
          const Mode *om = other ? other->lock->lock->findMode(rel.otherMode) : nullptr;
          if (!other || !om)
            continue;
          ReqCode rc;
          rc.holds.push_back({other->instance, other->lock, other->owner,
                              om->sharing == Sharing::Exclusive, false, false});
          alternativeCases(file, id, roles, params, rc, api.name,
                           api.name + "(" + owner.var + ");");
        }
      } else if (rel.kind == Relation::Kind::EndsWith) {
        // A hold of lock.mode is gone once other leaves otherMode: using it after the release
        // or the downgrade of the other lock is rejected.
        Alternative alt;
        Atom atom;
        atom.lock = rel.lock;
        atom.mode = rel.mode;
        atom.role = owner.var;
        alt.atoms.push_back(atom);
        ReqCode rc = requirement(alt, roles, rel.name);
        auto other = resolveOwner(owner.var, owner.name, rel.other);
        if (!other || l.kind != LockKind::VmaLock)
          continue;
        std::string fn = "uses_" + rel.lock + "_" + rel.mode;
        std::string take = other->instance + ".lock();";
        std::string start = "vma_start_write(" + owner.var + ");";
        file.add(id, "positive", true, params, {take, start}, fn + "(" + owner.var + ");", {},
                 {other->instance + ".unlock();"});
        for (const char *end : {"unlock", "downgrade"}) {
          std::vector<std::string> expected{"expected-error-re {{calling function '" + fn +
                                            "' requires holding {{.*}}'" + other->instance +
                                            "' exclusively}}"};
          file.add(id, std::string("after ") + end, false, params,
                   {take, start, other->instance + "." + end + "();"}, fn + "(" + owner.var + ");",
                   expected,
                   end == std::string("unlock")
                       ? std::vector<std::string>{}
                       : std::vector<std::string>{other->instance + ".unlock_shared();"});
        }
        // The helper the cases call: a function requiring the hold, as an operation would.
        std::string helper = "\nvoid " + fn + "(struct " + owner.name + " *" + owner.var + ")" +
                             [&] {
                               std::string a = attrs(rc);
                               size_t at;
                               while ((at = a.find("this")) != std::string::npos)
                                 a.replace(at, 4, owner.var);
                               return a;
                             }() +
                             ";\n";
        files.push_back({"", helper}); // spliced below
      } else {
        // Forbidden: every plain acquire of `lock` under a hold of other.otherMode.
        const LockInfo &o = lock(rel.other);
        if (o.kind != LockKind::VmaLock || o.declObject.empty())
          continue;
        const Object &vobj = *objects_.at(o.lock->owner).obj;
        auto mine = m_.linkPath(vobj.name, owner.name);
        if (!mine)
          continue;
        std::string ownerExpr = follow(vobj.var, vobj.name, *mine, nullptr);
        std::vector<std::string> vparams{"struct " + vobj.name + " *" + vobj.var};
        for (const Api &api : m_.apis) {
          if (api.lock != rel.lock || api.kind != ApiKind::Acquire || api.params.size() != 1 ||
              api.params[0].name != owner.var)
            continue;
          const Api *release = nullptr;
          for (const Api &r : m_.apis)
            if (r.kind == ApiKind::Release && r.lock == api.lock && r.mode == api.mode &&
                r.params.size() == 1 && !release)
              release = &r;
          if (!release)
            continue;
          std::string read = "if (!vma_start_read_locked(" + vobj.var + ")) return;";
          file.add(id, "positive (" + api.name + " before the VMA read lock)", true, vparams,
                   {api.name + "(" + ownerExpr + ");"},
                   "if (vma_start_read_locked(" + vobj.var + ")) vma_end_read(" + vobj.var + ");",
                   {}, {release->name + "(" + ownerExpr + ");"});
          file.add(id, "negative (" + api.name + " under the VMA read lock)", false, vparams,
                   {read}, api.name + "(" + ownerExpr + ");",
                   {"expected-error-re {{cannot call function '" + api.name + "' while {{.*}}'" +
                    ownerExpr + "->" + rel.name + "' is held}}"},
                   {"vma_end_read(" + vobj.var + ");", release->name + "(" + ownerExpr + ");"});
        }
      }
    }
    std::string text = file.take();
    // Helpers must precede the cases that call them.
    std::string helpers;
    for (auto f = files.begin(); f != files.end();)
      if (f->name.empty()) {
        helpers += f->contents;
        f = files.erase(f);
      } else {
        ++f;
      }
    size_t at = text.find("using namespace lockspec;\n");
    text.insert(at + std::string("using namespace lockspec;\n").size(), helpers);
    files.push_back({"tests/cxx/corpus/relations.cc", text});
  }

  // Lock order, where clang checks it.
  {
    CorpusFile file(banner);
    for (const auto &[from, to] : clangEdges_) {
      const LockInfo &f = lock(from), &t = lock(to);
      std::vector<std::string> params;
      auto instFor = [&](const LockInfo &l, const std::string &var) {
        if (l.declObject.empty())
          return l.member;
        std::string p = "struct " + l.lock->owner + " *" + var;
        if (std::find(params.begin(), params.end(), p) == params.end())
          params.push_back(p);
        return instanceOf(var, l);
      };
      std::string fi = instFor(f, f.lock->owner == t.lock->owner ? "a" : "a");
      std::string ti = instFor(t, f.lock->owner == t.lock->owner ? "a" : "b");
      auto lockOf = [](const LockInfo &l, const std::string &i) {
        return l.excl >= 0 ? std::make_pair(i + ".lock();", i + ".unlock();")
                           : std::make_pair(i + ".lock_shared();", i + ".unlock_shared();");
      };
      std::string id = "order " + from + " before " + to;
      file.add(id, "positive", true, params, {lockOf(f, fi).first}, lockOf(t, ti).first, {},
               {lockOf(f, fi).second, lockOf(t, ti).second});
      file.add(
          id, "inversion", false, params, {lockOf(t, ti).first}, lockOf(f, fi).first,
          {"expected-error 1+ {{'" + f.member + "' must be acquired before '" + t.member + "'}}"},
          {lockOf(t, ti).second, lockOf(f, fi).second});
    }
    files.push_back({"tests/cxx/corpus/order.cc", file.take()});
  }

  // What clang cannot check, and the validator test that covers it instead.
  std::string unchecked =
      "# Generated by lockspec (cxx backend).  Do not edit.\n# Rules of the spec that clang's "
      "analysis cannot check, one per line:\n#   rule | why | runtime validator test "
      "(tests/cxx/validator_test.cc), or 'none' when the validator cannot check it either\n";
  for (const OrderEdge &e : runtimeEdges_)
    unchecked += "order " + e.order + ": " + e.from.lock +
                 (e.from.mode.empty() ? "" : "." + e.from.mode) + " before " + e.to.lock +
                 (e.to.mode.empty() ? "" : "." + e.to.mode) +
                 " | clang orders lock declarations, not modes | CxxValidator.ModeSpecificOrder\n";
  for (const Operation &op : m_.operations) {
    std::set<std::string> conds;
    for (const Alternative &alt : op.requirement.alternatives)
      for (const Atom &a : alt.atoms)
        if (!a.condition.empty())
          conds.insert((a.kind == Atom::Kind::Fact ? a.fact : a.lock + "." + a.mode) +
                       " if " + a.condition);
    for (const std::string &c : conds)
      unchecked += "operation " + op.name + ": " + c +
                   " | a condition is run-time state | CxxValidator.ConditionalRequirement\n";
  }
  for (const Relation &rel : m_.relations) {
    if (rel.kind == Relation::Kind::Requires) {
      bool attached = false;
      for (const Api &api : m_.apis)
        if (api.lock == rel.lock && api.kind == ApiKind::Acquire && api.params.size() == 1 &&
            !lock(rel.lock).declObject.empty() &&
            api.params[0].name == objects_.at(lock(rel.lock).lock->owner).obj->var)
          attached = true;
      if (!attached)
        unchecked += "relation " + rel.name +
                     " | its acquire function takes the lock itself, not its owner, so the "
                     "required lock cannot be named | CxxValidator.RequiresRelation\n";
    }
    if (rel.kind == Relation::Kind::EndsWith)
      unchecked += "relation " + rel.name +
                   " (holds ended by an 'all' release or taken by a try function) | clang cannot "
                   "name every instance an 'all' release ends | CxxValidator.EndsWithRelation\n";
    if (rel.kind == Relation::Kind::Forbidden)
      unchecked += "relation " + rel.name +
                   " (across different objects) | the static token is per owner object | "
                   "CxxValidator.ForbiddenRelation\n";
  }
  // A link field (`vma->vm_mm`) is also the pointer capability expressions name, so it stays a
  // public member: nothing sees a raw read or assignment.  Its lock-based write rules are still
  // carried by the set_ accessors (checked by clang in the corpus, and at run time by
  // CxxValidator.LinkFieldAccessors), but a read rule has no accessor at all.  Both gaps are
  // listed as checked by neither ("none"), not filed under a test that does not cover them.
  std::string neither;
  for (const std::string &name : objectOrder_) {
    const ObjInfo &oi = objects_.at(name);
    for (const Field &f : oi.obj->fields) {
      const Link *link = linkField(oi, f.name);
      if (!link)
        continue;
      // A rule with an empty alternative ("none") asks for nothing, so there is nothing to miss.
      auto demands = [](const FieldRule &r) {
        return r.kind == FieldRule::Kind::Locks &&
               std::none_of(r.requirement.alternatives.begin(), r.requirement.alternatives.end(),
                            [](const Alternative &a) { return a.atoms.empty(); });
      };
      std::string field = "field " + name + "." + f.name;
      std::string why = "it is the link pointer that capability expressions name (`" + link->expr +
                        "`), so it stays a public member";
      if (f.read && demands(*f.read))
        neither += field + " read `" + f.read->requirement.text + "` | " + why +
                   " and has no read accessor: no read is checked | none\n";
      for (const FieldRule &w : f.writes)
        if (demands(w))
          neither += field + " write `" + w.requirement.text + "`" +
                     (w.transition.empty() ? "" : " (" + w.transition + ")") +
                     " by raw assignment | " + why + "; only set_" + f.name +
                     (f.writes.size() > 1 ? "_" + identFrom(w.transition) : "") +
                     "() is checked | none\n";
    }
  }
  for (const Api &api : m_.apis) {
    const LockInfo &li = lock(api.lock);
    const Mode *mode = li.lock->findMode(api.mode);
    if (api.kind == ApiKind::Try && !li.anchor.empty() && mode && mode->sharing != Sharing::Shared)
      neither += "try " + api.name +
                 " failing | clang has no assertion conditional on a "
                 "result, so it treats " +
                 api.lock + "." + api.mode +
                 " as held after the call "
                 "whatever it returns (the result is [[nodiscard]]); the stand-in never fails, "
                 "so the validator never sees the failure path | none\n";
  }
  unchecked += "# Checked by neither clang nor the validator (test 'none'):\n" + neither;
  // Honest about the rest: rules neither clang nor the validator can test.
  unchecked += "# Not checked by either (taken on the caller's word):\n#   facts, asserted with "
               "fact::assume_<name>():";
  for (const Fact &f : m_.facts)
    unchecked += " " + f.name;
  unchecked += "\n#   field rules 'once' and 'owner': documented on the accessors only\n";
  files.push_back({"tests/cxx/corpus/unchecked.txt", unchecked});
  return files;
}

} // namespace
} // namespace lockspec
