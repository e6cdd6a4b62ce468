#include "sema_checks.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace lockspec {

namespace {

/// Reports at model positions.
class Reporter {
public:
  Reporter(const SourceManager &sources, Diagnostics &diags) : sources_(sources), diags_(diags) {}

  Diagnostic &error(const SourcePos &pos, std::string message) {
    const std::string &file = pos.file;
    if (auto span = sources_.spanAt(file, pos.line, pos.column))
      return diags_.error(*span, std::move(message));
    return diags_.error(std::move(message));
  }
  void note(Diagnostic &diag, const SourcePos &pos, std::string message) {
    const std::string &file = pos.file;
    if (auto span = sources_.spanAt(file, pos.line, pos.column))
      Diagnostics::note(diag, *span, std::move(message));
  }

private:
  const SourceManager &sources_;
  Diagnostics &diags_;
};

/// The words of a C function name: `mmap_read_unlock` -> mmap, read, unlock.
std::set<std::string> wordsOf(const std::string &name) {
  std::set<std::string> words;
  size_t start = 0;
  for (;;) {
    size_t underscore = name.find('_', start);
    words.insert(name.substr(start, underscore - start));
    if (underscore == std::string::npos)
      return words;
    start = underscore + 1;
  }
}

const char *successSpelling(TrySuccess success) {
  switch (success) {
  case TrySuccess::True:
    return "when true";
  case TrySuccess::Zero:
    return "when zero";
  case TrySuccess::NonNull:
    return "when nonnull";
  case TrySuccess::None:
    break;
  }
  return "no success condition";
}

void checkTrySuccess(const Api &api, Reporter &report) {
  if (api.kind != ApiKind::Try || api.success == TrySuccess::None)
    return;
  const std::string &returnType = api.returnType;
  bool returnsPointer = api.returnsInstance || !returnType.empty();
  TrySuccess expected = TrySuccess::None;
  std::string why;
  if (returnsPointer) {
    expected = TrySuccess::NonNull;
    why = "it returns a pointer, which is NULL on failure";
  } else if (api.killable) {
    expected = TrySuccess::Zero;
    why = "it is killable: it returns 0, or -EINTR on a fatal signal";
  } else if (wordsOf(api.name).count("trylock") && api.success != TrySuccess::NonNull) {
    // (A trylock may return the pointer it locked without the spec saying `-> T`.)
    expected = TrySuccess::True;
    why = "a trylock returns true (nonzero) when it took the lock";
  }
  if (expected != TrySuccess::None && api.success != expected)
    report.error(api.pos, "try '" + api.name + "' succeeds '" + successSpelling(expected) +
                              "', not '" + successSpelling(api.success) + "': " + why);
}

void checkModeByName(const Model &model, const Api &api, Reporter &report) {
  const Lock *lock = model.findLock(api.lock);
  const std::string &modeName = api.mode;
  const Mode *mode = lock ? lock->findMode(modeName) : nullptr;
  if (!mode)
    return;
  std::set<std::string> words = wordsOf(api.name);
  bool read = words.count("read"), write = words.count("write");
  if (read == write)
    return;
  if (read && mode->sharing == Sharing::Exclusive)
    report.error(api.pos, "'" + api.name + "' is a read-side function by its name, but its mode '" +
                              modeName + "' of '" + lock->name + "' is exclusive");
  if (write && mode->sharing == Sharing::Shared)
    report.error(api.pos, "'" + api.name + "' is a write-side function by its name, but its mode '" +
                              modeName + "' of '" + lock->name + "' is shared");
}

/// A release must end a hold that something of its lock can make.
void checkReleaseMode(const Model &model, const Api &api, Reporter &report) {
  if (api.kind != ApiKind::Release)
    return;
  const Lock *lock = model.findLock(api.lock);
  if (!lock)
    return;
  // The lock's own functions, not every function of the spec: a spec has thousands.
  bool anyEntry = false;
  for (const std::string &name : lock->apis) {
    const Api *other = model.findApi(name);
    if (!other || (other->kind != ApiKind::Acquire && other->kind != ApiKind::Try &&
                   other->kind != ApiKind::Downgrade))
      continue;
    anyEntry = anyEntry || other->kind != ApiKind::Downgrade;
    // Releasing a weaker mode than the one held is how the kernel drops a downgraded hold
    // (mmap_read_unlock), so a release matches any mode entered that satisfies it.
    const std::string &entered = other->kind == ApiKind::Downgrade ? other->toMode : other->mode;
    if (lock->satisfies(entered, api.mode))
      return;
  }
  // A lock with no acquiring function in the spec (taken by code the spec does not list)
  // gives no evidence.
  if (anyEntry)
    report.error(api.pos, "release '" + api.name + "' ends a hold of '" + lock->name + "." +
                              api.mode + "', which no function of the lock takes");
}

void checkEndsWithCycles(const Model &model, Reporter &report) {
  std::map<std::string, std::vector<const Relation *>> out;
  for (const Relation &r : model.relations)
    if (r.kind == Relation::Kind::EndsWith)
      out[r.lock].push_back(&r);
  std::map<std::string, int> state; // 0 unseen, 1 on the path, 2 done.
  std::vector<const Relation *> path;
  std::function<void(const std::string &)> visit = [&](const std::string &lock) {
    state[lock] = 1;
    for (const Relation *r : out[lock]) {
      const std::string &next = r->other;
      path.push_back(r);
      if (state[next] == 1) {
        // The cycle is the part of the path from the relation that left `next`.
        auto from = std::find_if(path.begin(), path.end(), [&](const Relation *p) {
          return static_cast<const std::string &>(p->lock) == next;
        });
        Diagnostic &diag = report.error(
            r->pos, "'ends with' relations form a cycle: no hold in it could end first");
        for (auto it = from; it != path.end(); ++it) {
          const std::string &a = (*it)->lock, &b = (*it)->other;
          report.note(diag, (*it)->pos, "'" + a + "' ends with '" + b + "' here");
        }
      } else if (state[next] == 0) {
        visit(next);
      }
      path.pop_back();
    }
    state[lock] = 2;
  };
  for (const auto &[lock, relations] : out)
    if (state[lock] == 0)
      visit(lock);
}

void checkTableHierarchy(const Model &model, Reporter &report) {
  for (const OrderEdge &edge : model.enforcedEdges()) {
    const Lock *from = model.findLock(edge.from.lock);
    const Lock *to = model.findLock(edge.to.lock);
    if (!from || !to || !from->split || !to->split ||
        from->split->fallbackLock != to->split->fallbackLock || from->owner.empty() ||
        to->owner.empty() || from->owner == to->owner)
      continue;
    // `from`'s object reaches `to`'s through its links: it is the table below.
    auto below = model.linkPath(from->owner, to->owner);
    if (!below || below->empty())
      continue;
    const std::string &order = edge.order;
    report.error(edge.pos, "order '" + order + "' takes '" + from->name + "' before '" +
                               to->name + "', but " + from->owner + " lies below " + to->owner +
                               " (link '" + below->front() +
                               "'): page-table locks are taken from the upper table down");
  }
}

} // namespace

void crossCheck(const Model &model, const SourceManager &sources, Diagnostics &diags) {
  Reporter report(sources, diags);
  for (const Api &api : model.apis) {
    checkTrySuccess(api, report);
    checkModeByName(model, api, report);
    checkReleaseMode(model, api, report);
  }
  checkEndsWithCycles(model, report);
  checkTableHierarchy(model, report);
}

} // namespace lockspec
