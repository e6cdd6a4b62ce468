#include "lock_state.h"

#include <algorithm>
#include <functional>
#include <iterator>

#include "c_expr.h"

namespace lockspec::check {
namespace {

bool isSimpleName(std::string_view key) {
  if (!key.empty() && (key[0] == '&' || key[0] == '*'))
    key.remove_prefix(1);
  return isIdentifier(key);
}

} // namespace

Held holdOf(const Lock *lock, std::string mode, std::string key, uint32_t at, uint32_t atEnd) {
  Held h;
  h.lock = lock;
  h.mode = std::move(mode);
  h.key = std::move(key);
  h.at = at;
  h.atEnd = atEnd;
  return h;
}

State deadState() {
  State s;
  s.live = false;
  return s;
}

bool sameHold(const Held &a, const Held &b) {
  // Two holds of a lock with no owner (two RCU read sections, one per mapped PTE table)
  // are told apart by the variables that say they exist.
  return a.lock == b.lock && a.key == b.key &&
         (!a.key.empty() || a.guard.empty() || b.guard.empty() || a.guard == b.guard);
}

void addDropped(State &st, const Held &h) {
  auto it = std::find_if(st.dropped.begin(), st.dropped.end(),
                         [&](const Held &o) { return sameHold(o, h); });
  if (it == st.dropped.end())
    st.dropped.push_back(h);
  else {
    it->may = it->may && h.may;
    // Released again (a loop's next call): the latest word on where it is still held
    // (the flag that call clears when it drops the lock) is the one that tells.
    if (it->may && !h.guard.empty()) {
      it->guard = h.guard;
      it->guardNonzero = h.guardNonzero;
      it->guardMask = h.guardMask;
    }
  }
}

const Fact *factOf(const State &st, std::string_view var) {
  auto it = std::lower_bound(st.facts.begin(), st.facts.end(), var,
                             [](const Fact &f, std::string_view v) { return f.var < v; });
  return it != st.facts.end() && it->var == var ? &*it : nullptr;
}

bool knowsNothing(const State &st) {
  auto guarded = [](const Held &h) { return !h.guard.empty(); };
  return st.facts.empty() && std::none_of(st.held.begin(), st.held.end(), guarded) &&
         std::none_of(st.dropped.begin(), st.dropped.end(), guarded);
}

void setFact(State &st, const std::string &var, std::optional<bool> value, bool error) {
  if (!value && knowsNothing(st))
    return; // nothing known, nothing tied: nothing to forget
  for (std::vector<Held> *list : {&st.held, &st.dropped})
    for (Held &h : *list) {
      if (h.guard == var) {
        h.guard.clear();
        h.guardMask.clear();
      }
      std::erase_if(h.also, [&](const Fact &c) { return c.var == var; });
      std::erase(h.nullWith, var);
    }
  auto it = std::lower_bound(st.facts.begin(), st.facts.end(), var,
                             [](const Fact &f, const std::string &v) { return f.var < v; });
  bool present = it != st.facts.end() && it->var == var;
  if (!value) {
    if (present)
      st.facts.erase(it);
  } else if (present) {
    it->nonzero = *value;
    it->error = error;
  } else
    st.facts.insert(it, Fact{var, *value, error});
}

namespace {

/// On this path the hold `h` guards exists (`held`) or not: a hold is kept as definite or
/// dropped; a caller's released hold (in `dropped`, whose guard says where it is still held)
/// is dropped from the list or known released.
void decide(State &st, const std::function<int(const Held &)> &verdict) {
  std::erase_if(st.held, [&](const Held &h) { return verdict(h) == 0; });
  for (Held &h : st.held)
    if (verdict(h) == 1)
      h.may = false;
  std::erase_if(st.dropped, [&](const Held &h) { return verdict(h) == 1; });
  for (Held &h : st.dropped)
    if (verdict(h) == 0)
      h.may = false;
}

bool subset(const std::vector<std::string> &a, const std::vector<std::string> &b) {
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

} // namespace

void assumeBits(State &st, const std::string &var, const std::vector<std::string> &bits, bool set) {
  // 1: the guard says held here; 0: not held; -1: it does not tell.
  decide(st, [&](const Held &h) {
    if (h.guard != var)
      return -1;
    if (h.guardMask.empty())
      return set ? (h.guardNonzero ? 1 : 0) : -1;
    bool maskSet = set ? subset(bits, h.guardMask) : false;
    bool maskClear = !set && subset(h.guardMask, bits);
    if (!maskSet && !maskClear)
      return -1;
    return maskSet == h.guardNonzero ? 1 : 0;
  });
}

void assume(State &st, const std::string &var, bool nonzero) {
  if (nonzero)
    for (Held &h : st.held)
      std::erase(h.nullWith, var);
  // Nonzero where the path knew it NULL or an error pointer: an error pointer, a failure.
  const Fact *known = factOf(st, var);
  bool error = nonzero && known && known->error;
  decide(st, [&](const Held &h) {
    for (const Fact &c : h.also)
      if (c.var == var && c.nonzero != nonzero)
        return 0;
    if (h.guard != var || (!h.guardMask.empty() && nonzero))
      return -1; // a nonzero result need not have the bits
    if (h.guardNonzero != (nonzero && !error))
      return 0;
    bool rest = std::any_of(h.also.begin(), h.also.end(), [&](const Fact &c) { return c.var != var; });
    return rest ? -1 : 1;
  });
  // Conditions this test met: the guard's gives way to the next one.
  for (Held &h : st.held) {
    std::erase_if(h.also, [&](const Fact &c) { return c.var == var; });
    if (h.guard == var && h.guardMask.empty() && h.guardNonzero == nonzero && !h.also.empty()) {
      h.guard = h.also.front().var;
      h.guardNonzero = h.also.front().nonzero;
      h.also.erase(h.also.begin());
    }
  }
  auto it = std::lower_bound(st.facts.begin(), st.facts.end(), var,
                             [](const Fact &f, const std::string &v) { return f.var < v; });
  if (it != st.facts.end() && it->var == var) {
    it->nonzero = nonzero;
    it->error = error;
  } else
    st.facts.insert(it, Fact{var, nonzero, error});
}

bool assumeError(State &st, const std::string &var, bool orNull, bool yes) {
  const Fact *known = factOf(st, var);
  if (known) {
    bool isError = known->nonzero && known->error, isNull = !known->nonzero && !known->error;
    if ((valid(*known) && yes) || (!valid(*known) && orNull && !yes) || (isError && !yes) ||
        (isNull && yes && !orNull))
      return false; // what the path knew says this branch is not taken
  }
  // What the branch says the value is: an error pointer (IS_ERR true), NULL or one
  // (IS_ERR_OR_NULL true), valid (IS_ERR_OR_NULL false), or NULL or valid (IS_ERR false,
  // which decides nothing about a hold unless the path knew it a failure: then NULL).
  std::optional<Fact> now;
  if (yes && !orNull)
    now = Fact{var, true, true};
  else if (yes)
    now = known ? *known : Fact{var, false, true};
  else if (orNull)
    now = Fact{var, true, false};
  else if (known)
    now = Fact{var, known->nonzero, false};
  if (!now) {
    // IS_ERR false, nothing known: NULL or valid.  A hold of the object `var` points at,
    // held where it is valid, is held: where it is NULL there is no object, no lock to
    // leak or to need.  Its guard stays for a later NULL test.
    if (!yes && !orNull)
      decide(st, [&](const Held &h) {
        return h.guard == var && h.key == var && h.guardNonzero && h.guardMask.empty() ? 1 : -1;
      });
    return true;
  }
  bool isValid = valid(*now);
  decide(st, [&](const Held &h) {
    if (h.guard != var || !h.guardMask.empty())
      return -1;
    return h.guardNonzero == isValid ? 1 : 0;
  });
  auto it = std::lower_bound(st.facts.begin(), st.facts.end(), var,
                             [](const Fact &f, const std::string &v) { return f.var < v; });
  if (it != st.facts.end() && it->var == var)
    *it = *now;
  else
    st.facts.insert(it, *now);
  return true;
}

namespace {

/// The guard of a hold `h` of side `in` that the other side `out` lacks (or may lack): a
/// variable whose value the two sides know and disagree on.  Its own guard first, when the
/// other side knows it has the other value.
void guardAtJoin(Held &j, const Held &h, const State &in, const State &out) {
  // A lock of an object whose pointer the other side knows to be an error pointer (`vma =
  // ERR_PTR(-EAGAIN)` where the try failed): held exactly where the pointer is valid, which
  // is what the function's callers test.
  if (isSimpleName(h.key) && (!h.may || h.guard == h.key)) {
    const Fact *f = factOf(out, h.key);
    const Fact *g = factOf(in, h.key);
    if (f && f->error && !(g && g->error)) {
      j.guard = h.key;
      j.guardNonzero = true;
      j.guardMask.clear();
      return;
    }
  }
  if (!h.guard.empty() && h.guardMask.empty()) {
    const Fact *f = factOf(out, h.guard);
    if (f && valid(*f) != h.guardNonzero)
      return; // keeps its guard
  }
  // A hold that its guard says exists exactly where it is set (a may-hold of this function's
  // own, tied to a variable) still exists only there: the guard becomes one more condition.
  bool exact = !h.guard.empty() && h.guardMask.empty();
  Fact old{h.guard, h.guardNonzero};
  j.guard.clear();
  j.guardMask.clear();
  // Only a definite hold is held exactly where the facts say: a may-hold (a callee's, taken
  // on some of its own paths) may be absent where they say held.
  if (h.may && !exact)
    return;
  if (exact && std::none_of(j.also.begin(), j.also.end(),
                            [&](const Fact &c) { return c.var == old.var; }))
    j.also.push_back(old);
  for (const Fact &f : in.facts)
    if (const Fact *o = factOf(out, f.var); o && valid(*o) != valid(f) && f.var != old.var) {
      j.guard = f.var;
      j.guardNonzero = valid(f);
      return;
    }
}

/// A hold both sides have: its guard survives when both sides agree with it.
void guardBoth(Held &j, const Held &a, const Held &b, const State &sa, const State &sb) {
  auto agrees = [](const Held &h, const State &s, const Held &g) {
    if (h.guard == g.guard && h.guardNonzero == g.guardNonzero && h.guardMask == g.guardMask)
      return true;
    if (!g.guardMask.empty())
      return false;
    const Fact *f = factOf(s, g.guard);
    return f && valid(*f) == g.guardNonzero;
  };
  if (!a.guard.empty() && agrees(b, sb, a))
    return;
  if (!b.guard.empty() && agrees(a, sa, b)) {
    j.guard = b.guard;
    j.guardNonzero = b.guardNonzero;
    j.guardMask = b.guardMask;
    return;
  }
  j.guard.clear();
  j.guardMask.clear();
}

/// guardAtJoin for a caller's hold released on side `in` only, whose guard says where it is
/// still held: the sense is the other side's value.
void guardDropped(Held &j, const Held &h, const State &in, const State &out) {
  // An out parameter cleared where the caller's lock was dropped (`*locked = 0;`) and left
  // alone where it was not: the caller set it when it took the lock, so it says which.  It
  // stays the guard until the other side is known to have cleared it too.
  auto outParam = [&](const std::string &var) {
    const Fact *o = factOf(out, var);
    return var.size() > 1 && var[0] == '*' && (!o || o->nonzero);
  };
  if (h.guardMask.empty() && h.guardNonzero && outParam(h.guard))
    return; // keeps its guard
  for (const Fact &f : in.facts)
    if (!f.nonzero && outParam(f.var)) { // the code's own word, even after a callee's may-drop
      j.guard = f.var;
      j.guardNonzero = true;
      j.guardMask.clear();
      return;
    }
  Held flipped = h;
  flipped.guardNonzero = !h.guardNonzero;
  j.guardNonzero = flipped.guardNonzero;
  guardAtJoin(j, flipped, in, out);
  j.guardNonzero = !j.guardNonzero;
  j.also.clear(); // a released hold's guard says where it is still held: no conjunction
}

} // namespace

State join(const State &a, const State &b) {
  if (!a.live)
    return b;
  if (!b.live)
    return a;
  State r;
  for (const Fact &f : a.facts)
    if (const Fact *o = factOf(b, f.var); o && *o == f)
      r.facts.push_back(f);
    else if (o && !valid(f) && !valid(*o) && (f.error || o->error))
      r.facts.push_back(Fact{f.var, false, true}); // NULL or an error pointer on either side
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
    j.everyPath = it != b.held.end() && (!h.may || h.everyPath) && (!it->may || it->everyPath) &&
                  j.may;
    // Taken in both modes by the function itself: an assert of the caller's hold on one path
    // (`if (take_locks) lock; else assert;`) tells nothing of which release the other
    // path's variable will choose.
    if (j.everyPath && (h.asserted || it->asserted)) {
      j.otherMode.clear();
    } else if (j.everyPath && h.otherMode.empty()) {
      if (it->mode != h.mode)
        j.otherMode = it->mode, j.otherAt = it->at, j.otherAtEnd = it->atEnd;
      else
        j.otherMode = it->otherMode, j.otherAt = it->otherAt, j.otherAtEnd = it->otherAtEnd;
    } else if (!j.everyPath) {
      j.otherMode.clear();
    }
    // One path's alias of another hold and the other path's lock of its own: the same lock
    // on some paths only.
    if (it != b.held.end() && it->alias != h.alias) {
      j.alias = h.alias.empty() ? it->alias : h.alias;
      j.partAlias = true;
    } else if (it != b.held.end()) {
      j.partAlias = h.partAlias || it->partAlias;
    }
    if (it == b.held.end())
      guardAtJoin(j, h, a, b);
    else {
      guardBoth(j, h, *it, a, b);
      // Conditions of a hold both sides have: those both sides say.
      std::erase_if(j.also, [&](const Fact &c) {
        return std::find(it->also.begin(), it->also.end(), c) == it->also.end();
      });
    }
    if (!j.keptAt && it != b.held.end())
      j.keptAt = it->keptAt;
    if (!j.passedAt && it != b.held.end())
      j.passedAt = it->passedAt;
    // Held on both sides, and a variable NULL on one of them only.
    if (it != b.held.end() && !h.may && !it->may) {
      auto add = [&](const std::string &var) {
        if (std::find(j.nullWith.begin(), j.nullWith.end(), var) == j.nullWith.end())
          j.nullWith.push_back(var);
      };
      for (const std::string &var : it->nullWith)
        add(var);
      auto isNull = [](const Fact *f) { return f && !f->nonzero && !f->error; };
      for (const State *one : {&a, &b})
        for (const Fact &f : one->facts)
          if (isNull(&f) && !isNull(factOf(one == &a ? b : a, f.var)))
            add(f.var);
    }
    r.held.push_back(j);
  }
  for (const Held &h : b.held)
    if (std::none_of(a.held.begin(), a.held.end(), [&](const Held &o) { return sameHold(h, o); })) {
      if (h.may && settledIn(a, h))
        continue;
      Held j = h;
      j.may = true;
      guardAtJoin(j, h, b, a);
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
    // Released on one side only: the guard says where it is still held, so its sense is
    // the other side's value.
    if (it == b.dropped.end())
      guardDropped(j, h, a, b);
    else
      guardBoth(j, h, *it, a, b);
    r.dropped.push_back(j);
  }
  for (const Held &h : b.dropped)
    if (std::none_of(a.dropped.begin(), a.dropped.end(),
                     [&](const Held &o) { return sameHold(h, o); })) {
      Held j = h;
      j.may = true;
      guardDropped(j, h, b, a);
      r.dropped.push_back(j);
    }
  std::set_intersection(a.reassigned.begin(), a.reassigned.end(), b.reassigned.begin(),
                        b.reassigned.end(), std::back_inserter(r.reassigned));
  r.gone = a.gone;
  for (const std::string &k : b.gone)
    if (std::find(r.gone.begin(), r.gone.end(), k) == r.gone.end())
      r.gone.push_back(k);
  for (const std::string &k : a.unpublished)
    if (isUnpublished(b, k))
      r.unpublished.push_back(k);
  r.published = a.published;
  for (const std::string &k : b.published)
    if (!wasPublished(r, k))
      r.published.push_back(k);
  // A try on one side only, where the other side knows its variable already says success
  // (`if (locked) vma = found; else vma = lock_it();`): a later test finds it held on some
  // paths only.
  auto pendingIn = [](const State &s, const Pending &p) {
    return std::any_of(s.pending.begin(), s.pending.end(), [&](const Pending &o) {
      return o.var == p.var && sameHold(o.held, p.held);
    });
  };
  auto oneSided = [&](const Pending &p, const State &other) {
    Pending j = p;
    const Fact *f = factOf(other, p.var);
    if (f && p.success != TrySuccess::None && valid(*f) == (p.success != TrySuccess::Zero))
      j.held.may = true;
    return j;
  };
  for (const Pending &p : a.pending)
    r.pending.push_back(pendingIn(b, p) ? p : oneSided(p, b));
  for (const Pending &p : b.pending)
    if (!pendingIn(r, p))
      r.pending.push_back(oneSided(p, a));
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

void compareObjects(State &st, const std::string &x, const std::string &y, bool same) {
  auto of = [](const Held &h, const std::string &o) { return h.key == o || h.key == "*" + o; };
  // The other's key: `y` for a hold of `x` itself, `*y` for one through the pointer `x`.
  auto other = [&](const Held &h) {
    if (h.key == x)
      return y;
    if (h.key == y)
      return x;
    return of(h, x) ? "*" + y : "*" + x;
  };
  if (!same) {
    std::erase_if(st.held, [&](const Held &h) {
      return (of(h, x) || of(h, y)) && !h.alias.empty() && !h.partAlias && h.alias == other(h);
    });
    return;
  }
  for (size_t i = 0, n = st.held.size(); i < n; ++i) {
    const Held h = st.held[i];
    if ((!of(h, x) && !of(h, y)) || !h.alias.empty())
      continue;
    std::string o = other(h);
    if (std::any_of(st.held.begin(), st.held.end(),
                    [&](const Held &k) { return k.lock == h.lock && k.key == o; }))
      continue;
    Held a = h;
    a.key = o;
    a.alias = h.key;
    a.partAlias = false;
    a.handedTo.clear();
    st.held.push_back(a);
  }
  for (size_t i = 0, n = st.dropped.size(); i < n; ++i) {
    const Held h = st.dropped[i];
    if (!of(h, x) && !of(h, y))
      continue;
    std::string o = other(h);
    if (std::none_of(st.dropped.begin(), st.dropped.end(),
                     [&](const Held &k) { return k.lock == h.lock && k.key == o; })) {
      Held d = h;
      d.key = o;
      st.dropped.push_back(d);
    }
  }
}

bool sameState(const State &a, const State &b) {
  if (a.live != b.live || a.held.size() != b.held.size() || a.pending.size() != b.pending.size() ||
      a.dropped.size() != b.dropped.size() || a.facts != b.facts ||
      a.unpublished != b.unpublished || a.published.size() != b.published.size() ||
      a.reassigned != b.reassigned)
    return false;
  for (size_t i = 0; i < a.held.size(); ++i)
    if (!sameHold(a.held[i], b.held[i]) || a.held[i].mode != b.held[i].mode ||
        a.held[i].may != b.held[i].may || a.held[i].guard != b.held[i].guard ||
        a.held[i].guardNonzero != b.held[i].guardNonzero ||
        a.held[i].guardMask != b.held[i].guardMask || a.held[i].alias != b.held[i].alias ||
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
