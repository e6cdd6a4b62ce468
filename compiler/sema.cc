#include "sema_impl.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "requirement.h"

namespace lockspec {
namespace detail {

// The tree's API kinds convert to the model's by value.
static_assert(static_cast<ApiKind>(ast::Api::Kind::Acquire) == ApiKind::Acquire &&
              static_cast<ApiKind>(ast::Api::Kind::Try) == ApiKind::Try &&
              static_cast<ApiKind>(ast::Api::Kind::Release) == ApiKind::Release &&
              static_cast<ApiKind>(ast::Api::Kind::Downgrade) == ApiKind::Downgrade &&
              static_cast<ApiKind>(ast::Api::Kind::Assert) == ApiKind::Assert);

void Sema::declare(const ast::Name &name, std::string_view kind, size_t index) {
  auto [first, inserted] = tables_.names.emplace(name.text, Entity{kind, name.span, index});
  if (!inserted) {
    Diagnostic &diag = diags_.error(name.span, "duplicate name '" + name.text + "'");
    Diagnostics::note(diag, first->span,
                      "'" + name.text + "' first declared here as " + withArticle(first->kind));
  }
}

void Sema::declareFunctions() {
  // C functions live in their own namespace: the kernel names a lock and the function that
  // takes it alike (pmd_lock).
  for (ast::Lock &lock : spec_.locks)
    for (ast::Api &api : lock.apis) {
      auto [first, inserted] = functions_.emplace(api.name.text, api.name.span);
      if (!inserted) {
        Diagnostic &diag =
            diags_.error(api.name.span, "duplicate function '" + api.name.text + "'");
        Diagnostics::note(diag, *first, "'" + api.name.text + "' first declared here");
      }
    }
}

void Sema::prose(Documented &out, const ast::Name &name, ast::Prose &p, const std::string &what,
                 bool needSource) {
  if (!p.doc.present || p.doc.value.empty())
    diags_.error(name.span, what + " '" + name.text + "' has no doc");
  out.name = name.text;
  out.doc = std::move(p.doc.value);
  out.source = symbols_.intern(p.source.value); // Many entities cite one file.
  out.pos = pos(name.span);
  if (needSource && !p.source.present)
    diags_.error(name.span, what + " '" + name.text + "' has no source reference");
}

Context Sema::objectContext(const Object &object) {
  Symbol var = symbols_.intern(object.var);
  Context ctx{var, {}};
  ctx.roles.emplace(object.var, RoleSymbols{var, symbols_.intern(object.name)});
  return ctx;
}

std::optional<Model> Sema::run() {
  // Sized once from the tree: at 100k rules, rehashing tables_.names and regrowing the model's
  // vectors (copying every entity each time) cost a tenth of sema (issue 3).
  tables_.names.reserve(spec_.objects.size() + spec_.locks.size() + spec_.groups.size() +
                        spec_.facts.size() + spec_.lets.size() + spec_.relations.size() +
                        spec_.orders.size() + spec_.operations.size() + spec_.tables.size() +
                        spec_.matrices.size() + spec_.topics.size());
  size_t apis = 0;
  for (ast::Lock &lock : spec_.locks)
    apis += lock.apis.size();
  functions_.reserve(apis);
  model_.objects.reserve(spec_.objects.size());
  model_.locks.reserve(spec_.locks.size());
  model_.apis.reserve(apis);
  model_.groups.reserve(spec_.groups.size());
  model_.facts.reserve(spec_.facts.size());
  model_.lets.reserve(spec_.lets.size());
  model_.relations.reserve(spec_.relations.size());
  model_.orders.reserve(spec_.orders.size());
  std::optional<TimeReport::Scope> pass;
  pass.emplace(options_.timeReport, "sema/declare");
  for (size_t i = 0; i < spec_.objects.size(); ++i)
    declare(spec_.objects[i].name, "object", i);
  for (size_t i = 0; i < spec_.locks.size(); ++i)
    declare(spec_.locks[i].name, "lock", i);
  for (size_t i = 0; i < spec_.groups.size(); ++i)
    declare(spec_.groups[i].name, "group", i);
  for (size_t i = 0; i < spec_.facts.size(); ++i)
    declare(spec_.facts[i].name, "fact", i);
  for (size_t i = 0; i < spec_.lets.size(); ++i)
    declare(spec_.lets[i].name, "let", i);
  for (size_t i = 0; i < spec_.relations.size(); ++i)
    declare(spec_.relations[i].name, "relation", i);
  for (size_t i = 0; i < spec_.orders.size(); ++i)
    declare(spec_.orders[i].name, "order", i);
  for (size_t i = 0; i < spec_.operations.size(); ++i)
    declare(spec_.operations[i].name, "operation", i);
  for (size_t i = 0; i < spec_.tables.size(); ++i)
    declare(spec_.tables[i].name, "table", i);
  for (size_t i = 0; i < spec_.matrices.size(); ++i)
    declare(spec_.matrices[i].name, "matrix", i);
  for (size_t i = 0; i < spec_.topics.size(); ++i)
    declare(spec_.topics[i].name, "topic", i);

  for (size_t f = 0; f < sources_.size(); ++f) {
    model_.files.push_back(sources_.name(f));
    tables_.fileNames.push_back(symbols_.intern(sources_.name(f)));
  }
  pass.emplace(options_.timeReport, "sema/objects");
  objects();
  model_.reindex();
  declareFunctions();
  pass.emplace(options_.timeReport, "sema/locks");
  locks();
  model_.reindex();
  pass.emplace(options_.timeReport, "sema/groupsFactsLets");
  groupsFactsLets();
  pass.emplace(options_.timeReport, "sema/relations");
  relations();
  model_.reindex();
  pass.emplace(options_.timeReport, "sema/fields");
  fields();
  pass.emplace(options_.timeReport, "sema/orders");
  orders();
  pass.emplace(options_.timeReport, "sema/operations");
  operations();
  pass.emplace(options_.timeReport, "sema/tables");
  tables();
  pass.emplace(options_.timeReport, "sema/matrices");
  matrices();
  pass.emplace(options_.timeReport, "sema/topics");
  topics();
  pass.reset();
  if (diags_.hadErrors())
    return std::nullopt;
  model_.reindex();
  return std::move(model_);
}

// ---------------------------------------------------------------------------------------------
// Objects

void Sema::objects() {
  for (ast::Object &in : spec_.objects) {
    Object out;
    prose(out, in.name, in.prose, "object", false);
    out.var = in.var.text.empty() ? in.name.text : in.var.text;
    std::set<std::string_view> seen; // Views of tree names: no copy per link.
    for (const ast::Link &link : in.links) {
      if (!seen.insert(link.name.text).second)
        diags_.error(link.name.span,
                     "duplicate link '" + link.name.text + "' in object '" + in.name.text + "'");
      const Entity *target = lookup(link.target.text);
      if (!target || target->kind != "object")
        diags_.error(link.target.span, "link target '" + link.target.text + "' is not an object");
      out.links.push_back({link.name.text, link.target.text, link.expr.value});
    }
    model_.objects.push_back(std::move(out));
  }
}

// ---------------------------------------------------------------------------------------------
// Locks and their API

static std::optional<LockKind> parseKind(std::string_view text) {
  static const std::map<std::string_view, LockKind> kinds = {
      {"rwsem", LockKind::Rwsem},      {"spinlock", LockKind::Spinlock},
      {"mutex", LockKind::Mutex},      {"vma_lock", LockKind::VmaLock},
      {"rcu", LockKind::Rcu},          {"seqcount", LockKind::Seqcount},
      {"ordering", LockKind::Ordering}};
  auto it = kinds.find(text);
  if (it == kinds.end())
    return std::nullopt;
  return it->second;
}

void Sema::locks() {
  size_t n = spec_.locks.size();
  model_.locks.resize(n);
  tables_.weakestModes.resize(n);
  tables_.lockNames.resize(n);
  tables_.modeNames.resize(n);
  for (size_t i = 0; i < n; ++i)
    lock(i);
  // Fallbacks may name functions of other locks, so check them once all are known.
  for (ast::Lock &in : spec_.locks)
    for (const ast::Api &a : in.apis)
      if (const ast::Name &fallback = a.fallback();
          !fallback.text.empty() && !functions_.find(fallback.text))
        diags_.error(fallback.span, "fallback '" + fallback.text + "' is not a declared function");
}

void Sema::lock(size_t index) {
  ast::Lock &in = spec_.locks[index];
  Lock out;
  prose(out, in.name, in.prose, "lock", true);
  auto kind = parseKind(in.kind.text);
  if (!kind)
    diags_.error(in.kind.span, "unknown lock kind '" + in.kind.text +
                                   "'; expected rwsem, spinlock, mutex, vma_lock, rcu, "
                                   "seqcount or ordering");
  out.kind = kind.value_or(LockKind::Ordering);
  out.owner = in.owner.text;
  out.path = in.path.value;
  if (!in.owner.text.empty()) {
    const Entity *owner = lookup(in.owner.text);
    if (!owner || owner->kind != "object") {
      diags_.error(in.owner.span, "lock owner '" + in.owner.text + "' is not an object");
    } else if (in.path.present) {
      const std::string &var = model_.findObject(in.owner.text)->var;
      if (substituteVar(in.path.value, var, "@") == in.path.value)
        diags_.error(in.path.span, "lock path '" + in.path.value +
                                       "' does not mention the owner's var '" + var + "'");
    }
  }
  if (out.kind == LockKind::Rcu && !in.owner.text.empty())
    diags_.error(in.owner.span, "rcu lock '" + in.name.text + "' is global and has no owner");

  // Modes.  A lock has a handful, so plain vectors searched in order: a std::map and
  // std::set per lock were a tenth of this pass at 100k rules.
  std::vector<const ast::Mode *> modes;
  auto declared = [&](const std::string &name) -> const ast::Mode * {
    for (const ast::Mode *m : modes)
      if (m->name.text == name)
        return m;
    return nullptr;
  };
  std::vector<std::string> abbrevs;
  for (const ast::Mode &m : in.modes) {
    if (declared(m.name.text)) {
      diags_.error(m.name.span,
                   "duplicate mode '" + m.name.text + "' in lock '" + in.name.text + "'");
      continue;
    }
    modes.push_back(&m);
    Mode mode;
    mode.name = m.name.text;
    mode.abbrev =
        m.abbrev.present
            ? m.abbrev.value
            : std::string(
                  1, static_cast<char>(std::toupper(static_cast<unsigned char>(m.name.text[0]))));
    bool reused = std::find(abbrevs.begin(), abbrevs.end(), mode.abbrev) != abbrevs.end();
    abbrevs.push_back(mode.abbrev);
    if (reused)
      diags_.error(m.abbrev.present ? m.abbrev.span : m.name.span,
                   "mode abbreviation '" + mode.abbrev + "' is used twice in lock '" +
                       in.name.text + "'");
    if (m.sharing.text == "shared")
      mode.sharing = Sharing::Shared;
    else if (m.sharing.text == "exclusive")
      mode.sharing = Sharing::Exclusive;
    else
      diags_.error(m.sharing.span,
                   "expected 'shared' or 'exclusive', found '" + m.sharing.text + "'");
    for (const ast::Name &implied : m.implies)
      mode.implies.push_back(implied.text);
    mode.from = m.from.text;
    out.modes.push_back(std::move(mode));
  }
  for (const ast::Mode &m : in.modes) {
    for (const ast::Name &implied : m.implies) {
      if (implied.text == m.name.text)
        diags_.error(implied.span, "mode '" + m.name.text + "' implies itself");
      else if (!declared(implied.text))
        diags_.error(implied.span,
                     "lock '" + in.name.text + "' has no mode '" + implied.text + "'");
    }
    if (!m.from.text.empty() && !declared(m.from.text))
      diags_.error(m.from.span, "lock '" + in.name.text + "' has no mode '" + m.from.text + "'");
  }
  // Closure of implies; a cycle means two modes claim to be stronger than each other.
  for (Mode &mode : out.modes) {
    std::vector<std::string> stack{mode.name};
    while (!stack.empty()) {
      std::string current = std::move(stack.back());
      stack.pop_back();
      if (std::find(mode.satisfies.begin(), mode.satisfies.end(), current) != mode.satisfies.end())
        continue; // satisfies doubles as the visited set.
      mode.satisfies.push_back(current);
      if (const Mode *m = out.findMode(current))
        for (const std::string &next : m->implies)
          stack.push_back(next);
    }
  }
  for (const Mode &mode : out.modes)
    for (const std::string &implied : mode.implies)
      if (const Mode *other = out.findMode(implied);
          other && other->name != mode.name && out.satisfies(implied, mode.name))
        diags_.error(declared(mode.name)->name.span,
                     "modes '" + mode.name + "' and '" + implied + "' imply each other");
  // Kinds constrain modes.
  auto count = [&](Sharing s) {
    return std::count_if(out.modes.begin(), out.modes.end(),
                         [&](const Mode &m) { return m.sharing == s; });
  };
  Span where = in.modes.empty() ? in.name.span : in.modes.front().name.span;
  if (in.modes.empty()) {
    diags_.error(in.name.span, "lock '" + in.name.text + "' declares no mode");
  } else if (kind == LockKind::Spinlock || kind == LockKind::Mutex) {
    for (const ast::Mode &m : in.modes)
      if (m.sharing.text == "shared")
        diags_.error(m.name.span, std::string(toString(*kind)) + " lock '" + in.name.text +
                                      "' cannot have shared mode '" + m.name.text + "'");
    if (in.modes.size() > 1)
      diags_.error(in.modes[1].name.span, std::string(toString(*kind)) + " lock '" + in.name.text +
                                              "' has exactly one mode");
  } else if (kind == LockKind::Rcu) {
    for (const ast::Mode &m : in.modes)
      if (m.sharing.text == "exclusive")
        diags_.error(m.name.span, "rcu lock '" + in.name.text + "' cannot have exclusive mode '" +
                                      m.name.text + "'");
    if (in.modes.size() > 1)
      diags_.error(in.modes[1].name.span, "rcu lock '" + in.name.text + "' has exactly one mode");
  } else if ((kind == LockKind::Rwsem || kind == LockKind::VmaLock) &&
             (count(Sharing::Shared) == 0 || count(Sharing::Exclusive) == 0)) {
    diags_.error(where, std::string(toString(*kind)) + " lock '" + in.name.text +
                            "' needs a shared and an exclusive mode");
  }
  if (in.splitConfig.present) {
    const Entity *other = lookup(in.splitElse.text);
    if (!other || other->kind != "lock")
      diags_.error(in.splitElse.span, "split fallback '" + in.splitElse.text + "' is not a lock");
    out.split = Split{in.splitConfig.value, in.splitElse.text};
  }

  // Interned once per lock: every API function names the lock and its modes.
  Symbol lockName = symbols_.intern(out.name);
  std::vector<Symbol> modeNames;
  for (const Mode &m : out.modes)
    modeNames.push_back(symbols_.intern(m.name));
  auto modeName = [&](std::string_view text) {
    for (size_t i = 0; i < out.modes.size(); ++i)
      if (out.modes[i].name == text)
        return modeNames[i];
    return symbols_.intern(text); // Not a mode: reported below.
  };

  // API functions.
  for (ast::Api &a : in.apis) {
    Api api;
    api.name = a.name.text;
    api.doc = std::move(a.doc.value);
    api.source = out.source;
    api.pos = pos(a.name.span);
    api.lock = lockName;
    if (!a.doc.present)
      diags_.error(a.name.span, "function '" + a.name.text + "' has no doc");
    api.kind = static_cast<ApiKind>(a.kind);
    unsigned instances = 0;
    for (const ast::Param &p : a.params) {
      api.params.push_back({p.name.text, p.instance, p.out});
      if (p.instance)
        ++instances;
    }
    api.returnsInstance = a.returnsInstance;
    api.returnType = symbols_.intern(a.returnType().text);
    if (a.returnsInstance)
      ++instances;
    if (instances > 1)
      diags_.error(a.name.span,
                   "function '" + a.name.text + "' identifies the lock instance more than once");
    if (instances == 0 && !in.owner.text.empty())
      diags_.error(a.name.span, "function '" + a.name.text + "' of lock '" + in.name.text +
                                    "' does not say which argument identifies the instance "
                                    "(mark it '@')");
    api.mode = modeName(a.mode.text);
    if (!out.findMode(a.mode.text))
      diags_.error(a.mode.span, "lock '" + in.name.text + "' has no mode '" + a.mode.text + "'");
    const ast::Name &toMode = a.toMode(), &success = a.success();
    api.toMode = modeName(toMode.text);
    if (api.kind == ApiKind::Downgrade) {
      if (toMode.text.empty())
        diags_.error(a.mode.span, "downgrade '" + a.name.text + "' needs 'FROM -> TO' modes");
      else if (!out.findMode(toMode.text))
        diags_.error(toMode.span, "lock '" + in.name.text + "' has no mode '" + toMode.text + "'");
      else if (out.findMode(a.mode.text) && !out.satisfies(a.mode.text, toMode.text))
        diags_.error(toMode.span, "downgrade from '" + a.mode.text + "' to '" + toMode.text +
                                      "' does not weaken the hold");
    } else if (!toMode.text.empty()) {
      diags_.error(toMode.span, "only a downgrade converts one mode into another");
    }
    if (!success.text.empty()) {
      if (success.text == "true")
        api.success = TrySuccess::True;
      else if (success.text == "zero")
        api.success = TrySuccess::Zero;
      else if (success.text == "nonnull")
        api.success = TrySuccess::NonNull;
      else
        diags_.error(success.span, "expected 'true', 'zero' or 'nonnull' after 'when'");
      if (api.kind != ApiKind::Try)
        diags_.error(success.span, "only a 'try' function has a success condition");
    } else if (api.kind == ApiKind::Try) {
      diags_.error(a.name.span, "try function '" + a.name.text +
                                    "' does not say which result means success ('when')");
    }
    api.killable = a.killable;
    api.all = a.all;
    api.fallback = symbols_.intern(a.fallback().text);
    out.apis.push_back(api.name);
    model_.apis.push_back(std::move(api));
  }
  size_t weakest = 0;
  for (size_t m = 0; m < out.modes.size(); ++m) {
    bool all = true;
    for (const Mode &other : out.modes)
      all = all && out.satisfies(other.name, out.modes[m].name);
    if (all) {
      weakest = m;
      break;
    }
  }
  tables_.weakestModes[index] = weakest;
  tables_.lockNames[index] = std::move(lockName);
  tables_.modeNames[index] = std::move(modeNames);
  model_.locks[index] = std::move(out);
}

// ---------------------------------------------------------------------------------------------
// Groups, facts, lets

void Sema::groupsFactsLets() {
  for (ast::Group &in : spec_.groups) {
    Group out;
    prose(out, in.name, in.prose, "group", false);
    for (const ast::Name &member : in.members) {
      const Entity *e = lookup(member.text);
      if (!e || e->kind != "lock") {
        diags_.error(member.span, "group member '" + member.text + "' is not a lock");
        continue;
      }
      out.members.push_back(member.text);
      model_.locks[e->index].groups.push_back(in.name.text);
    }
    model_.groups.push_back(std::move(out));
  }
  for (ast::Fact &in : spec_.facts) {
    Fact out;
    prose(out, in.name, in.prose, "fact", false);
    out.test = in.test.value;
    model_.facts.push_back(std::move(out));
  }
  for (ast::Let &in : spec_.lets) {
    Let out;
    prose(out, in.name, in.prose, "let", false);
    Context ctx; // A let is checked without a subject; each use resolves instances anew.
    if (auto req = requirement(*in.expr, ctx, true))
      out.requirement = std::move(*req);
    model_.lets.push_back(std::move(out));
  }
}

// ---------------------------------------------------------------------------------------------
// Fields

void Sema::fields() {
  for (size_t o = 0; o < spec_.objects.size(); ++o) {
    ast::Object &inObject = spec_.objects[o];
    Object &object = model_.objects[o];
    Context ctx = objectContext(object);
    roleExprs_.clear();
    std::set<std::string_view> seen; // Views of tree names: no copy per field.
    for (ast::Field &in : inObject.fields) {
      Field out;
      prose(out, in.name, in.prose, "field", true);
      if (!seen.insert(in.name.text).second)
        diags_.error(in.name.span, "duplicate field '" + in.name.text + "' in object '" +
                                       inObject.name.text + "'");
      out.table = std::move(in.table.value);
      out.config = std::move(in.config.value);
      auto rule = [&](const ast::FieldRule &r) -> std::optional<FieldRule> {
        FieldRule fr;
        fr.kind = static_cast<FieldRule::Kind>(r.kind);
        fr.transition = r.transition.value;
        fr.owner = r.owner.value;
        fr.pos = pos(r.span);
        if (r.expr) {
          auto req = requirement(*r.expr, ctx, true);
          if (!req)
            return std::nullopt;
          fr.requirement = std::move(*req);
        }
        return fr;
      };
      if (in.reads.empty())
        diags_.error(in.name.span,
                     "field '" + inObject.name.text + "." + in.name.text + "' has no read rule");
      if (in.writes.empty())
        diags_.error(in.name.span,
                     "field '" + inObject.name.text + "." + in.name.text + "' has no write rule");
      for (size_t i = 1; i < in.reads.size(); ++i)
        diags_.error(in.reads[i].span, "field '" + inObject.name.text + "." + in.name.text +
                                           "' has more than one read rule");
      if (!in.reads.empty()) {
        if (in.reads[0].kind == ast::FieldRule::Kind::Once)
          diags_.error(in.reads[0].span, "'once' describes writes, not reads");
        out.read = rule(in.reads[0]);
      }
      std::set<std::string_view> transitions; // Views of the tree's strings.
      for (const ast::FieldRule &w : in.writes) {
        if (in.writes.size() > 1 && !w.transition.present)
          diags_.error(w.span, "field '" + inObject.name.text + "." + in.name.text +
                                   "' has several write rules, so each needs a transition");
        if (!transitions.insert(w.transition.value).second && w.transition.present)
          diags_.error(w.transition.span, "duplicate transition '" + w.transition.value + "'");
        auto fr = rule(w);
        if (!fr)
          continue;
        // Whatever permits a write must permit a read.
        if (out.read && out.read->kind == FieldRule::Kind::Locks &&
            fr->kind == FieldRule::Kind::Locks) {
          for (const Alternative &alt : fr->requirement.alternatives) {
            auto held = withImpliedHolds(model_, alt.atoms);
            if (!satisfies(model_, held, out.read->requirement, false)) {
              Diagnostic &diag =
                  diags_.error(w.span, "write rule of '" + inObject.name.text + "." + in.name.text +
                                           "' is weaker than its read rule: " + describe(alt) +
                                           " permits a write but not a read");
              Diagnostics::note(diag, in.reads[0].span, "read rule is here");
              break;
            }
          }
        }
        out.writes.push_back(std::move(*fr));
      }
      object.fields.push_back(std::move(out));
    }
    // Nothing reads an object's fields again: the memory goes to the next objects' models.
    spend(inObject.fields);
  }
}

// ---------------------------------------------------------------------------------------------
// Relations and order

bool Sema::checkLockMode(const ast::LockMode &lm, Symbol *mode) {
  const Entity *e = lookup(lm.lock.text);
  if (!e || e->kind != "lock") {
    diags_.error(lm.lock.span, "'" + lm.lock.text + "' is not a lock");
    return false;
  }
  const Lock &lock = model_.locks[e->index];
  if (!lm.mode.text.empty() && !lock.findMode(lm.mode.text)) {
    diags_.error(lm.mode.span, "lock '" + lock.name + "' has no mode '" + lm.mode.text + "'");
    return false;
  }
  *mode = symbols_.intern(lm.mode.text);
  return true;
}

void Sema::relations() {
  size_t n = spec_.relations.size();
  model_.relations.resize(n);
  std::vector<char> kept(n, 0);
  for (size_t i = 0; i < n; ++i)
    kept[i] = relation(i);
  spend(spec_.locks);
  // A relation with an error (reported) has no place in the model.
  size_t to = 0;
  for (size_t i = 0; i < n; ++i)
    if (kept[i]) {
      if (to != i)
        model_.relations[to] = std::move(model_.relations[i]);
      ++to;
    }
  model_.relations.resize(to);
}

bool Sema::relation(size_t index) {
  ast::Relation &in = spec_.relations[index];
  Relation &out = model_.relations[index];
  prose(out, in.name, in.prose, "relation", true);
  if (in.rules.size() != 1) {
    diags_.error(in.name.span, "relation '" + in.name.text + "' must state exactly one rule");
    return false;
  }
  const ast::RelationRule &r = in.rules[0];
  out.kind = static_cast<Relation::Kind>(r.kind);
  out.lock = symbols_.intern(r.lock.lock.text);
  out.other = symbols_.intern(r.other.lock.text);
  bool lockOk = checkLockMode(r.lock, &out.mode);
  bool ok = checkLockMode(r.other, &out.otherMode) && lockOk; // Both checked: report both.
  if (ok && out.lock == out.other)
    diags_.error(r.span, "relation '" + in.name.text + "' relates a lock to itself");
  else if (ok && out.kind != Relation::Kind::Forbidden) {
    const Lock *a = model_.findLock(out.lock);
    const Lock *b = model_.findLock(out.other);
    if (!a->owner.empty() && !b->owner.empty() && !model_.linkPath(a->owner, b->owner))
      diags_.error(r.span, "no link leads from object '" + a->owner + "' (holding '" + a->name +
                               "') to object '" + b->owner + "' (holding '" + b->name + "')");
  }
  return true;
}

void Sema::orders() {
  // Build the trees and their edges.
  // Enforced edges by position in model_.orders, not copied: an edge is five strings.
  struct EdgeSite {
    size_t order, edge;
    Span span;
  };
  std::vector<EdgeSite> allEdges;
  auto edgeAt = [&](const EdgeSite &site) -> const OrderEdge & {
    return model_.orders[site.order].edges[site.edge];
  };
  for (ast::Order &in : spec_.orders) {
    Order out;
    prose(out, in.name, in.prose, "order", true);
    out.historical = in.historical.value;
    Symbol orderName = symbols_.intern(in.name.text); // Every edge of the tree names it.
    std::function<std::optional<OrderNode>(const ast::OrderNode &,
                                           std::vector<std::pair<LockMode, Span>> &)>
        build = [&](const ast::OrderNode &node,
                    std::vector<std::pair<LockMode, Span>> &ancestors) -> std::optional<OrderNode> {
      OrderNode result;
      result.note = node.note.value;
      result.pos = pos(node.span);
      bool ok = true;
      for (const ast::LockMode &lm : node.locks) {
        LockMode m{symbols_.intern(lm.lock.text), Symbol()};
        if (!checkLockMode(lm, &m.mode)) {
          ok = false;
          continue;
        }
        result.locks.push_back(m);
      }
      if (!ok)
        return std::nullopt;
      for (const auto &[ancestor, span] : ancestors)
        for (const LockMode &m : result.locks) {
          out.edges.push_back({ancestor, m, orderName, result.pos});
          if (in.historical.value.empty())
            allEdges.push_back({model_.orders.size(), out.edges.size() - 1, node.span});
        }
      size_t mark = ancestors.size();
      for (const LockMode &m : result.locks)
        ancestors.push_back({m, node.span});
      for (const ast::OrderNode &child : node.children)
        if (auto c = build(child, ancestors))
          result.children.push_back(std::move(*c));
      ancestors.resize(mark);
      return result;
    };
    for (const ast::OrderNode &root : in.roots) {
      std::vector<std::pair<LockMode, Span>> ancestors;
      if (auto r = build(root, ancestors))
        out.roots.push_back(std::move(*r));
    }
    if (in.roots.empty())
      diags_.error(in.name.span, "order '" + in.name.text + "' is empty");
    model_.orders.push_back(std::move(out));
  }

  // Cycles, at lock level.  Report each strongly connected component once, as one cycle.
  // Locks are numbered by their position in model_.locks (order nodes name only checked
  // locks), so the search runs on vectors; string-keyed maps were most of this pass.
  auto lockId = [&](const std::string &name) {
    return static_cast<size_t>(model_.findLock(name) - model_.locks.data());
  };
  std::vector<std::vector<size_t>> out(model_.locks.size()); // lock -> edge indices
  std::vector<size_t> fromId(allEdges.size()), toId(allEdges.size());
  for (size_t i = 0; i < allEdges.size(); ++i) {
    const OrderEdge &e = edgeAt(allEdges[i]);
    fromId[i] = lockId(e.from.lock);
    toId[i] = lockId(e.to.lock);
    if (fromId[i] == toId[i]) {
      diags_.error(allEdges[i].span, "lock '" + e.from.lock + "' is ordered before itself");
      continue;
    }
    out[fromId[i]].push_back(i);
  }
  // Shared by every start: a lock finished once is never explored again, so the search is
  // linear in the edges.
  std::vector<char> state(model_.locks.size(), 0); // 1 on path, 2 finished
  std::set<std::pair<size_t, size_t>> reported;
  // Starts in name order, as when the graph was a std::map: which cycle is found first, and so
  // which edge a diagnostic points at, must not depend on declaration order.
  std::vector<size_t> starts;
  for (size_t id = 0; id < out.size(); ++id)
    if (!out[id].empty())
      starts.push_back(id);
  std::sort(starts.begin(), starts.end(),
            [&](size_t a, size_t b) { return model_.locks[a].name < model_.locks[b].name; });
  for (size_t start : starts) {
    if (state[start] != 0)
      continue;
    // Iterative DFS with an explicit path, so deep trees cannot exhaust the stack.
    std::vector<std::pair<size_t, size_t>> stack{{start, 0}};
    std::vector<size_t> pathEdges;
    state[start] = 1;
    while (!stack.empty()) {
      auto &[lock, next] = stack.back();
      const std::vector<size_t> &edges = out[lock];
      if (next >= edges.size()) {
        state[lock] = 2;
        stack.pop_back();
        if (!pathEdges.empty())
          pathEdges.pop_back();
        continue;
      }
      size_t ei = edges[next++];
      size_t to = toId[ei];
      if (state[to] == 1) {
        // Cycle: the edges on the path from `to` onwards, plus this one.
        std::vector<size_t> cycle;
        size_t k = 0;
        while (k < stack.size() && stack[k].first != to)
          ++k;
        for (size_t p = k; p < pathEdges.size(); ++p)
          cycle.push_back(pathEdges[p]);
        cycle.push_back(ei);
        auto key = std::minmax(fromId[ei], to);
        if (reported.insert(key).second) {
          const OrderEdge &closing = edgeAt(allEdges[ei]);
          Diagnostic &diag = diags_.error(
              allEdges[ei].span, "lock order cycle: '" + closing.to.lock + "' is ordered before '" +
                                     closing.from.lock + "', which is ordered before it here");
          for (size_t c : cycle) {
            if (c == ei)
              continue;
            const OrderEdge &e = edgeAt(allEdges[c]);
            Diagnostics::note(diag, allEdges[c].span,
                              "'" + e.from.lock + "' ordered before '" + e.to.lock +
                                  "' here (order '" + e.order + "')");
          }
        }
      } else if (state[to] == 0) {
        state[to] = 1;
        pathEdges.push_back(ei);
        stack.push_back({to, 0});
      }
    }
  }

  // A forbidden acquisition must not appear as an allowed order.  Each relation looks at the
  // edges leaving its held lock only, not at every edge (relations x edges grew with the
  // square of a spec).
  for (size_t r = 0; r < model_.relations.size(); ++r) {
    const Relation &rel = model_.relations[r];
    if (rel.kind != Relation::Kind::Forbidden)
      continue;
    const Lock *other = model_.findLock(rel.other);
    if (!other || !model_.findLock(rel.lock))
      continue;
    size_t takenId = lockId(rel.lock);
    for (size_t ei : out[lockId(rel.other)]) {
      const EdgeSite &site = allEdges[ei];
      if (toId[ei] != takenId)
        continue;
      const std::string &held = edgeAt(site).from.mode;
      if (!rel.otherMode.empty() && !held.empty() && !other->satisfies(held, rel.otherMode) &&
          !other->satisfies(rel.otherMode, held))
        continue;
      Diagnostic &diag =
          diags_.error(site.span, "order allows taking '" + rel.lock + "' while holding '" +
                                      rel.other + "', which relation '" + rel.name + "' forbids");
      Diagnostics::note(diag, spec_.relations[r].name.span, "relation declared here");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Operations

void Sema::operations() {
  model_.operations.resize(spec_.operations.size());
  for (size_t index = 0; index < spec_.operations.size(); ++index) {
    ast::Operation &in = spec_.operations[index];
    Operation &out = model_.operations[index];
    prose(out, in.name, in.prose, "operation", true);
    Context ctx;
    roleExprs_.clear();
    auto addRole = [&](const ast::Role &r) -> std::optional<Role> {
      const Entity *e = lookup(r.object.text);
      if (!e || e->kind != "object") {
        diags_.error(r.object.span, "role object '" + r.object.text + "' is not an object");
        return std::nullopt;
      }
      RoleSymbols symbols{symbols_.intern(r.name.text), symbols_.intern(r.object.text)};
      if (!ctx.roles.emplace(r.name.text, std::move(symbols)).second) {
        diags_.error(r.name.span, "duplicate role '" + r.name.text + "'");
        return std::nullopt;
      }
      roleExprs_[r.name.text] = symbols_.intern(r.expr.value);
      return Role{r.name.text, r.object.text, r.expr.value};
    };
    if (in.subjects.size() != 1) {
      diags_.error(in.subjects.empty() ? in.name.span : in.subjects[1].name.span,
                   "operation '" + in.name.text + "' must name exactly one subject");
    }
    if (!in.subjects.empty()) {
      if (auto s = addRole(in.subjects[0])) {
        out.subject = *s;
        ctx.subject = symbols_.intern(s->name);
      }
    }
    for (const ast::Role &r : in.roles)
      if (auto role = addRole(r))
        out.roles.push_back(*role);
    if (in.requires_.empty())
      diags_.error(in.name.span, "operation '" + in.name.text + "' has no 'requires'");
    bool ok = !ctx.subject.empty();
    std::optional<std::vector<PendingAlt>> all;
    std::vector<std::string> texts;
    for (const ast::ExprPtr &clause : in.requires_) {
      // Normalise once; the clause's own requirement and the conjunction share the result so
      // each error is reported once.
      auto alts = normalize(*clause, ctx, "");
      if (!alts) {
        ok = false;
        continue;
      }
      std::vector<PendingAlt> clauseAlts = finish(*alts);
      if (in.requires_.size() > 1)
        warnSubsumed(clauseAlts);
      Requirement req;
      req.text = printExpr(*clause);
      for (PendingAlt &p : clauseAlts)
        req.alternatives.push_back(std::move(p.alt));
      texts.push_back(req.text);
      out.clauses.push_back(std::move(req));
      if (!ok)
        continue; // An earlier clause failed: keep checking, but build nothing.
      all = all ? conjoin(std::move(*all), *alts, clause->span) : std::move(alts);
      if (!all)
        ok = false;
    }

    if (ok && all) {
      // Normalise the conjunction through the same path as a single expression would take.
      std::vector<PendingAlt> alts = finish(std::move(*all));
      warnSubsumed(alts);
      for (PendingAlt &p : alts)
        out.requirement.alternatives.push_back(std::move(p.alt));
      for (size_t i = 0; i < texts.size(); ++i)
        out.requirement.text += (i ? " & (" : "(") + texts[i] + ")";
      if (texts.size() == 1)
        out.requirement.text = texts[0];
    }
    for (const ast::Rejection &rej : in.rejects) {
      auto req = requirement(*rej.expr, ctx, false);
      if (!req)
        continue;
      for (const Alternative &alt : req->alternatives) {
        size_t which = 0;
        auto held = withImpliedHolds(model_, alt.atoms);
        if (ok && satisfies(model_, held, out.requirement, false, &which)) {
          diags_.error(rej.expr->span, "rejected lock set " + describe(alt) +
                                           " satisfies the requirement of '" + in.name.text +
                                           "' through " +
                                           describe(out.requirement.alternatives[which]));
          break;
        }
      }
      out.rejects.push_back({std::move(*req), std::move(rej.reason.value)});
    }
    for (ast::Str &n : in.notes)
      out.notes.push_back(std::move(n.value));
    for (ast::Str &w : in.warnings)
      out.warnings.push_back(std::move(w.value));
    for (const ast::Name &a : in.apis)
      out.apis.push_back(a.text);
    // As with fields: nothing reads them again.
    spend(in.requires_);
    spend(in.rejects);
  }
}

void Sema::topics() {
  for (ast::Topic &in : spec_.topics) {
    Topic out;
    prose(out, in.name, in.prose, "topic", false);
    out.title = in.title.value;
    if (!in.title.present)
      diags_.error(in.name.span, "topic '" + in.name.text + "' has no title");
    model_.topics.push_back(std::move(out));
  }
}

} // namespace detail

std::optional<Model> analyze(ast::Spec &spec, const SourceManager &sources, Diagnostics &diags,
                             const SemaOptions &options) {
  if (!options.freeScratch) // Deliberately never deleted.
    return (new detail::Sema(spec, sources, diags, options))->run();
  return detail::Sema(spec, sources, diags, options).run();
}

} // namespace lockspec
