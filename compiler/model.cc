#include "model.h"

#include <algorithm>
#include <cctype>
#include <map>


namespace lockspec {

namespace {

/// Indexes the items appended since the last call (`indexed` of them were indexed then).
template <typename T>
void extendIndex(const std::vector<T> &items, auto &index, size_t &indexed) {
  if (indexed > items.size()) { // Not appended to: shrunk, so start again.
    index.clear();
    indexed = 0;
  }
  for (; indexed < items.size(); ++indexed)
    index.emplace(items[indexed].name, indexed); // Keeps the first of a duplicate name.
}

template <typename T>
const T *findIndexed(const std::vector<T> &items, const auto &index, const std::string &name) {
  auto it = index.find(name);
  return it == index.end() ? nullptr : &items[it->second];
}

} // namespace

void Model::index() {
  extendIndex(objects, objectIndex_, indexed_[0]);
  extendIndex(locks, lockIndex_, indexed_[1]);
  extendIndex(apis, apiIndex_, indexed_[2]);
  extendIndex(groups, groupIndex_, indexed_[3]);
  extendIndex(operations, operationIndex_, indexed_[4]);
  if (indexed_[5] > relations.size()) {
    relationIndex_.clear();
    indexed_[5] = 0;
  }
  for (size_t &i = indexed_[5]; i < relations.size(); ++i)
    relationIndex_[relations[i].lock].push_back(i);
}

const std::vector<size_t> &Model::relationsAbout(const std::string &lock) const {
  static const std::vector<size_t> kNone;
  auto it = relationIndex_.find(lock);
  return it == relationIndex_.end() ? kNone : it->second;
}

template <typename T>
static const T *findByName(const std::vector<T> &items, const std::string &name) {
  for (const T &item : items)
    if (item.name == name)
      return &item;
  return nullptr;
}

const Mode *Lock::findMode(const std::string &mode) const {
  return findByName(modes, mode);
}

bool Lock::satisfies(const std::string &held, const std::string &required) const {
  const Mode *mode = findMode(held);
  if (!mode)
    return false;
  return std::find(mode->satisfies.begin(), mode->satisfies.end(), required) !=
         mode->satisfies.end();
}

const Field *Object::findField(const std::string &field) const {
  return findByName(fields, field);
}

const Object *Model::findObject(const std::string &name) const {
  return findIndexed(objects, objectIndex_, name);
}
const Lock *Model::findLock(const std::string &name) const {
  return findIndexed(locks, lockIndex_, name);
}
const Api *Model::findApi(const std::string &name) const {
  return findIndexed(apis, apiIndex_, name);
}
const Group *Model::findGroup(const std::string &name) const {
  return findIndexed(groups, groupIndex_, name);
}
const Operation *Model::findOperation(const std::string &name) const {
  return findIndexed(operations, operationIndex_, name);
}

std::optional<std::vector<std::string>> Model::linkPath(const std::string &from,
                                                        const std::string &to) const {
  if (from == to) // Most locks belong to the object a rule is about: no map, no queue.
    return std::vector<std::string>{};
  // Breadth-first over links: the shortest path names the instance most directly.
  std::map<std::string, std::vector<std::string>> paths{{from, {}}};
  std::vector<std::string> queue{from};
  for (size_t i = 0; i < queue.size(); ++i) {
    std::string current = queue[i];
    if (current == to)
      return paths[current];
    const Object *object = findObject(current);
    if (!object)
      continue;
    for (const Link &link : object->links) {
      if (paths.count(link.target))
        continue;
      auto path = paths[current];
      path.push_back(link.name);
      paths[link.target] = path;
      queue.push_back(link.target);
    }
  }
  return std::nullopt;
}

std::string substituteVar(const std::string &expr, const std::string &var,
                          const std::string &replacement) {
  auto identChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  // A postfix chain (vma->vm_mm) needs no parentheses; anything else (&init_mm) does.
  std::string stripped = replacement;
  for (size_t at; (at = stripped.find("->")) != std::string::npos;)
    stripped.erase(at, 2);
  bool simple = stripped.find_first_of(" +-*&?:()!~") == std::string::npos;
  std::string with = simple ? replacement : "(" + replacement + ")";
  std::string out;
  for (size_t i = 0; i < expr.size();) {
    if (!identChar(expr[i])) {
      out += expr[i++];
      continue;
    }
    size_t j = i;
    while (j < expr.size() && identChar(expr[j]))
      ++j;
    bool member = (i >= 1 && expr[i - 1] == '.') || (i >= 2 && expr.compare(i - 2, 2, "->") == 0);
    out += !member && expr.compare(i, j - i, var) == 0 && j - i == var.size()
               ? with
               : expr.substr(i, j - i);
    i = j;
  }
  return out;
}

std::optional<Model::Reached> Model::followLinks(std::string expr, const std::string &object,
                                                 const std::vector<std::string> &links) const {
  const Object *at = findObject(object);
  if (!at)
    return std::nullopt;
  for (const std::string &name : links) {
    const Link *link = nullptr;
    for (const Link &l : at->links)
      if (l.name == name)
        link = &l;
    if (!link)
      return std::nullopt;
    expr = substituteVar(link->expr, at->var, expr);
    at = findObject(link->target);
    if (!at)
      return std::nullopt;
  }
  return Reached{std::move(expr), at};
}

std::vector<OrderEdge> Model::enforcedEdges() const {
  std::vector<OrderEdge> edges;
  for (const Order &order : orders)
    if (order.historical.empty())
      edges.insert(edges.end(), order.edges.begin(), order.edges.end());
  return edges;
}

const char *toString(LockKind kind) {
  switch (kind) {
  case LockKind::Rwsem:
    return "rwsem";
  case LockKind::Spinlock:
    return "spinlock";
  case LockKind::Mutex:
    return "mutex";
  case LockKind::VmaLock:
    return "vma_lock";
  case LockKind::Rcu:
    return "rcu";
  case LockKind::Seqcount:
    return "seqcount";
  case LockKind::Ordering:
    return "ordering";
  }
  return "?";
}

const char *toString(Sharing sharing) {
  return sharing == Sharing::Shared ? "shared" : "exclusive";
}

const char *toString(ApiKind kind) {
  switch (kind) {
  case ApiKind::Acquire:
    return "acquire";
  case ApiKind::Try:
    return "try";
  case ApiKind::Release:
    return "release";
  case ApiKind::Downgrade:
    return "downgrade";
  case ApiKind::Assert:
    return "assert";
  }
  return "?";
}

const char *toString(TrySuccess success) {
  switch (success) {
  case TrySuccess::None:
    return "none";
  case TrySuccess::True:
    return "true";
  case TrySuccess::Zero:
    return "zero";
  case TrySuccess::NonNull:
    return "nonnull";
  }
  return "?";
}

const char *toString(Relation::Kind kind) {
  switch (kind) {
  case Relation::Kind::Requires:
    return "requires";
  case Relation::Kind::EndsWith:
    return "ends_with";
  case Relation::Kind::Forbidden:
    return "forbidden";
  }
  return "?";
}

const char *toString(FieldRule::Kind kind) {
  switch (kind) {
  case FieldRule::Kind::Locks:
    return "locks";
  case FieldRule::Kind::Once:
    return "once";
  case FieldRule::Kind::Owner:
    return "owner";
  }
  return "?";
}

const char *toString(TableColumn::Kind kind) {
  switch (kind) {
  case TableColumn::Kind::Satisfies:
    return "satisfies";
  case TableColumn::Kind::Reads:
    return "reads";
  case TableColumn::Kind::Writes:
    return "writes";
  }
  return "?";
}

} // namespace lockspec
