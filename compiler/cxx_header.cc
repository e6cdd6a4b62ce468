// The header mm_locks.h: capability types, objects, guards, operations and the validator's tables.
#include <algorithm>
#include <tuple>

#include "cxx_emitter.h"

namespace lockspec::cxx {

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
      << "    LOCKSPEC_RT(if (ok) " << acq << li.shared
      << ", nullptr, true));\n    return ok;\n  }\n"
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
        << "    LOCKSPEC_RT(if (ok) " << acq << li.excl
        << ", nullptr, true));\n    return ok;\n  }\n"
        << "  /// Releases an exclusive hold.\n  void unlock() LOCKSPEC_RELEASE() {\n"
        << hook(rel + "false)") << "    raw_.unlock();\n  }\n";
      if (li.kind == LockKind::Rwsem)
        // It waits like lock(), so the validator checks it before waiting, and forgets the
        // hold again when a fatal signal ends the wait.
        o << "  /// Takes the lock exclusively unless a fatal signal ends the wait; true means held.\n"
          << "  bool lock_killable() LOCKSPEC_TRY_ACQUIRE(true) {\n"
          << hook(acq + std::to_string(li.excl) + ", nullptr)")
          << "    bool ok = raw_.lock_killable();\n"
          << "    LOCKSPEC_RT(if (!ok) " << rel << "false));\n    return ok;\n  }\n";
    }
    if (li.shared >= 0) {
      o << "  /// Takes the lock shared (mode `" << l.modes[li.shared].name << "`).\n"
        << "  void lock_shared() LOCKSPEC_ACQUIRE_SHARED() {\n"
        << hook(acq + std::to_string(li.shared) + ", nullptr)") << "    raw_.lock_shared();\n  }\n"
        << "  /// Tries to take the lock shared; true means held.\n"
        << "  bool try_lock_shared() LOCKSPEC_TRY_ACQUIRE_SHARED(true) {\n"
        << "    bool ok = raw_.try_lock_shared();\n"
        << "    LOCKSPEC_RT(if (ok) " << acq << li.shared
        << ", nullptr, true));\n    return ok;\n  }\n"
        << "  /// Releases a shared hold.\n  void unlock_shared() LOCKSPEC_RELEASE_SHARED() {\n"
        << hook(rel + "true)") << "    raw_.unlock_shared();\n  }\n";
      if (li.kind == LockKind::Seqcount)
        // The kernel's read side hands the sampled count back to the caller and compares it at
        // the end (raw_seqcount_try_begin, read_seqcount_retry): the caller decides what a
        // writer in between means.
        o << "  /// Samples the count into `start`; a read hold unless a writer section is open.\n"
          << "  bool try_begin(unsigned long &start) LOCKSPEC_TRY_ACQUIRE_SHARED(true) {\n"
          << "    start = raw_.value();\n    bool ok = !(start & 1u);\n"
          << "    LOCKSPEC_RT(if (ok) " << acq << li.shared << ", nullptr, true));\n"
          << "    return ok;\n  }\n"
          << "  /// Ends a read hold; true when a writer section opened since `start` was sampled.\n"
          << "  bool retry(unsigned long start) LOCKSPEC_RELEASE_SHARED() {\n"
          << hook(rel + "true)") << "    return raw_.retry(start);\n  }\n";
      if (li.kind == LockKind::Rwsem)
        o << "  /// Takes the lock shared unless a fatal signal ends the wait; true means held.\n"
          << "  bool lock_shared_killable() LOCKSPEC_TRY_ACQUIRE_SHARED(true) {\n"
          << hook(acq + std::to_string(li.shared) + ", nullptr)")
          << "    bool ok = raw_.lock_shared_killable();\n"
          << "    LOCKSPEC_RT(if (!ok) " << rel << "true));\n    return ok;\n  }\n";
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
  const Field *viewed = viewOf(oi, f);
  std::string store = isLink ? f.name : (viewed ? viewed->name : f.name) + "_";
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
  // A view of another field's storage (`vm_flags` of `__vm_flags`) is written only through
  // that field, whose setters carry the rule: a setter here would be a write path with no check.
  if (viewed)
    return;
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
      return objects_.at(x.declObject).order;
    };
    auto qualified = [&](const LockInfo &x) {
      return x.declObject.empty() ? "::lockspec::" + x.member : x.declObject + "::" + x.member;
    };
    int mine = declKey(li);
    std::vector<std::string> after, before;
    for (const auto &[from, to] : directAt(ln)) {
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
  for (const Relation *rel : oi.tokens)
    o << "  /// Held (shared) while this thread holds `" << rel->other
      << (rel->otherMode.empty() ? "" : "." + rel->otherMode) << "` of this " << obj.name
      << ", under which relation `" << rel->name
      << "` forbids waiting for this object's lock; the blocking acquire functions require its "
         "absence.\n"
      << "  " << tokenType(*rel) << " " << tokenMember(*rel) << ";\n";
  // The entries of this object that a waiting try rechecks (see Recheck): the stand-ins do not
  // model them, their user does.
  std::map<std::string, std::vector<std::string>> rechecks; // signature -> functions asking
  for (const Api &api : m_.apis)
    if (auto rc = recheckOf(api); rc && rc->object == obj.name) {
      std::vector<std::string> params;
      for (const std::string &k : rc->keys)
        params.push_back("unsigned long " + k);
      params.push_back("const struct " + rc->owner + " *" + objects_.at(rc->owner).obj->var);
      std::vector<std::string> &by = rechecks[join(params, ", ")];
      if (std::find(by.begin(), by.end(), "`" + api.name + "`") == by.end())
        by.push_back("`" + api.name + "`");
    }
  for (const auto &[sig, by] : rechecks)
    o << "  /// Whether this " << obj.name << "'s entry selected by the key still links the given "
      << "object now.  " << join(by, ", ")
      << " ask it after taking the lock, as the kernel rechecks the entry it read before it "
         "held the lock; the stand-ins' user, which holds the entries, answers.\n"
      << "  virtual bool maps(" << sig << ") const = 0;\n";
  if (!rechecks.empty())
    o << "  /// Destroyed through a pointer to the stand-in, too.\n  virtual ~" << obj.name
      << "() = default;\n";
  for (const Field &f : obj.fields)
    emitField(o, oi, f);
  bool storage = std::any_of(obj.fields.begin(), obj.fields.end(),
                             [&](const Field &f) { return !linkField(oi, f.name); });
  if (storage) {
    o << "\nprivate:\n";
    for (const Field &f : obj.fields)
      if (!linkField(oi, f.name) && !viewOf(oi, f))
        o << "  unsigned long " << f.name << "_ = 0;\n";
  }
  o << "};\n\n";
}

void Emitter::emitGuards(std::ostringstream &o) const {
  // One RAII guard per plain acquire function whose instance is its owner object, released by
  // the (first) release function of the same mode.
  std::map<std::tuple<std::string, std::string, std::string>, const Api *> releases;
  for (const Api &r : m_.apis)
    if (r.kind == ApiKind::Release && r.params.size() == 1 && !r.conditionalRelease())
      releases.insert({{r.lock, r.mode, r.params[0].name}, &r});
  for (const Api &api : m_.apis) {
    const LockInfo &li = lock(api.lock);
    if (api.kind != ApiKind::Acquire || api.params.size() != 1 || !api.params[0].instance ||
        li.declObject.empty() || objects_.at(li.lock->owner).obj->var != api.params[0].name ||
        !li.anchor.empty())
      continue;
    auto found = releases.find({api.lock, api.mode, api.params[0].name});
    if (found == releases.end())
      continue;
    const Api *release = found->second;
    std::string var = api.params[0].name;
    std::string type = pascalCase(api.name) + "Guard";
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

void Emitter::emitAliases(std::ostringstream &o) const {
  o << "// " << std::string(91, '-') << "\n// Aliases: one lock reached two ways\n// "
    << std::string(91, '-') << "\n\n"
    << "/// Bridges for locks reached through a link.  Clang compares capability expressions,\n"
    << "/// not the objects they name, so after `mmap_read_lock(mm)` it does not know that\n"
    << "/// `vma->vm_mm->mmap_lock` is held even when `vma->vm_mm == mm`.  A call here, made\n"
    << "/// while the first lock is held in the named mode, checks at run time (in every build)\n"
    << "/// that the linked object's lock is that very lock, and tells the analysis it is held in\n"
    << "/// the same mode until the end of the calling function.  The analysis does not see the\n"
    << "/// bridged hold end when the first lock is released; the validator, which checks every\n"
    << "/// requirement against the real instance, does.\nnamespace alias {\n\n";
  for (const Alias &a : aliases()) {
    bool sh = a.lock->lock->modes[a.mode].sharing == Sharing::Shared;
    const Object &owner = *objects_.at(a.lock->lock->owner).obj;
    const Object &from = *objects_.at(a.from).obj;
    o << "/// `" << a.linked << "` is `" << owner.var << "`, whose `" << a.lock->lock->name
      << "` the caller holds in mode `" << a.lock->lock->modes[a.mode].name << "`: checked, and `"
      << a.alias << "` is held the same way from here on.\ninline void " << a.fn << "(struct "
      << owner.name << " *" << owner.var << ", struct " << from.name << " *" << from.var << ") "
      << (sh ? "LOCKSPEC_REQUIRES_SHARED(" : "LOCKSPEC_REQUIRES(") << a.held << ") "
      << (sh ? "LOCKSPEC_ASSERT_SHARED_CAPABILITY(" : "LOCKSPEC_ASSERT_CAPABILITY(") << a.alias
      << ") {\n  ::lockspec::rt::expectSame(&" << a.held << ", &" << a.alias
      << ", \"alias::" << a.fn << ": " << a.linked << " is not " << owner.var << "\");\n"
      << "  LOCKSPEC_RT(::lockspec::rt::expectHeld(kSpec, &" << a.held << ", " << a.lock->id << ", "
      << (1u << a.mode) << "u, \"alias::" << a.fn << "\"));\n}\n\n";
  }
  o << "} // namespace alias\n\n";
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
  // A lock set the spec documents as not enough, passed as evidence, is refused with the
  // spec's reason rather than clang's "no matching function".
  for (const Rejection &r : op.rejects)
    for (const std::string &tag : rejectedTags(op, r)) {
      std::vector<std::string> p = params;
      p.push_back("via::" + tag);
      std::string message = "op::" + op.name + " with via::" + tag + " is not enough: " + r.reason;
      std::string literal;
      for (char c : message) {
        if (c == '"' || c == '\\')
          literal += '\\';
        literal += c;
      }
      o << "/// Operation `" << op.name << "` refuses `via::" << tag << "`: the spec rejects `"
        << r.requirement.text << "` because " << prose(r.reason) << ".\n/// " << cite(op)
        << ".\ninline void " << op.name << "(" << join(p, ", ") << ") LOCKSPEC_REJECTED(\""
        << literal << "\");\n\n";
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
       << "  const Fact &operator!() const { return *this; }\n};\n\n";
  std::set<std::string> tokenTypes;
  for (const Relation &r : m_.relations)
    if (r.kind == Relation::Kind::Forbidden && tokenTypes.insert(tokenType(r)).second)
      rest << "/// A thread's hold of a `" << r.other
           << "` lock, as far as a `forbidden` relation needs it.\nclass LOCKSPEC_CAPABILITY(\""
           << r.other << "\") " << tokenType(r) << " {\npublic:\n"
           << "  /// For the negative requirement of the forbidden acquisitions.\n  const "
           << tokenType(r) << " &operator!() const { return *this; }\n};\n\n";
  // A struct, not a namespace: clang treats a global capability as in scope everywhere, so a
  // negative requirement on one (`!foll_longterm`) would have to be restated by every caller;
  // static members are out of scope, and `fact::name` reads the same.
  rest << "/// Facts of the spec: preconditions the analysis takes on the caller's word.\n"
       << "struct fact {\n";
  for (const Fact &f : m_.facts)
    rest << "  /// Fact `" << f.name << "`: " << prose(f.doc) << " " << cite(f)
         << ".\n  static inline Fact " << f.name << ";\n  /// States that `" << f.name << "` holds"
         << (f.test.empty() ? "" : " (kernel test: `" + f.test + "`)")
         << "; the analysis assumes it to the end of the caller.\n  static void assume_" << f.name
         << "() LOCKSPEC_ASSERT_SHARED_CAPABILITY(" << f.name << ") {}\n";
  rest << "};\n\n";
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
    for (const auto &[from, to] : directAt(l.name))
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
  std::vector<const LockInfo *> spinlocks;
  for (const std::string &name : lockOrder_)
    if (lock(name).kind == LockKind::Spinlock && !lock(name).declObject.empty())
      spinlocks.push_back(&lock(name));
  for (const Api &api : m_.apis) {
    // A release that depends on the result or on flags (handle_mm_fault) has no capability
    // annotation: clang's analysis has no conditional release.
    if (api.conditionalRelease())
      continue;
    emitApi(rest, api, lock(api.lock));
    // The generic spin_* functions take any spinlock the caller names (`spin_unlock(ptl)` after
    // `pmd_lock`), so each spinlock class gets them, not only the class the spec lists them on.
    const LockInfo &li = lock(api.lock);
    bool generic = li.kind == LockKind::Spinlock && !li.declObject.empty() &&
                   std::any_of(api.params.begin(), api.params.end(), [&](const ApiParam &p) {
                     return p.instance && !p.out && p.name != objects_.at(li.lock->owner).obj->var;
                   });
    if (!generic)
      continue;
    for (const LockInfo *other : spinlocks)
      if (other != &li && other->lock->findMode(api.mode))
        emitApi(rest, api, *other);
  }
  emitAliases(rest);
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

} // namespace lockspec::cxx
