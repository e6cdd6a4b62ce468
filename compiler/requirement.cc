#include "requirement.h"

#include <algorithm>

namespace lockspec {

bool sameTarget(const Atom &a, const Atom &b) {
  if (a.kind != b.kind)
    return false;
  if (a.kind == Atom::Kind::Fact)
    return a.fact == b.fact && a.role == b.role;
  return a.lock == b.lock && a.role == b.role && a.links == b.links;
}

static bool coversAtom(const Model &model, const std::vector<Atom> &have, const Atom &need,
                       bool closedWorld) {
  if (need.kind == Atom::Kind::Fact) {
    for (const Atom &h : have)
      if (h.kind == Atom::Kind::Fact && h.held == need.held && sameTarget(h, need))
        return true;
    return false;
  }
  if (!need.held) {
    bool explicitNot = false, held = false;
    for (const Atom &h : have) {
      if (!sameTarget(h, need))
        continue;
      if (!h.held)
        explicitNot = true;
      else
        held = true;
    }
    return explicitNot || (closedWorld && !held);
  }
  // Looked up at the first hold of the same lock, not per need: most needs have none.
  const Lock *lock = nullptr;
  for (const Atom &h : have) {
    if (!h.held || !sameTarget(h, need))
      continue;
    // A hold that applies only under a condition covers a need under that same condition.
    if (!h.condition.empty() && h.condition != need.condition)
      continue;
    if (!lock && !(lock = model.findLock(need.lock)))
      return false;
    if (lock->satisfies(h.mode, need.mode))
      return true;
  }
  return false;
}

bool satisfies(const Model &model, const std::vector<Atom> &have, const Alternative &need,
               bool closedWorld) {
  for (const Atom &atom : need.atoms)
    if (!coversAtom(model, have, atom, closedWorld))
      return false;
  return true;
}

bool satisfies(const Model &model, const std::vector<Atom> &have, const Requirement &req,
               bool closedWorld, size_t *which) {
  for (size_t i = 0; i < req.alternatives.size(); ++i) {
    if (satisfies(model, have, req.alternatives[i], closedWorld)) {
      if (which)
        *which = i;
      return true;
    }
  }
  return false;
}

std::vector<Atom> withImpliedHolds(const Model &model, std::vector<Atom> have) {
  // Iterate to a fixed point: implied holds may imply more.  Bounded by the relation count.
  for (size_t round = 0; round <= model.relations.size(); ++round) {
    bool added = false;
    // Only relations about a held lock can add anything: look those up by lock name rather
    // than scanning every relation on every call (quadratic on large specs).
    std::vector<size_t> candidates;
    for (const Atom &h : have)
      if (h.held && h.kind == Atom::Kind::Lock)
        for (size_t r : model.relationsAbout(h.lock))
          if (std::find(candidates.begin(), candidates.end(), r) == candidates.end())
            candidates.push_back(r);
    for (size_t r : candidates) {
      const Relation &rel = model.relations[r];
      if (rel.kind == Relation::Kind::Forbidden)
        continue;
      const Lock *lock = model.findLock(rel.lock);
      const Lock *other = model.findLock(rel.other);
      if (!lock || !other)
        continue;
      size_t count = have.size();
      for (size_t i = 0; i < count; ++i) {
        // A reference, not a copy (an atom holds a vector): `h` is not used after the push_back
        // below, which may move `have`.
        const Atom &h = have[i];
        if (!h.held || h.kind != Atom::Kind::Lock || h.lock != rel.lock)
          continue;
        if (!rel.mode.empty() && !lock->satisfies(h.mode, rel.mode))
          continue;
        // The other lock's instance: from the same role, follow h's links and then the links
        // from this lock's owner to the other's (the path sema checked exists).
        Atom implied;
        implied.kind = Atom::Kind::Lock;
        implied.lock = rel.other;
        if (rel.otherMode.empty())
          implied.mode = other->modes.front().name;
        else
          implied.mode = rel.otherMode; // Shares the node: no allocation.
        implied.role = h.role;
        implied.object = h.object;
        implied.links = h.links;
        implied.condition = h.condition;
        if (other->owner.empty()) { // A global lock has no instance path.
          implied.role.clear();
          implied.object.clear();
          implied.links.clear();
        } else if (!lock->owner.empty() && lock->owner != other->owner) {
          // Locks of one object (a spinlock taken under its rwsem) need no link; the search
          // allocated a map and a queue for every such hold.
          auto via = model.linkPath(lock->owner, other->owner);
          if (!via)
            continue;
          implied.links.insert(implied.links.end(), via->begin(), via->end());
        }
        bool present = false;
        for (const Atom &a : have)
          if (a.held && sameTarget(a, implied) && other->satisfies(a.mode, implied.mode))
            present = true;
        if (!present) {
          have.push_back(implied);
          added = true;
        }
      }
    }
    if (!added)
      break;
  }
  return have;
}

std::string describe(const Atom &atom) {
  std::string out = atom.held ? "" : "!";
  if (atom.kind == Atom::Kind::Fact) {
    out += atom.fact;
  } else {
    out += atom.lock + "." + atom.mode;
    if (!atom.instance.empty())
      out += " (" + atom.instance + ")";
  }
  if (!atom.condition.empty())
    out += " if " + atom.condition;
  return out;
}

std::string describe(const Alternative &alt) {
  std::string out = "{";
  for (size_t i = 0; i < alt.atoms.size(); ++i)
    out += (i ? ", " : "") + describe(alt.atoms[i]);
  return out + "}";
}

} // namespace lockspec
