// Sema's relations and lock-order trees: each relation resolved and checked, each tree's
// edges built, cycles reported once per strongly connected set, and orders that allow what a
// relation forbids.
#include "sema_impl.h"

#include <algorithm>
#include <functional>
#include <set>

namespace lockspec {
namespace detail {

bool Sema::checkLockMode(const ast::LockMode &lm, std::string *mode) {
  const Entity *e = lookup(lm.lock.text);
  if (!e || e->kind != "lock") {
    diags_.error(lm.lock.span, "'" + lm.lock.text + "' is not a lock" +
                                   didYouMean(lm.lock.text, tables_.names, isLock));
    return false;
  }
  const Lock &lock = model_.locks[e->index];
  if (!lm.mode.text.empty() && !lock.findMode(lm.mode.text)) {
    diags_.error(lm.mode.span, "lock '" + lock.name + "' has no mode '" + lm.mode.text + "'" +
                                   didYouMeanNamed(lm.mode.text, lock.modes));
    return false;
  }
  *mode = lm.mode.text;
  return true;
}

void Sema::relations() {
  size_t n = spec_.relations.size();
  model_.relations.resize(n);
  std::vector<char> kept(n, 0);
  for (size_t i = 0; i < n; ++i)
    kept[i] = relation(i);
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
  out.lock = std::string(r.lock.lock.text);
  out.other = std::string(r.other.lock.text);
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
    std::string orderName = in.name.text;
    std::function<std::optional<OrderNode>(const ast::OrderNode &,
                                           std::vector<std::pair<LockMode, Span>> &)>
        build = [&](const ast::OrderNode &node,
                    std::vector<std::pair<LockMode, Span>> &ancestors) -> std::optional<OrderNode> {
      OrderNode result;
      result.note = node.note.value;
      result.pos = pos(node.span);
      bool ok = true;
      for (const ast::LockMode &lm : node.locks) {
        LockMode m{std::string(lm.lock.text), std::string()};
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
  // locks), so the search runs on vectors.
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

  // Ranks: longest chains, in topological order (Kahn).  Locks on a cycle (reported above)
  // are never reached and keep rank 0; the model is not built then anyway.
  std::vector<size_t> waiting(model_.locks.size(), 0); // Unranked predecessors, per lock.
  for (size_t ei = 0; ei < allEdges.size(); ++ei)
    if (fromId[ei] != toId[ei])
      ++waiting[toId[ei]];
  std::vector<size_t> ready;
  for (size_t id = 0; id < waiting.size(); ++id)
    if (waiting[id] == 0)
      ready.push_back(id);
  while (!ready.empty()) {
    size_t from = ready.back();
    ready.pop_back();
    for (size_t ei : out[from]) {
      Lock &to = model_.locks[toId[ei]];
      to.orderRank = std::max(to.orderRank, model_.locks[from].orderRank + 1);
      if (--waiting[toId[ei]] == 0)
        ready.push_back(toId[ei]);
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

} // namespace detail
} // namespace lockspec
