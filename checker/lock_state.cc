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
  for (const Held &h : a.held) {
    auto it =
        std::find_if(b.held.begin(), b.held.end(), [&](const Held &o) { return sameHold(h, o); });
    if (it == b.held.end() && h.may && settledIn(b, h))
      continue;
    Held j = h;
    if (it == b.held.end() || it->may || it->mode != h.mode)
      j.may = true;
    else
      j.asserted = h.asserted && it->asserted;
    r.held.push_back(j);
  }
  for (const Held &h : b.held)
    if (std::none_of(a.held.begin(), a.held.end(), [&](const Held &o) { return sameHold(h, o); })) {
      if (h.may && settledIn(a, h))
        continue;
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
                     [&](const Pending &o) { return o.var == p.var; }))
      r.pending.push_back(p);
  return r;
}

bool sameState(const State &a, const State &b) {
  if (a.live != b.live || a.held.size() != b.held.size() || a.pending.size() != b.pending.size() ||
      a.dropped.size() != b.dropped.size() || a.unpublished != b.unpublished ||
      a.published.size() != b.published.size())
    return false;
  for (size_t i = 0; i < a.held.size(); ++i)
    if (!sameHold(a.held[i], b.held[i]) || a.held[i].mode != b.held[i].mode ||
        a.held[i].may != b.held[i].may)
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
