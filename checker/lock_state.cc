#include "lock_state.h"

#include <algorithm>

#include "c_expr.h"

namespace lockspec::check {
namespace {

bool isSimpleName(std::string_view key) {
  if (!key.empty() && (key[0] == '&' || key[0] == '*'))
    key.remove_prefix(1);
  return isIdentifier(key);
}

} // namespace

State deadState() {
  State s;
  s.live = false;
  return s;
}

bool sameHold(const Held &a, const Held &b) {
  return a.lock == b.lock && a.key == b.key;
}

void addDropped(State &st, const Held &h) {
  auto it = std::find_if(st.dropped.begin(), st.dropped.end(),
                         [&](const Held &o) { return sameHold(o, h); });
  if (it == st.dropped.end())
    st.dropped.push_back(h);
  else
    it->may = it->may && h.may;
}

State join(const State &a, const State &b) {
  if (!a.live)
    return b;
  if (!b.live)
    return a;
  State r;
  auto settledIn = [](const State &s, const Held &h) {
    return std::any_of(s.settled.begin(), s.settled.end(),
                       [&](const Held &o) { return sameHold(h, o); });
  };
  auto isNull = [](const State &s, const std::string &var) {
    return std::find(s.nulls.begin(), s.nulls.end(), var) != s.nulls.end();
  };
  // A hold on one side only whose pointer is NULL on the other: held exactly where that
  // pointer is non-NULL, as a try's result says.  Besides its own guard, a hold correlates
  // with a pointer that guards another hold of its side and is NULL on the other.
  auto pendingFor = [&](const State &mine, const State &other, const Held &h) -> std::string {
    if (h.may)
      return "";
    // Pending on the other side already, and this side's pointer is not NULL: the same.
    for (const Pending &p : other.pending)
      if (!p.held.guard.empty() && sameHold(p.held, h) && !isNull(mine, p.var))
        return p.var;
    if (!h.guard.empty())
      return isNull(other, h.guard) ? h.guard : "";
    for (const std::string &v : other.nulls)
      if (!isNull(mine, v) && std::any_of(mine.held.begin(), mine.held.end(),
                                          [&](const Held &o) { return !o.may && o.guard == v; }))
        return v;
    return "";
  };
  std::vector<Pending> guarded;
  for (const Held &h : a.held) {
    auto it =
        std::find_if(b.held.begin(), b.held.end(), [&](const Held &o) { return sameHold(h, o); });
    if (it == b.held.end() && h.may && settledIn(b, h))
      continue;
    if (it == b.held.end())
      if (std::string v = pendingFor(a, b, h); !v.empty()) {
        Held g = h;
        g.guard = v;
        guarded.push_back({v, TrySuccess::NonNull, g});
        continue;
      }
    Held j = h;
    if (it == b.held.end() || it->may || it->mode != h.mode)
      j.may = true;
    else
      j.asserted = h.asserted && it->asserted;
    // One path's alias of another hold and the other path's lock of its own: the same lock
    // on some paths only.
    if (it != b.held.end() && it->alias != h.alias) {
      j.alias = h.alias.empty() ? it->alias : h.alias;
      j.partAlias = true;
    } else if (it != b.held.end()) {
      j.partAlias = h.partAlias || it->partAlias;
    }
    r.held.push_back(j);
  }
  for (const Held &h : b.held)
    if (std::none_of(a.held.begin(), a.held.end(), [&](const Held &o) { return sameHold(h, o); })) {
      if (h.may && settledIn(a, h))
        continue;
      if (std::string v = pendingFor(b, a, h); !v.empty()) {
        Held g = h;
        g.guard = v;
        guarded.push_back({v, TrySuccess::NonNull, g});
        continue;
      }
      Held j = h;
      j.may = true;
      r.held.push_back(j);
    }
  r.settled = a.settled;
  for (const Held &h : b.settled)
    if (!settledIn(r, h))
      r.settled.push_back(h);
  for (const Held &h : a.dropped) {
    auto it = std::find_if(b.dropped.begin(), b.dropped.end(),
                           [&](const Held &o) { return sameHold(h, o); });
    Held j = h;
    j.may = h.may || it == b.dropped.end() || it->may;
    r.dropped.push_back(j);
  }
  for (const Held &h : b.dropped)
    if (std::none_of(a.dropped.begin(), a.dropped.end(),
                     [&](const Held &o) { return sameHold(h, o); })) {
      Held j = h;
      j.may = true;
      r.dropped.push_back(j);
    }
  r.gone = a.gone;
  for (const std::string &k : b.gone)
    if (std::find(r.gone.begin(), r.gone.end(), k) == r.gone.end())
      r.gone.push_back(k);
  for (const std::string &v : a.nulls)
    if (isNull(b, v))
      r.nulls.push_back(v);
  for (const std::string &k : a.unpublished)
    if (isUnpublished(b, k))
      r.unpublished.push_back(k);
  r.published = a.published;
  for (const std::string &k : b.published)
    if (!wasPublished(r, k))
      r.published.push_back(k);
  r.pending = a.pending;
  for (const Pending &p : b.pending)
    if (std::none_of(r.pending.begin(), r.pending.end(),
                     [&](const Pending &o) { return o.var == p.var && sameHold(o.held, p.held); }))
      r.pending.push_back(p);
  for (Pending &p : guarded)
    if (std::none_of(r.pending.begin(), r.pending.end(),
                     [&](const Pending &o) { return o.var == p.var && sameHold(o.held, p.held); }))
      r.pending.push_back(std::move(p));
  return r;
}

namespace {
void markGone(State &st, const std::string &key) {
  if (!key.empty() && key[0] == '*' &&
      std::find(st.gone.begin(), st.gone.end(), key) == st.gone.end())
    st.gone.push_back(key);
}
} // namespace

void endAliases(State &st, const std::string &key, const std::string &alias, bool partAlias) {
  markGone(st, key);
  for (auto it = st.held.begin(); it != st.held.end();) {
    if (!key.empty() && it->alias == key) {
      if (!it->partAlias) {
        markGone(st, it->key);
        it = st.held.erase(it);
        continue;
      }
      it->alias.clear();
      it->partAlias = false;
      it->may = true;
    }
    ++it;
  }
  if (alias.empty())
    return;
  auto target =
      std::find_if(st.held.begin(), st.held.end(), [&](const Held &h) { return h.key == alias; });
  if (target == st.held.end())
    return;
  if (partAlias) {
    target->may = true;
    return;
  }
  markGone(st, alias);
  st.held.erase(target);
}

void comparePointers(State &st, const Lock *cx, const std::string &x, const Lock *cy,
                     const std::string &y, bool same) {
  auto find = [&](const std::string &key) {
    return std::find_if(st.held.begin(), st.held.end(),
                        [&](const Held &h) { return h.key == key; });
  };
  // An alias between the two: on the equal branch it is one lock; on the other branch a
  // hold that was an alias on every path is not held at all, and one that was a lock of its
  // own on some paths is that lock.
  for (auto it = st.held.begin(); it != st.held.end();) {
    if ((it->key == x && it->alias == y) || (it->key == y && it->alias == x)) {
      if (!same && !it->partAlias) {
        it = st.held.erase(it);
        continue;
      }
      if (!same)
        it->alias.clear();
      it->partAlias = false;
    }
    ++it;
  }
  if (!same)
    return;
  auto gone = [&](const std::string &key) {
    return std::find(st.gone.begin(), st.gone.end(), key) != st.gone.end();
  };
  for (int side = 0; side < 2; ++side) {
    const std::string &held = side ? y : x, &other = side ? x : y;
    const Lock *otherClass = side ? cx : cy;
    auto h = find(held);
    if (h == st.held.end() || find(other) != st.held.end() || !h->alias.empty())
      continue;
    if (gone(other)) { // released under the other name: so was this one
      markGone(st, held);
      st.held.erase(h);
      continue;
    }
    Held a = *h;
    a.lock = otherClass;
    a.key = other;
    a.alias = held;
    a.partAlias = false;
    st.held.push_back(a);
  }
}

bool sameState(const State &a, const State &b) {
  if (a.live != b.live || a.held.size() != b.held.size() || a.pending.size() != b.pending.size() ||
      a.dropped.size() != b.dropped.size() || a.nulls != b.nulls ||
      a.unpublished != b.unpublished || a.published.size() != b.published.size())
    return false;
  for (size_t i = 0; i < a.held.size(); ++i)
    if (!sameHold(a.held[i], b.held[i]) || a.held[i].mode != b.held[i].mode ||
        a.held[i].may != b.held[i].may || a.held[i].alias != b.held[i].alias ||
        a.held[i].partAlias != b.held[i].partAlias)
      return false;
  return true;
}

bool isUnpublished(const State &st, std::string_view key) {
  return !key.empty() &&
         std::find(st.unpublished.begin(), st.unpublished.end(), key) != st.unpublished.end();
}

bool wasPublished(const State &st, std::string_view key) {
  return std::find(st.published.begin(), st.published.end(), key) != st.published.end();
}

Alias compareKeys(std::string_view a, std::string_view b) {
  if (a == b)
    return Alias::Same;
  if (a.empty() || b.empty())
    return Alias::Maybe; // An unknown instance could be any.
  // Two distinct variables are two objects (`vma` vs `prev`, `ptl` vs `ptl2`); anything
  // reached through a pointer (`vma->vm_mm`) may be the object another name denotes.
  if (isSimpleName(a) && isSimpleName(b))
    return Alias::Different;
  return Alias::Maybe;
}

std::string_view stripNode(ts::Node &n) {
  while (!n.isNull() && (std::string_view(n.type()) == "parenthesized_expression" ||
                         std::string_view(n.type()) == "cast_expression")) {
    ts::Node inner =
        std::string_view(n.type()) == "cast_expression" ? n.child("value") : n.namedChild(0);
    if (inner.isNull())
      break;
    n = inner;
  }
  return n.type();
}

std::vector<ts::Node> callArgs(ts::Node call) {
  std::vector<ts::Node> out;
  for (const ts::Node &a : call.child("arguments").namedChildren())
    if (std::string_view(a.type()) != "comment")
      out.push_back(a);
  return out;
}

std::string quote(std::string_view s) {
  return "'" + std::string(s) + "'";
}

std::string describe(const Lock *lock, std::string_view key) {
  std::string out = quote(lock ? lock->name : "lock");
  if (!key.empty())
    out += " of " + quote(key);
  return out;
}

} // namespace lockspec::check
