#include "sema.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "requirement.h"

namespace lockspec {
namespace {

/// Alternatives beyond this mean a requirement that no reader could check by hand.
constexpr size_t kMaxAlternatives = 4096;

/// What a name in the global namespace refers to.
struct Entity {
  std::string_view kind; // "object", "lock", ...: always a literal, so never a copy per name.
  Span span;
  size_t index = 0;
};

/// Where an expression is evaluated: the roles atoms may name.
struct Context {
  std::string subject;                      // Default role.
  std::map<std::string, std::string> roles; // Role name -> object name.
};

/// One alternative under construction, with the span that produced it.
struct PendingAlt {
  Alternative alt;
  Span span;
};

/// "an object", "a lock": the article a diagnostic needs before `noun`.
std::string withArticle(std::string_view noun) {
  bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

/// "1 value", "2 values"; "axis" pluralises as "axes".
std::string counted(size_t n, const std::string &noun) {
  std::string word = noun;
  if (n != 1)
    word = noun == "axis" ? "axes" : noun + "s";
  return std::to_string(n) + " " + word;
}

class Sema {
public:
  Sema(ast::Spec &spec, const SourceManager &sources, Diagnostics &diags,
       TimeReport *timeReport)
      : spec_(spec), sources_(sources), diags_(diags), timeReport_(timeReport) {}

  std::optional<Model> run();

private:
  SourcePos pos(Span span) const {
    LineCol lc = sources_.lineCol(span.file, span.begin);
    return {sources_.name(span.file), lc.line, lc.column};
  }
  void declare(const ast::Name &name, std::string_view kind, size_t index);
  const Entity *lookup(const std::string &name) const {
    auto it = names_.find(name);
    return it == names_.end() ? nullptr : &it->second;
  }
  /// Fills `out`'s name, doc, source and position; the doc and source strings are moved out
  /// of the tree (see analyze()).
  void prose(Documented &out, const ast::Name &name, ast::Prose &prose, const std::string &what,
             bool needSource);

  void objects();
  void locks();
  void groupsFactsLets();
  void relations();
  void orders();
  void operations();
  void fields();
  void tables();
  void matrices();
  void topics();

  /// Normalises `expr` in `ctx`; reports errors and returns nullopt on failure.
  std::optional<std::vector<PendingAlt>> normalize(const ast::Expr &expr, const Context &ctx,
                                                   const std::string &label);
  std::optional<std::vector<PendingAlt>> normalizeAtom(const ast::Expr &expr, const Context &ctx,
                                                       const std::string &label);
  std::optional<std::vector<PendingAlt>> conjoin(std::vector<PendingAlt> a,
                                                 const std::vector<PendingAlt> &b, Span span);
  std::optional<Requirement> requirement(const ast::Expr &expr, const Context &ctx,
                                         bool warnSubsumed);
  void warnSubsumed(const std::vector<PendingAlt> &alts);
  /// Canonical atoms, weaker duplicates dropped, contradictions reported.
  std::vector<PendingAlt> finish(std::vector<PendingAlt> alts);
  static void canonicalize(Alternative &alt);
  std::string instanceExpr(const std::string &roleObject, const std::string &roleName,
                           const std::vector<std::string> &links, const Lock &lock) const;
  /// How `lock`'s instance is reached from role `role` (an instance of `roleObject`).
  struct ResolvedInstance {
    bool reachable = false;
    std::vector<std::string> links;
    std::string instance;
  };
  /// linkPath + instanceExpr, memoised: a spec names the same lock from the same role in many
  /// requirements, and the breadth-first search and the C substitution were 30% of
  /// normalising an atom (callgrind, 10k-rule spec; issue 3).
  const ResolvedInstance &resolveInstance(const std::string &roleObject, const std::string &role,
                                          const Lock &lock);
  std::string printExpr(const ast::Expr &expr) const;
  bool checkLockMode(const ast::LockMode &lm, std::string *mode);
  /// A table or matrix cell: true for Y, false for N, nullopt (reported) otherwise.
  std::optional<bool> yesNo(const ast::Name &value);

  ast::Spec &spec_;
  const SourceManager &sources_;
  Diagnostics &diags_;
  TimeReport *timeReport_;
  Model model_;
  // Hashed: every atom of every requirement is looked up here, and nothing iterates them.
  std::unordered_map<std::string, Entity> names_;
  std::unordered_map<std::string, Span> functions_;
  std::set<std::string> expandingLets_;
  std::map<std::string, std::string> roleExprs_; // Fixed C expressions of the current roles.
  /// Per lock (same index as model_.locks): the mode an atom without one means, the mode every
  /// other mode satisfies (else the first).  Computed once in locks(), not per atom.
  std::vector<std::string> weakestModes_;
  /// resolveInstance's memo, keyed by role object, role, the role's fixed expression and lock.
  std::unordered_map<std::string, ResolvedInstance> instances_;
};

void Sema::declare(const ast::Name &name, std::string_view kind, size_t index) {
  auto [it, inserted] = names_.emplace(name.text, Entity{kind, name.span, index});
  if (!inserted) {
    Diagnostic &diag = diags_.error(name.span, "duplicate name '" + name.text + "'");
    Diagnostics::note(diag, it->second.span,
                      "'" + name.text + "' first declared here as " + withArticle(it->second.kind));
  }
}

void Sema::prose(Documented &out, const ast::Name &name, ast::Prose &p, const std::string &what,
                 bool needSource) {
  if (!p.doc.present || p.doc.value.empty())
    diags_.error(name.span, what + " '" + name.text + "' has no doc");
  out.name = name.text;
  out.doc = std::move(p.doc.value);
  out.source = std::move(p.source.value);
  out.pos = pos(name.span);
  if (needSource && !p.source.present)
    diags_.error(name.span, what + " '" + name.text + "' has no source reference");
}

std::optional<Model> Sema::run() {
  // Sized once from the tree: at 100k rules, rehashing names_ and regrowing the model's vectors
  // (copying every entity each time) cost a tenth of sema (issue 3).
  names_.reserve(spec_.objects.size() + spec_.locks.size() + spec_.groups.size() +
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
  model_.operations.reserve(spec_.operations.size());
  std::optional<TimeReport::Scope> pass;
  pass.emplace(timeReport_, "sema/declare");
  for (size_t i = 0; i < spec_.objects.size(); ++i)
    declare(spec_.objects[i].name, "object", i);
  for (size_t i = 0; i < spec_.locks.size(); ++i) {
    declare(spec_.locks[i].name, "lock", i);
    // C functions live in their own namespace: the kernel names a lock and the function that
    // takes it alike (pmd_lock).
    for (ast::Api &api : spec_.locks[i].apis) {
      auto [it, inserted] = functions_.emplace(api.name.text, api.name.span);
      if (!inserted) {
        Diagnostic &diag =
            diags_.error(api.name.span, "duplicate function '" + api.name.text + "'");
        Diagnostics::note(diag, it->second, "'" + api.name.text + "' first declared here");
      }
    }
  }
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

  for (size_t f = 0; f < sources_.size(); ++f)
    model_.files.push_back(sources_.name(f));
  pass.emplace(timeReport_, "sema/objects");
  objects();
  model_.reindex();
  pass.emplace(timeReport_, "sema/locks");
  locks();
  model_.reindex();
  pass.emplace(timeReport_, "sema/groupsFactsLets");
  groupsFactsLets();
  pass.emplace(timeReport_, "sema/relations");
  relations();
  model_.reindex();
  pass.emplace(timeReport_, "sema/fields");
  fields();
  pass.emplace(timeReport_, "sema/orders");
  orders();
  pass.emplace(timeReport_, "sema/operations");
  operations();
  pass.emplace(timeReport_, "sema/tables");
  tables();
  pass.emplace(timeReport_, "sema/matrices");
  matrices();
  pass.emplace(timeReport_, "sema/topics");
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
    std::set<std::string> seen;
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

std::string Sema::instanceExpr(const std::string &roleObject, const std::string &roleName,
                               const std::vector<std::string> &links, const Lock &lock) const {
  if (lock.owner.empty())
    return "";
  auto fixed = roleExprs_.find(roleName);
  std::string role =
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
  const std::string &expr = fixed == roleExprs_.end() ? std::string() : fixed->second;
  // Names cannot contain '\n', so the joined key is unambiguous.
  std::string key;
  key.reserve(roleObject.size() + role.size() + expr.size() + lock.name.size() + 3);
  ((((((key += roleObject) += '\n') += role) += '\n') += expr) += '\n') += lock.name;
  auto [it, inserted] = instances_.try_emplace(std::move(key));
  if (inserted) {
    ResolvedInstance &out = it->second;
    if (auto links = model_.linkPath(roleObject, lock.owner)) {
      out.reachable = true;
      out.instance = instanceExpr(roleObject, role, *links, lock);
      out.links = std::move(*links);
    }
  }
  return it->second;
}

// ---------------------------------------------------------------------------------------------
// Locks and their API

static std::optional<LockKind> parseKind(const std::string &text) {
  static const std::map<std::string, LockKind> kinds = {
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
  for (ast::Lock &in : spec_.locks) {
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

    // Modes.
    std::map<std::string, const ast::Mode *> modes;
    std::set<std::string> abbrevs;
    for (const ast::Mode &m : in.modes) {
      if (!modes.emplace(m.name.text, &m).second) {
        diags_.error(m.name.span,
                     "duplicate mode '" + m.name.text + "' in lock '" + in.name.text + "'");
        continue;
      }
      Mode mode;
      mode.name = m.name.text;
      mode.abbrev =
          m.abbrev.present
              ? m.abbrev.value
              : std::string(
                    1, static_cast<char>(std::toupper(static_cast<unsigned char>(m.name.text[0]))));
      if (!abbrevs.insert(mode.abbrev).second)
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
        else if (!modes.count(implied.text))
          diags_.error(implied.span,
                       "lock '" + in.name.text + "' has no mode '" + implied.text + "'");
      }
      if (!m.from.text.empty() && !modes.count(m.from.text))
        diags_.error(m.from.span, "lock '" + in.name.text + "' has no mode '" + m.from.text + "'");
    }
    // Closure of implies; a cycle means two modes claim to be stronger than each other.
    for (Mode &mode : out.modes) {
      std::vector<std::string> stack{mode.name};
      std::set<std::string> seen;
      while (!stack.empty()) {
        std::string current = stack.back();
        stack.pop_back();
        if (!seen.insert(current).second)
          continue;
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
          diags_.error(modes[mode.name]->name.span,
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
        diags_.error(in.modes[1].name.span, std::string(toString(*kind)) + " lock '" +
                                                in.name.text + "' has exactly one mode");
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

    // API functions.
    for (ast::Api &a : in.apis) {
      Api api;
      api.name = a.name.text;
      api.doc = std::move(a.doc.value);
      api.source = out.source;
      api.pos = pos(a.name.span);
      api.lock = in.name.text;
      if (!a.doc.present)
        diags_.error(a.name.span, "function '" + a.name.text + "' has no doc");
      static const std::map<std::string, ApiKind> apiKinds = {{"acquire", ApiKind::Acquire},
                                                              {"try", ApiKind::Try},
                                                              {"release", ApiKind::Release},
                                                              {"downgrade", ApiKind::Downgrade},
                                                              {"assert", ApiKind::Assert}};
      api.kind = apiKinds.at(a.kind.text);
      unsigned instances = 0;
      for (const ast::Param &p : a.params) {
        api.params.push_back({p.name.text, p.instance, p.out});
        if (p.instance)
          ++instances;
      }
      api.returnsInstance = a.returnsInstance;
      api.returnType = a.returnType.text;
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
      api.toMode = a.toMode.text;
      if (api.kind == ApiKind::Downgrade) {
        if (a.toMode.text.empty())
          diags_.error(a.mode.span, "downgrade '" + a.name.text + "' needs 'FROM -> TO' modes");
        else if (!out.findMode(a.toMode.text))
          diags_.error(a.toMode.span,
                       "lock '" + in.name.text + "' has no mode '" + a.toMode.text + "'");
        else if (out.findMode(a.mode.text) && !out.satisfies(a.mode.text, a.toMode.text))
          diags_.error(a.toMode.span, "downgrade from '" + a.mode.text + "' to '" + a.toMode.text +
                                          "' does not weaken the hold");
      } else if (!a.toMode.text.empty()) {
        diags_.error(a.toMode.span, "only a downgrade converts one mode into another");
      }
      if (!a.success.text.empty()) {
        if (a.success.text == "true")
          api.success = TrySuccess::True;
        else if (a.success.text == "zero")
          api.success = TrySuccess::Zero;
        else if (a.success.text == "nonnull")
          api.success = TrySuccess::NonNull;
        else
          diags_.error(a.success.span, "expected 'true', 'zero' or 'nonnull' after 'when'");
        if (api.kind != ApiKind::Try)
          diags_.error(a.success.span, "only a 'try' function has a success condition");
      } else if (api.kind == ApiKind::Try) {
        diags_.error(a.name.span, "try function '" + a.name.text +
                                      "' does not say which result means success ('when')");
      }
      api.killable = a.killable;
      api.all = a.all;
      api.fallback = a.fallback.text;
      out.apis.push_back(api.name);
      model_.apis.push_back(std::move(api));
    }
    std::string weakest = out.modes.empty() ? std::string() : out.modes.front().name;
    for (const Mode &m : out.modes) {
      bool all = true;
      for (const Mode &other : out.modes)
        all = all && out.satisfies(other.name, m.name);
      if (all) {
        weakest = m.name;
        break;
      }
    }
    weakestModes_.push_back(std::move(weakest));
    model_.locks.push_back(std::move(out));
  }
  // Fallbacks may name functions of other locks, so check them once all are known.
  for (ast::Lock &in : spec_.locks)
    for (const ast::Api &a : in.apis)
      if (!a.fallback.text.empty()) {
        if (!functions_.count(a.fallback.text))
          diags_.error(a.fallback.span,
                       "fallback '" + a.fallback.text + "' is not a declared function");
      }
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
// Requirement normalisation

std::string Sema::printExpr(const ast::Expr &e) const {
  switch (e.kind) {
  case ast::Expr::Kind::None:
    return "none";
  case ast::Expr::Kind::Atom: {
    std::string out = (e.negated ? "!" : "") + e.name.text;
    if (!e.mode.text.empty())
      out += "." + e.mode.text;
    if (!e.role.text.empty())
      out += "@" + e.role.text;
    if (!e.condition.text.empty())
      out += " if " + e.condition.text;
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
      out += e.labels[i].text + ": " + printExpr(*e.operands[i]) + "; ";
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
      if (!y.alt.label.empty())
        merged.alt.label = x.alt.label.empty() ? y.alt.label : x.alt.label + "/" + y.alt.label;
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
    for (size_t i = 0; i < e.operands.size(); ++i) {
      std::string sub = label;
      if (e.kind == ast::Expr::Kind::Any)
        sub = label.empty() ? e.labels[i].text : label + "/" + e.labels[i].text;
      if (e.kind == ast::Expr::Kind::Any) {
        for (size_t j = 0; j < i; ++j)
          if (e.labels[j].text == e.labels[i].text)
            diags_.error(e.labels[i].span,
                         "duplicate alternative label '" + e.labels[i].text + "'");
      }
      auto alts = normalize(*e.operands[i], ctx, sub);
      if (!alts) {
        ok = false;
        continue;
      }
      for (PendingAlt &alt : *alts) {
        if (e.kind == ast::Expr::Kind::Any)
          alt.span = e.labels[i].span;
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
    diags_.error(e.name.span, "unknown name '" + e.name.text + "' in requirement");
    return std::nullopt;
  }
  // The role whose instance is meant.  References, not copies: this runs for every atom of
  // every requirement.
  const std::string &role = e.role.text.empty() ? ctx.subject : e.role.text;
  auto roleAt = ctx.roles.find(role);
  if (!e.role.text.empty() && roleAt == ctx.roles.end()) {
    diags_.error(e.role.span, "unknown role '" + e.role.text + "'");
    return std::nullopt;
  }
  static const std::string kNoObject;
  const std::string &roleObject = roleAt == ctx.roles.end() ? kNoObject : roleAt->second;
  const std::string &condition = e.condition.text;
  if (!condition.empty()) {
    const Entity *c = lookup(condition);
    if (!c || c->kind != "fact") {
      diags_.error(e.condition.span, "condition '" + condition + "' is not a fact");
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
  auto lockAtom = [&](const Lock &lock, const std::string &mode, Span span) -> std::optional<Atom> {
    Atom atom;
    atom.kind = Atom::Kind::Lock;
    atom.held = !e.negated;
    atom.lock = lock.name;
    atom.mode = mode;
    atom.condition = condition;
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
  auto weakest = [&](const Lock &lock) -> const std::string & {
    return weakestModes_[static_cast<size_t>(&lock - model_.locks.data())];
  };

  if (entity->kind == "lock") {
    const Lock &lock = model_.locks[entity->index];
    const std::string &mode = e.mode.text.empty() ? weakest(lock) : e.mode.text;
    if (!lock.findMode(mode)) {
      diags_.error(e.mode.span, "lock '" + lock.name + "' has no mode '" + mode + "'");
      return std::nullopt;
    }
    auto atom = lockAtom(lock, mode, e.name.span);
    if (!atom)
      return std::nullopt;
    return std::vector<PendingAlt>{single(std::move(*atom))};
  }
  if (entity->kind == "group") {
    const Group &group = model_.groups[entity->index];
    std::vector<PendingAlt> alts;
    for (const std::string &member : group.members) {
      const Lock *lock = model_.findLock(member);
      const std::string &mode = e.mode.text.empty() ? weakest(*lock) : e.mode.text;
      if (!lock->findMode(mode)) {
        diags_.error(e.mode.span, "group '" + group.name + "' member '" + member +
                                      "' has no mode '" + mode + "'");
        return std::nullopt;
      }
      auto atom = lockAtom(*lock, mode, e.name.span);
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
    atom.fact = e.name.text;
    atom.condition = condition;
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
    if (!e.role.text.empty())
      inner.subject = e.role.text;
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
    size_t remaining = 0; // Compact in place: copying the kept atoms out cost 9 strings each.
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
        if (a.held && !b.held && sameTarget(a, b) && a.condition == b.condition)
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

// ---------------------------------------------------------------------------------------------
// Fields

void Sema::fields() {
  for (size_t o = 0; o < spec_.objects.size(); ++o) {
    ast::Object &inObject = spec_.objects[o];
    Object &object = model_.objects[o];
    Context ctx{object.var, {{object.var, object.name}}};
    roleExprs_.clear();
    std::set<std::string> seen;
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
      std::set<std::string> transitions;
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
  }
}

// ---------------------------------------------------------------------------------------------
// Relations and order

bool Sema::checkLockMode(const ast::LockMode &lm, std::string *mode) {
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
  *mode = lm.mode.text;
  return true;
}

void Sema::relations() {
  for (ast::Relation &in : spec_.relations) {
    Relation out;
    prose(out, in.name, in.prose, "relation", true);
    if (in.rules.size() != 1) {
      diags_.error(in.name.span, "relation '" + in.name.text + "' must state exactly one rule");
      continue;
    }
    const ast::RelationRule &r = in.rules[0];
    out.kind = static_cast<Relation::Kind>(r.kind);
    out.lock = r.lock.lock.text;
    out.other = r.other.lock.text;
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
    model_.relations.push_back(std::move(out));
  }
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
    std::function<std::optional<OrderNode>(const ast::OrderNode &,
                                           std::vector<std::pair<LockMode, Span>> &)>
        build = [&](const ast::OrderNode &node,
                    std::vector<std::pair<LockMode, Span>> &ancestors) -> std::optional<OrderNode> {
      OrderNode result;
      result.note = node.note.value;
      result.pos = pos(node.span);
      bool ok = true;
      for (const ast::LockMode &lm : node.locks) {
        LockMode m{lm.lock.text, ""};
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
          out.edges.push_back({ancestor, m, in.name.text, result.pos});
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
  std::sort(starts.begin(), starts.end(), [&](size_t a, size_t b) {
    return model_.locks[a].name < model_.locks[b].name;
  });
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
    const Lock *taken = model_.findLock(rel.lock);
    if (!other || !taken)
      continue;
    for (size_t ei : out[lockId(rel.other)]) {
      const EdgeSite &site = allEdges[ei];
      if (toId[ei] != lockId(rel.lock))
        continue;
      const std::string &held = edgeAt(site).from.mode;
      if (!rel.otherMode.empty() && !held.empty() && other &&
          !other->satisfies(held, rel.otherMode) && !other->satisfies(rel.otherMode, held))
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
  for (ast::Operation &in : spec_.operations) {
    Operation out;
    prose(out, in.name, in.prose, "operation", true);
    Context ctx;
    roleExprs_.clear();
    auto addRole = [&](const ast::Role &r) -> std::optional<Role> {
      const Entity *e = lookup(r.object.text);
      if (!e || e->kind != "object") {
        diags_.error(r.object.span, "role object '" + r.object.text + "' is not an object");
        return std::nullopt;
      }
      if (!ctx.roles.emplace(r.name.text, r.object.text).second) {
        diags_.error(r.name.span, "duplicate role '" + r.name.text + "'");
        return std::nullopt;
      }
      roleExprs_[r.name.text] = r.expr.value;
      return Role{r.name.text, r.object.text, r.expr.value};
    };
    if (in.subjects.size() != 1) {
      diags_.error(in.subjects.empty() ? in.name.span : in.subjects[1].name.span,
                   "operation '" + in.name.text + "' must name exactly one subject");
    }
    if (!in.subjects.empty()) {
      if (auto s = addRole(in.subjects[0])) {
        out.subject = *s;
        ctx.subject = s->name;
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
    model_.operations.push_back(std::move(out));
  }
}

// ---------------------------------------------------------------------------------------------
// Tables and matrices

std::optional<bool> Sema::yesNo(const ast::Name &value) {
  if (value.text == "Y" || value.text == "N")
    return value.text == "Y";
  diags_.error(value.span, "expected 'Y' or 'N', found '" + value.text + "'");
  return std::nullopt;
}

void Sema::tables() {
  for (ast::Table &in : spec_.tables) {
    StateTable out;
    prose(out, in.name, in.prose, "table", true);
    const Entity *objEntity = lookup(in.object.text);
    if (!objEntity || objEntity->kind != "object") {
      diags_.error(in.object.text.empty() ? in.name.span : in.object.span,
                   "table '" + in.name.text + "' needs an 'object'");
      model_.tables.push_back(std::move(out));
      continue;
    }
    const Object &object = model_.objects[objEntity->index];
    out.object = object.name;
    Context ctx{object.var, {{object.var, object.name}}};
    roleExprs_.clear();
    // Axes: each a lock or a group; its values are "-" and the modes every member has.
    std::vector<std::vector<std::string>> axisModes;
    std::vector<std::vector<const Lock *>> axisLocks;
    bool ok = true;
    for (size_t i = 0; i < in.axes.size(); ++i) {
      const ast::Name &axis = in.axes[i];
      out.axes.push_back(axis.text);
      out.axisTitles.push_back(in.axisTitles[i].value);
      const Entity *e = lookup(axis.text);
      std::vector<const Lock *> locks;
      if (e && e->kind == "lock")
        locks.push_back(&model_.locks[e->index]);
      else if (e && e->kind == "group")
        for (const std::string &m : model_.groups[e->index].members)
          locks.push_back(model_.findLock(m));
      else {
        diags_.error(axis.span, "axis '" + axis.text + "' is not a lock or group");
        ok = false;
        continue;
      }
      std::vector<std::string> modes;
      for (const Mode &m : locks.front()->modes) {
        bool common = true;
        for (const Lock *l : locks)
          common = common && l->findMode(m.name);
        if (common)
          modes.push_back(m.name);
      }
      axisModes.push_back(modes);
      axisLocks.push_back(locks);
    }
    for (const ast::Column &c : in.columns) {
      TableColumn col;
      col.name = c.name.text;
      col.title = c.title.value;
      col.kind = static_cast<TableColumn::Kind>(c.kind);
      if (c.expr) {
        auto req = requirement(*c.expr, ctx, false);
        if (!req)
          ok = false;
        else
          col.requirement = std::move(*req);
      } else {
        const Entity *e = lookup(c.object.text);
        if (!e || e->kind != "object") {
          diags_.error(c.object.span, "'" + c.object.text + "' is not an object");
          ok = false;
        }
        col.object = c.object.text;
        for (const ast::Str &t : c.tables) {
          col.tables.push_back(t.value);
          bool found = false;
          if (e && e->kind == "object")
            for (const Field &f : model_.objects[e->index].fields)
              found = found || f.table == t.value;
          if (!found) {
            diags_.error(t.span,
                         "no field of '" + c.object.text + "' is in table '" + t.value + "'");
            ok = false;
          }
        }
      }
      out.columns.push_back(std::move(col));
    }
    if (!ok) {
      model_.tables.push_back(std::move(out));
      continue;
    }
    // Resolve a cell's mode names or abbreviations.
    auto resolveCell = [&](const ast::Cell &cell, size_t axis,
                           std::vector<std::string> *modes) -> bool {
      for (const ast::Name &n : cell.modes) {
        if (n.text == "-") {
          modes->push_back("");
          continue;
        }
        std::string found;
        for (const std::string &m : axisModes[axis]) {
          const Mode *mode = axisLocks[axis].front()->findMode(m);
          if (mode->name == n.text || mode->abbrev == n.text)
            found = m;
        }
        if (found.empty()) {
          diags_.error(n.span, "axis '" + out.axes[axis] + "' has no mode '" + n.text + "'");
          return false;
        }
        modes->push_back(found);
      }
      return true;
    };
    // Held atoms for a state.
    auto atomsOf = [&](const State &state) {
      std::vector<Atom> have;
      for (size_t a = 0; a < state.size(); ++a) {
        if (state[a].empty())
          continue;
        for (const Lock *lock : axisLocks[a]) {
          Atom atom;
          atom.lock = lock->name;
          atom.mode = state[a];
          if (!lock->owner.empty()) {
            atom.role = object.var;
            atom.object = object.name;
            if (auto links = model_.linkPath(object.name, lock->owner))
              atom.links = *links;
            atom.instance = instanceExpr(object.name, object.var, atom.links, *lock);
          }
          have.push_back(atom);
        }
      }
      return have;
    };
    auto valid = [&](const State &state) {
      // A state is valid unless a relation says one hold needs another the state lacks.
      for (const Relation &rel : model_.relations) {
        if (rel.kind == Relation::Kind::Forbidden)
          continue;
        for (size_t a = 0; a < state.size(); ++a) {
          if (state[a].empty() || out.axes[a] != rel.lock)
            continue;
          const Lock *lock = axisLocks[a].front();
          if (!rel.mode.empty() && !lock->satisfies(state[a], rel.mode))
            continue;
          bool found = false;
          for (size_t b = 0; b < state.size(); ++b)
            if (out.axes[b] == rel.other && !state[b].empty() &&
                (rel.otherMode.empty() || axisLocks[b].front()->satisfies(state[b], rel.otherMode)))
              found = true;
          bool otherIsAxis = std::count(out.axes.begin(), out.axes.end(), rel.other) > 0;
          if (otherIsAxis && !found)
            return false;
        }
      }
      return true;
    };
    auto evaluate = [&](const State &state) {
      std::vector<Atom> have = withImpliedHolds(model_, atomsOf(state));
      std::vector<bool> values;
      for (const TableColumn &col : out.columns) {
        bool value = true;
        if (col.kind == TableColumn::Kind::Satisfies) {
          value = satisfies(model_, have, col.requirement, true);
        } else {
          const Object *o = model_.findObject(col.object);
          for (const Field &f : o->fields) {
            if (col.kind == TableColumn::Kind::Reads) {
              if (f.read && f.read->kind == FieldRule::Kind::Locks)
                value = value && satisfies(model_, have, f.read->requirement, true);
              continue;
            }
            if (!col.tables.empty() &&
                std::find(col.tables.begin(), col.tables.end(), f.table) == col.tables.end())
              continue;
            bool any = false, governed = false;
            for (const FieldRule &w : f.writes) {
              if (w.kind != FieldRule::Kind::Locks)
                continue;
              governed = true;
              any = any || satisfies(model_, have, w.requirement, true);
            }
            if (governed)
              value = value && any;
          }
        }
        values.push_back(value);
      }
      return values;
    };
    // Enumerate every state.
    std::vector<State> states{{}};
    for (const auto &modes : axisModes) {
      std::vector<State> next;
      for (const State &s : states) {
        State t = s;
        t.push_back("");
        next.push_back(t);
        for (const std::string &m : modes) {
          State u = s;
          u.push_back(m);
          next.push_back(u);
        }
      }
      states = std::move(next);
    }
    for (const State &s : states)
      if (valid(s))
        out.derived.push_back({s, evaluate(s)});
    auto showState = [&](const State &s) {
      std::string text = "(";
      for (size_t a = 0; a < s.size(); ++a) {
        std::string shown = s[a].empty() ? "-" : axisLocks[a].front()->findMode(s[a])->abbrev;
        text += (a ? ", " : "") + out.axes[a] + " " + shown;
      }
      return text + ")";
    };
    // Check the declared rows against the derived states.
    std::map<State, size_t> coveredBy;
    for (size_t r = 0; r < in.rows.size(); ++r) {
      const ast::Row &row = in.rows[r];
      TableRow tr;
      tr.pos = pos(row.span);
      if (row.cells.size() != out.axes.size()) {
        diags_.error(row.span, "row has " + counted(row.cells.size(), "cell") +
                                   " but the table has " + counted(out.axes.size(), "axis"));
        continue;
      }
      if (row.values.size() != out.columns.size()) {
        diags_.error(row.span, "row has " + counted(row.values.size(), "value") +
                                   " but the table has " + counted(out.columns.size(), "column"));
        continue;
      }
      bool rowOk = true;
      for (size_t a = 0; a < row.cells.size(); ++a) {
        std::vector<std::string> modes;
        rowOk = resolveCell(row.cells[a], a, &modes) && rowOk;
        tr.cells.push_back(modes);
      }
      for (const ast::Name &v : row.values) {
        auto value = yesNo(v);
        rowOk = rowOk && value.has_value();
        tr.values.push_back(value.value_or(false));
      }
      if (!rowOk)
        continue;
      bool coversValid = false;
      bool reportedValue = false;
      for (const DerivedRow &d : out.derived) {
        bool inRow = true;
        for (size_t a = 0; a < d.state.size(); ++a)
          inRow = inRow && std::find(tr.cells[a].begin(), tr.cells[a].end(), d.state[a]) !=
                               tr.cells[a].end();
        if (!inRow)
          continue;
        coversValid = true;
        auto [it, fresh] = coveredBy.emplace(d.state, r);
        if (!fresh) {
          Diagnostic &diag = diags_.error(row.span, "row covers state " + showState(d.state) +
                                                        ", which an earlier row covers too");
          Diagnostics::note(diag, in.rows[it->second].span, "earlier row is here");
        }
        for (size_t c = 0; c < d.values.size() && !reportedValue; ++c) {
          if (d.values[c] == tr.values[c])
            continue;
          reportedValue = true;
          Diagnostic &diag =
              diags_.error(row.values[c].span,
                           "row declares '" + out.columns[c].title + "' " +
                               (tr.values[c] ? "Y" : "N") + " but the rules give " +
                               (d.values[c] ? "Y" : "N") + " for state " + showState(d.state));
          Diagnostics::note(diag, in.columns[c].name.span, "column defined here");
        }
      }
      if (!coversValid)
        diags_.error(row.span, "row covers no state the relations allow");
      out.rows.push_back(std::move(tr));
    }
    for (const DerivedRow &d : out.derived)
      if (!coveredBy.count(d.state))
        diags_.error(in.name.span,
                     "table '" + in.name.text + "' has no row for state " + showState(d.state));
    model_.tables.push_back(std::move(out));
  }
}

void Sema::matrices() {
  for (ast::Matrix &in : spec_.matrices) {
    Matrix out;
    prose(out, in.name, in.prose, "matrix", true);
    const Entity *e = lookup(in.lock.text);
    if (!e || e->kind != "lock") {
      diags_.error(in.lock.text.empty() ? in.name.span : in.lock.span,
                   "matrix '" + in.name.text + "' needs a 'lock'");
      model_.matrices.push_back(std::move(out));
      continue;
    }
    const Lock &lock = model_.locks[e->index];
    out.lock = lock.name;
    bool ok = true;
    for (const ast::MatrixRow &row : in.rows) {
      const Mode *mode = nullptr;
      for (const Mode &m : lock.modes)
        if (m.name == row.mode.text || m.abbrev == row.mode.text)
          mode = &m;
      if (!mode) {
        diags_.error(row.mode.span, "lock '" + lock.name + "' has no mode '" + row.mode.text + "'");
        ok = false;
        continue;
      }
      if (std::find(out.modes.begin(), out.modes.end(), mode->name) != out.modes.end()) {
        diags_.error(row.mode.span, "mode '" + mode->name + "' has two rows");
        ok = false;
      }
      out.modes.push_back(mode->name);
    }
    for (const Mode &m : lock.modes)
      if (ok && std::find(out.modes.begin(), out.modes.end(), m.name) == out.modes.end()) {
        diags_.error(in.name.span,
                     "matrix '" + in.name.text + "' has no row for mode '" + m.name + "'");
        ok = false;
      }
    if (!ok) {
      model_.matrices.push_back(std::move(out));
      continue;
    }
    // Derived: holds coexist when both are shared and one can be entered without passing
    // through a mode that excludes the other (a downgraded hold is entered through write).
    auto path = [&](const std::string &name) {
      std::vector<const Mode *> modes;
      for (const Mode *m = lock.findMode(name); m && modes.size() <= lock.modes.size();
           m = m->from.empty() ? nullptr : lock.findMode(m->from))
        modes.push_back(m);
      return modes;
    };
    auto enterable = [&](const std::string &a, const std::string &b) {
      const Mode *other = lock.findMode(b);
      for (const Mode *m : path(a))
        if (m->sharing != Sharing::Shared || other->sharing != Sharing::Shared)
          return false;
      return true;
    };
    for (size_t r = 0; r < in.rows.size(); ++r) {
      const ast::MatrixRow &row = in.rows[r];
      std::vector<bool> values;
      if (row.values.size() != out.modes.size()) {
        diags_.error(row.span, "matrix row has " + counted(row.values.size(), "value") +
                                   " but the lock has " + counted(out.modes.size(), "mode"));
        continue;
      }
      for (size_t c = 0; c < row.values.size(); ++c) {
        const ast::Name &v = row.values[c];
        auto value = yesNo(v);
        if (!value)
          continue;
        bool declared = *value;
        bool derived =
            !(enterable(out.modes[r], out.modes[c]) || enterable(out.modes[c], out.modes[r]));
        if (declared != derived)
          diags_.error(v.span, "matrix says '" + out.modes[r] + "' and '" + out.modes[c] + "' " +
                                   (declared ? "exclude" : "do not exclude") +
                                   " each other, but the modes' sharing and entry paths say they " +
                                   (derived ? "do" : "do not"));
        values.push_back(declared);
      }
      out.excludes.push_back(values);
    }
    model_.matrices.push_back(std::move(out));
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

} // namespace

std::optional<Model> analyze(ast::Spec &spec, const SourceManager &sources, Diagnostics &diags,
                             bool freeScratch, TimeReport *timeReport) {
  if (!freeScratch) // Deliberately never deleted.
    return (new Sema(spec, sources, diags, timeReport))->run();
  return Sema(spec, sources, diags, timeReport).run();
}

} // namespace lockspec
