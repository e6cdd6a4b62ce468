// The kernel's own lock annotations (compiler-context-analysis.h): `__must_hold(x)` is a
// precondition, `__acquires(x)` / `__cond_acquires(result, x)` say the function returns
// holding x (as its result tells), `__releases(x)` that it releases a lock its caller holds.
// The lock is found through the spec's lock paths (`&mm->mmap_lock` is mmap_lock of `mm`); a
// lock the spec does not know (a driver's, `hugetlb_lock`) is left alone.
#include <algorithm>

#include "c_expr.h"
#include "flow_analysis.h"

namespace lockspec::check {

void FunctionAnalysis::readAnnotations(State &entry) {
  if (!ctx_ || !ctx_->annotations)
    return;
  for (const LockAnnotation &a : *ctx_->annotations) {
    Declared d{a.kind, nullptr, "", "", a.lock, true, a.offset};
    std::string e = canonicalText(a.lock);
    bool address = !e.empty() && e[0] == '&';
    std::optional<LockObject> lo = index_.lockObject(address ? e.substr(1) : "*" + e);
    if (lo) {
      d.lock = lo->lock;
      d.key = resolve(lo->owner);
      // The `_shared` variants name the lock's shared mode, the others its exclusive one.
      const Sharing want = a.shared ? Sharing::Shared : Sharing::Exclusive;
      auto m = std::find_if(d.lock->modes.begin(), d.lock->modes.end(),
                            [&](const Mode &m) { return m.sharing == want; });
      if (m == d.lock->modes.end())
        m = d.lock->modes.begin();
      if (m != d.lock->modes.end())
        d.mode = m->name;
    } else {
      d.key = address ? e.substr(1) : "*" + e; // a lock only a pointer names
    }
    std::string r = canonicalText(a.result);
    d.nonzero = !(r == "0" || r == "false" || r == "NULL");
    if (a.kind == LockAnnotation::Kind::MustHold && d.lock) {
      // Held on entry, as a lockdep assert says: the callers must hold it.
      Held h = holdOf(d.lock, d.mode, d.key, a.offset, a.offset);
      h.asserted = true;
      entry.held.push_back(h);
      passOn(oneLock(d.lock, d.mode, d.key),
             quote(name_) + " is declared __must_hold(" + a.lock + ")", "", {}, a.offset);
    }
    declared_.push_back(std::move(d));
  }
}

const FunctionAnalysis::Declared *FunctionAnalysis::declared(LockAnnotation::Kind kind,
                                                             const Lock *lock,
                                                             const std::string &key) const {
  for (const Declared &d : declared_)
    if ((d.kind == kind || (kind == LockAnnotation::Kind::Acquires &&
                            d.kind == LockAnnotation::Kind::CondAcquires)) &&
        (d.lock == lock || !d.lock) && compareKeys(d.key, key) == Alias::Same)
      return &d;
  return nullptr;
}

void FunctionAnalysis::declaredEffects() {
  if (!summary_ || !ctx_)
    return;
  // A lock the body takes or releases through a pointer parameter of no class here is the
  // one the annotation names (`spin_lock(ptl)` under `__acquires(&mm->page_table_lock)`).
  for (const Declared &d : declared_) {
    if (!d.lock || d.kind == LockAnnotation::Kind::MustHold)
      continue;
    bool release = d.kind == LockAnnotation::Kind::Releases;
    std::erase_if(summary_->effects, [&](const Effect &e) {
      return !e.lock.lock && release == (e.kind == Effect::Kind::Release ||
                                         e.kind == Effect::Kind::MayRelease);
    });
  }
  for (const Declared &d : declared_) {
    if (d.kind == LockAnnotation::Kind::MustHold)
      continue;
    std::string key = toParams(d.key, ctx_->params);
    // `__releases(ptl)` of a lock pointer parameter no spec path names: whatever lock the
    // caller holds through the pointer it passes (`vmf->ptl`, a PTE or PMD table's).
    bool byPointer = !d.lock && d.kind == LockAnnotation::Kind::Releases && key.size() > 2 &&
                     key.rfind("*$", 0) == 0;
    if (!d.lock && !byPointer)
      continue;
    if (key.empty() && !d.key.empty())
      continue; // a lock of the function's own locals: its callers cannot name it
    bool release = d.kind == LockAnnotation::Kind::Releases;
    bool known =
        std::any_of(summary_->effects.begin(), summary_->effects.end(), [&](const Effect &e) {
          bool kindMatches =
              release ? e.kind == Effect::Kind::Release || e.kind == Effect::Kind::MayRelease
                      : e.kind != Effect::Kind::Release && e.kind != Effect::Kind::MayRelease;
          return kindMatches && e.lock.lock == d.lock && e.lock.key == key;
        });
    if (known)
      continue;
    // The body does it through a pointer the checker cannot tie to the lock: the annotation
    // is the effect callers see.
    Effect e;
    e.lock = {d.lock, release ? "" : d.mode, key};
    e.kind = release                                        ? Effect::Kind::Release
             : d.kind == LockAnnotation::Kind::CondAcquires ? Effect::Kind::HeldIf
                                                            : Effect::Kind::Acquire;
    e.nonzero = d.nonzero;
    summary_->effects.push_back(e);
  }
}

} // namespace lockspec::check
