// Sema's driver and its declarations: every name declared, then objects, locks and their API
// functions, groups, facts, lets and topics resolved.  Relations and lock order are in
// sema_order.cc, fields and operations in sema_fields_operations.cc.
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
    Diagnostics::note(diag, first->second.span,
                      "'" + name.text + "' first declared here as " +
                          withArticle(first->second.kind));
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
        Diagnostics::note(diag, first->second, "'" + api.name.text + "' first declared here");
      }
    }
}

void Sema::prose(Documented &out, const ast::Name &name, ast::Prose &p, const std::string &what,
                 bool needSource) {
  if (!p.doc.present || p.doc.value.empty())
    diags_.error(name.span, what + " '" + name.text + "' has no doc");
  out.name = name.text;
  out.doc = std::move(p.doc.value);
  out.source = p.source.value;
  out.pos = pos(name.span);
  if (needSource && !p.source.present)
    diags_.error(name.span, what + " '" + name.text + "' has no source reference");
}

Context Sema::objectContext(const Object &object) {
  Context ctx{object.var, {}};
  ctx.roles.emplace(object.var, RoleNames{object.var, object.name});
  return ctx;
}

std::optional<Model> Sema::run() {
  std::optional<TimeReport::Scope> pass;
  pass.emplace(options_.timeReport, "sema/declare");
  ast::forEachDeclarationList(spec_, [&](const auto &items, std::string_view kind) {
    for (size_t i = 0; i < items.size(); ++i)
      declare(items[i].name, kind, i);
  });

  for (size_t f = 0; f < sources_.size(); ++f)
    model_.files.push_back(sources_.name(f));
  pass.emplace(options_.timeReport, "sema/objects");
  objects();
  model_.index();
  declareFunctions();
  pass.emplace(options_.timeReport, "sema/locks");
  locks();
  model_.index();
  pass.emplace(options_.timeReport, "sema/groupsFactsLets");
  groupsFactsLets();
  pass.emplace(options_.timeReport, "sema/relations");
  relations();
  model_.index();
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
  model_.index();
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
        diags_.error(link.target.span, "link target '" + link.target.text + "' is not an object" +
                                           didYouMean(link.target.text, tables_.names, isObject));
      out.links.push_back({link.name.text, link.target.text, link.expr.value});
    }
    // A function both creates and publishes nothing: the object would be private nowhere.
    std::set<std::string_view> functions;
    for (auto [names, to] : {std::pair{&in.constructors, &out.constructors},
                             std::pair{&in.publishers, &out.publishers}})
      for (const ast::Name &fn : *names) {
        if (!functions.insert(fn.text).second)
          diags_.error(fn.span, "function '" + fn.text + "' is listed twice among object '" +
                                    in.name.text + "''s constructors and publishers");
        to->push_back(fn.text);
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
  for (size_t i = 0; i < n; ++i)
    lock(i);
  // Fallbacks may name functions of other locks, so check them once all are known.
  for (ast::Lock &in : spec_.locks)
    for (const ast::Api &a : in.apis)
      if (const ast::Name &fallback = a.fallback();
          !fallback.text.empty() && !functions_.count(fallback.text))
        diags_.error(fallback.span,
                     "fallback '" + fallback.text + "' is not a declared function" +
                         didYouMean(fallback.text, functions_, [](auto &&) { return true; }));
  // The lock a flag-dependent release drops when the flag is clear: declared, with the mode.
  for (ast::Lock &in : spec_.locks)
    for (const ast::Api &a : in.apis) {
      if (a.extras && !a.extras->alsoLock.text.empty() &&
          std::none_of(model_.locks.begin(), model_.locks.end(),
                       [&](const Lock &l) { return l.name == a.extras->alsoLock.text; }))
        diags_.error(a.extras->alsoLock.span,
                     "'also' names '" + a.extras->alsoLock.text + "', which is not a lock");
      if (!a.extras || a.extras->elseLock.text.empty())
        continue;
      const ast::Name &other = a.extras->elseLock;
      const Lock *lock = nullptr;
      for (const Lock &l : model_.locks)
        if (l.name == other.text)
          lock = &l;
      if (!lock)
        diags_.error(other.span, "'else' names '" + other.text + "', which is not a lock");
      else if (!lock->findMode(a.mode.text))
        diags_.error(other.span, "lock '" + other.text + "' has no mode '" + a.mode.text +
                                     "' for '" + a.name.text + "' to release");
    }
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
      diags_.error(in.owner.span, "lock owner '" + in.owner.text + "' is not an object" +
                                      didYouMean(in.owner.text, tables_.names, isObject));
    } else if (in.path.present) {
      const std::string &var = model_.findObject(in.owner.text)->var;
      if (substituteVar(in.path.value, var, "@") == in.path.value)
        diags_.error(in.path.span, "lock path '" + in.path.value +
                                       "' does not mention the owner's var '" + var + "'");
    }
  }
  if (out.kind == LockKind::Rcu && !in.owner.text.empty())
    diags_.error(in.owner.span, "rcu lock '" + in.name.text + "' is global and has no owner");

  // Modes.  A lock has a handful, so plain vectors searched in order.
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
      diags_.error(in.splitElse.span, "split fallback '" + in.splitElse.text + "' is not a lock" +
                                          didYouMean(in.splitElse.text, tables_.names, isLock));
    out.split = Split{in.splitConfig.value, in.splitElse.text};
  }

  // API functions.
  // What an API and a lock-pointer function of this lock both say: name, doc, where.
  auto describe = [&](auto &f, ast::Api &a) {
    f.name = a.name.text;
    f.doc = std::move(a.doc.value);
    f.source = out.source;
    f.pos = pos(a.name.span);
    f.lock = out.name;
    if (!a.doc.present)
      diags_.error(a.name.span, "function '" + a.name.text + "' has no doc");
  };
  for (ast::Api &a : in.apis) {
    Api api;
    describe(api, a);
    api.kind = static_cast<ApiKind>(a.kind);
    unsigned instances = 0;
    for (const ast::Param &p : a.params) {
      api.params.push_back({p.name.text, p.instance, p.out, p.member});
      if (p.instance)
        ++instances;
    }
    api.returnsInstance = a.returnsInstance;
    api.returnType = std::string(a.returnType().text);
    if (a.returnsInstance)
      ++instances;
    if (instances > 1)
      diags_.error(a.name.span,
                   "function '" + a.name.text + "' identifies the lock instance more than once");
    if (instances == 0 && !in.owner.text.empty())
      diags_.error(a.name.span, "function '" + a.name.text + "' of lock '" + in.name.text +
                                    "' does not say which argument identifies the instance "
                                    "(mark it '@')");
    api.mode = a.mode.text;
    if (!out.findMode(a.mode.text))
      diags_.error(a.mode.span, "lock '" + in.name.text + "' has no mode '" + a.mode.text + "'");
    const ast::Name &toMode = a.toMode(), &success = a.success();
    api.toMode = toMode.text;
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
    const std::vector<ast::Name> noNames;
    const std::vector<ast::Name> &when = a.extras ? a.extras->when : noNames;
    if (api.kind == ApiKind::Release && !when.empty()) {
      // A release's `when` names the result bits that say the lock was dropped.
      for (const ast::Name &bit : when)
        api.releasedWhen.push_back(bit.text);
    } else if (when.size() > 1) {
      diags_.error(when[1].span, "only a 'release' lists result bits after 'when'");
    }
    if (a.extras) {
      auto flagTest = [&](const ast::FlagTest &t, FlagTest &into, const char *word) {
        if (t.param.text.empty())
          return;
        if (api.kind != ApiKind::Release)
          diags_.error(t.param.span, std::string("only a 'release' depends on a flag ('") +
                                         word + "')");
        bool isParam = false;
        for (const ast::Param &p : a.params)
          isParam = isParam || p.name.text == t.param.text;
        if (!isParam)
          diags_.error(t.param.span, "'" + t.param.text + "' is not a parameter of '" +
                                         a.name.text + "'");
        into = {t.param.text, t.member, t.flag.text};
      };
      flagTest(a.extras->ifFlag, api.releaseIf, "if");
      flagTest(a.extras->unlessFlag, api.releaseUnless, "unless");
      api.elseLock = a.extras->elseLock.text;
      api.alsoLock = a.extras->alsoLock.text;
      if (!api.alsoLock.empty() && api.kind != ApiKind::Release)
        diags_.error(a.extras->alsoLock.span, "only a 'release' also releases another lock");
      if (!api.elseLock.empty())
        if (a.extras->ifFlag.param.text.empty())
          diags_.error(a.extras->elseLock.span, "'else' needs an 'if' flag test");
    }
    if (api.kind == ApiKind::Release && !when.empty()) {
      // handled above: not a try's success condition
    } else if (!success.text.empty()) {
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
    api.fallback = std::string(a.fallback().text);
    out.apis.push_back(api.name);
    model_.apis.push_back(std::move(api));
  }

  // Lock-pointer functions: exactly one way out for the lock, the result or an out parameter.
  for (ast::Api &a : in.pointers) {
    LockPointer p;
    describe(p, a);
    auto [first, inserted] = pointerFunctions_.emplace(a.name.text, a.name.span);
    if (!inserted) {
      Diagnostic &diag =
          diags_.error(a.name.span, "duplicate pointer function '" + a.name.text + "'");
      Diagnostics::note(diag, first->second, "'" + a.name.text + "' first declared here");
    }
    unsigned instances = a.returnsInstance ? 1 : 0;
    for (const ast::Param &param : a.params) {
      p.params.push_back({param.name.text, param.instance, param.out});
      if (param.instance) {
        ++instances;
        if (!param.out)
          diags_.error(param.name.span, "pointer function '" + a.name.text +
                                            "' gives the lock through '" + param.name.text +
                                            "', which must be an out parameter ('@*')");
      }
    }
    p.returnsInstance = a.returnsInstance;
    if (!a.returnType().text.empty())
      diags_.error(a.returnType().span,
                   "pointer function '" + a.name.text + "' returns the lock ('-> @') or nothing");
    if (instances != 1)
      diags_.error(a.name.span, "pointer function '" + a.name.text +
                                    "' must give the lock exactly once ('-> @' or one '@*' "
                                    "parameter)");
    out.pointers.push_back(p.name);
    model_.pointers.push_back(std::move(p));
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
        diags_.error(member.span, "group member '" + member.text + "' is not a lock" +
                                      didYouMean(member.text, tables_.names, isLock));
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
// Topics

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
  return detail::Sema(spec, sources, diags, options).run();
}

} // namespace lockspec
