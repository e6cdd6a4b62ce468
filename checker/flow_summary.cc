// Summaries in the per-function analysis: requirements passed on to the callers and callees'
// summaries applied at calls (summary.h).  What the returns held becomes the function's own
// summary in flow_finish.cc.
#include <algorithm>
#include <cctype>

#include "c_expr.h"
#include "flow_analysis.h"
#include "wording.h"

namespace lockspec::check {

std::string FunctionAnalysis::where(uint32_t offset) const {
  return ctx_ && ctx_->where ? ctx_->where(offset) + ": " : "";
}

bool FunctionAnalysis::setsNonzero(const std::string &var) const {
  bool found = false;
  auto visit = [&](auto &self, ts::Node n) -> void {
    if (found)
      return;
    if (std::string_view(n.type()) == "assignment_expression" &&
        n.child("left").text() == var &&
        classifyReturn(n.child("right").text()) == ReturnClass::Nonzero) {
      found = true;
      return;
    }
    for (const ts::Node &c : n.namedChildren())
      self(self, c);
  };
  visit(visit, function_.child("body"));
  return found;
}

std::string FunctionAnalysis::holdPath(const Held &h) const {
  if (h.may && h.keptAt)
    if (auto k = keptBy_.find(h.keptAt); k != keptBy_.end())
      return k->second;
  auto p = calleePath_.find({h.at, h.lock});
  return p == calleePath_.end() ? "" : p->second;
}

std::string FunctionAnalysis::takenThrough(const Held &h) const {
  if (h.may && h.keptAt && keptBy_.count(h.keptAt))
    return ", released on some paths only (through " + name_ + " -> " + holdPath(h) + ")";
  std::string p = holdPath(h);
  return p.empty() ? "" : " (through " + name_ + " -> " + p + ")";
}

std::vector<std::vector<SummaryLock>> FunctionAnalysis::oneLock(const Lock *lock, std::string mode,
                                                                std::string key) {
  return {{SummaryLock{lock, std::move(mode), std::move(key)}}};
}

bool FunctionAnalysis::passedIn(const std::string &p) const {
  size_t digits = p.size() > 1 && p[0] == '$' ? p.find_first_not_of("0123456789", 1) : 1;
  if (digits == 1 || !ctx_ || assignedInBody(ctx_->params[std::stoul(p.substr(1, digits - 1))]))
    return false;
  for (size_t k = digits; k < p.size();) {
    size_t skip = p.compare(k, 2, "->") == 0 ? 2 : p[k] == '.' ? 1 : 0;
    size_t e = k + skip;
    while (e < p.size() && isIdentifier(std::string_view(p).substr(e, 1)))
      ++e;
    if (skip == 0 || e == k + skip || !ctx_->assignedFields ||
        ctx_->assignedFields->count(p.substr(k + skip, e - k - skip)))
      return false;
    k = e;
  }
  return true;
}

bool FunctionAnalysis::passOn(const std::vector<std::vector<SummaryLock>> &alternatives,
                              std::string what, std::string path, std::vector<const Lock *> classes,
                              uint32_t at, std::vector<std::pair<const Lock *, std::string>> why,
                              const std::string &subject,
                              const std::vector<std::string> &published, bool released,
                              const std::vector<Fact> &when) {
  if (!ctx_ || !summary_ || ctx_->root)
    return false;
  // A lock of an object this function created (`vma = vm_area_alloc(mm)`, then stored in the
  // tree) is no caller's: they never saw the object.  An alternative that names one cannot be
  // met by them, even when the variable was a parameter before it was reassigned.
  if (!constructedHere_.empty() &&
      std::all_of(alternatives.begin(), alternatives.end(), [&](const std::vector<SummaryLock> &alt) {
        return std::any_of(alt.begin(), alt.end(), [&](const SummaryLock &l) {
          return constructedHere_.count(resolve(l.key)) != 0;
        });
      }))
    return false;
  if (ctx_->entry) {
    // Callers outside the files checked may hold what this function does not: its contract,
    // unless it takes or releases one of those locks itself.
    if (touches_.empty())
      anyIdentifier(function_.text(), [&](std::string_view word) {
        if (const Api *api = index_.api(word)) {
          if (api->kind != ApiKind::Assert)
            touches_.insert(model_.findLock(api->lock));
        } else if (const FunctionSummary *s = ctx_->callee(word))
          for (const Effect &e : s->effects)
            // Not a lock a callee returns holding on some of its successes only, its class
            // chosen by data (`folio_walk_start`: the PTE, PMD or PUD table's): the function
            // does not manage that class, its callers may.
            if (!(e.kind == Effect::Kind::HeldIf && e.may))
              touches_.insert(e.lock.lock);
        return false;
      });
    touches_.insert(nullptr); // computed
    // The locks still missing, and those the spec ties them to (a VMA write lock needs the
    // mmap write lock and ends with it): a function that takes the mmap write lock itself
    // cannot have been given a VMA write lock by its caller.
    for (const std::vector<SummaryLock> &alt : alternatives)
      for (const SummaryLock &l : alt) {
        if (touches_.count(l.lock))
          return false;
        for (size_t ri : model_.relationsAbout(l.lock->name)) {
          const Relation &r = model_.relations[ri];
          if (r.kind != Relation::Kind::Requires && r.kind != Relation::Kind::EndsWith)
            continue;
          if (r.lock == l.lock->name && touches_.count(model_.findLock(r.other)))
            return false;
        }
      }
  }
  Need need;
  for (const std::vector<SummaryLock> &alt : alternatives) {
    std::vector<SummaryLock> locks;
    for (const SummaryLock &l : alt)
      locks.push_back({l.lock, l.mode, toParams(resolve(l.key), ctx_->params), l.through});
    need.alternatives.push_back(std::move(locks));
  }
  need.what = at == UINT32_MAX ? std::move(what) : where(at) + what;
  need.path = std::move(path);
  need.why = std::move(why);
  need.released = released;
  for (const std::vector<SummaryLock> &alt : need.alternatives)
    for (const SummaryLock &l : alt)
      classes.push_back(l.lock);
  std::sort(classes.begin(), classes.end());
  classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
  need.classes = std::move(classes);
  if (!subject.empty())
    need.subject = toParams(resolve(subject), ctx_->params);
  for (const std::string &k : published)
    if (std::string p = toParams(k, ctx_->params); !p.empty())
      need.published.push_back(std::move(p));
  for (const Fact &f : when) {
    std::string p = toParams(resolve(f.var), ctx_->params);
    if (!passedIn(p))
      continue;
    std::pair<std::string, bool> c{std::move(p), f.nonzero};
    if (std::find(need.when.begin(), need.when.end(), c) == need.when.end())
      need.when.push_back(std::move(c));
  }
  std::sort(need.when.begin(), need.when.end());
  // One need per origin and locks, whatever the call path: at every call both are met or
  // neither, and a run reports each origin once, by the path that reached it first.
  if (std::none_of(summary_->needs.begin(), summary_->needs.end(), [&](const Need &n) {
        return n.what == need.what && n.alternatives == need.alternatives &&
               n.classes == need.classes && n.subject == need.subject &&
               n.published == need.published && n.released == need.released &&
               n.when == need.when;
      }))
    summary_->needs.push_back(std::move(need));
  return true;
}

std::optional<FunctionAnalysis::TryResult>
FunctionAnalysis::applySummary(const FunctionSummary &sum, const std::string &fn, ts::Node call,
                               State &st, const std::string &resultVar,
                               const std::vector<ts::Node> &args) {
  std::vector<std::string> actual;
  for (const ts::Node &a : args)
    actual.push_back(resolve(canonical(a)));
  std::string result = resultVar.empty() ? "" : resolve(resultVar);
  // A summary's needs name the same few keys again and again ($0->vm_mm): each is put in
  // this call's terms once.
  std::vector<std::pair<std::string_view, std::string>> keys;
  auto at = [&](const SummaryLock &l) -> const std::string & {
    for (const auto &[k, v] : keys)
      if (k == l.key)
        return v;
    return keys.emplace_back(l.key, fromParams(l.key, actual, result)).second;
  };
  // The caller's object is unpublished at the call, and the callee had not published it
  // where it needed this: no other thread can reach it.
  std::vector<std::string> publishedThere;
  auto unpublished = [&](const std::string &key) {
    return isUnpublished(st, key) &&
           std::find(publishedThere.begin(), publishedThere.end(), key) == publishedThere.end();
  };
  auto held = [&](const SummaryLock &l) {
    const std::string &key = at(l);
    // The callee holds it: met when the argument points at a lock of the class, passed on
    // when it is this function's own parameter, and assumed for a pointer tied to nothing.
    if (l.through) {
      const Lock *c = pointerClassOf(key);
      return c ? c == l.lock : !parameterPointer(key);
    }
    if (unpublished(key))
      return true;
    // A may-hold meets a callee's requirement: which paths hold it is data the checker does
    // not follow (a lock mode kept in a struct), while a requirement of this function's own
    // code still needs a definite hold.
    return std::any_of(st.held.begin(), st.held.end(), [&](const Held &h) {
      return h.lock == l.lock && compareKeys(h.key, key) != Alias::Different &&
             (l.mode.empty() || l.lock->satisfies(h.mode, l.mode));
    });
  };
  for (const Need &need : sum.needs) {
    publishedThere.clear();
    for (const std::string &k : need.published)
      publishedThere.push_back(fromParams(k, actual, result));
    if (!need.subject.empty() && unpublished(fromParams(need.subject, actual, result)))
      continue;
    // Where the need arose the callee knew some of its arguments' values: a caller that
    // knows one is different never reaches that path; one it does not know stays a
    // condition, in the caller's terms, together with what the caller knows here.
    std::vector<Fact> when = st.facts;
    bool reached = true;
    for (const auto &[k, nonzero] : need.when) {
      std::string key = fromParams(k, actual, result);
      if (key.empty())
        continue;
      if (std::optional<bool> v = knownValue(st, key))
        reached = *v == nonzero;
      else
        when.push_back(Fact{key, nonzero});
      if (!reached)
        break;
    }
    if (!reached)
      continue;
    bool met = std::any_of(need.alternatives.begin(), need.alternatives.end(),
                           [&](const std::vector<SummaryLock> &alt) {
                             return std::all_of(alt.begin(), alt.end(), held);
                           });
    // Met here only by a hold a loop's back edge brings (`for (..) if (f(mm, &unlocked))
    // break;` where f returns holding the lock on some paths), and unmet on the way into the
    // loop, which an earlier pass walked: the first iteration lacks it.
    std::pair<uint32_t, std::string> site{call.begin(), need.what};
    auto heldOnEveryPath = [&](const SummaryLock &l) {
      const std::string &key = at(l);
      return unpublished(key) || std::any_of(st.held.begin(), st.held.end(), [&](const Held &h) {
               return h.lock == l.lock && !h.may &&
                      compareKeys(h.key, key) != Alias::Different &&
                      (l.mode.empty() || l.lock->satisfies(h.mode, l.mode));
             });
    };
    bool firstOnly = met && firstUnmet_.count(site) &&
                     std::none_of(need.alternatives.begin(), need.alternatives.end(),
                                  [&](const std::vector<SummaryLock> &alt) {
                                    return std::all_of(alt.begin(), alt.end(), heldOnEveryPath);
                                  });
    if (met && !firstOnly)
      continue;
    firstUnmet_.insert(site);
    // A way that lacks only a stronger mode of locks this function took itself (a write
    // lock weakened to read): its callers cannot supply it, so it is said here.
    const Held *weaker = nullptr;
    const SummaryLock *stronger = nullptr;
    for (const std::vector<SummaryLock> &alt : need.alternatives) {
      const Held *w = nullptr;
      const SummaryLock *l0 = nullptr;
      bool onlyModes = true;
      for (const SummaryLock &l : alt) {
        if (held(l))
          continue;
        // (Of a lock the need names: one whose owner the call path lost is no evidence.)
        // (Only where the need would go to this function's callers: at an entry that
        // takes the lock, or a root, it is reported below anyway, saying what is held.)
        auto h = std::find_if(st.held.begin(), st.held.end(), [&](const Held &o) {
          return o.lock == l.lock && !o.may && !o.asserted && !o.mode.empty() &&
                 !at(l).empty() && ctx_ && !ctx_->entry && !ctx_->root &&
                 compareKeys(o.key, at(l)) != Alias::Different;
        });
        if (h == st.held.end()) {
          onlyModes = false;
          break;
        }
        if (!w) {
          w = &*h;
          l0 = &l;
        }
      }
      if (onlyModes && w) {
        weaker = w;
        stronger = l0;
        break;
      }
    }
    if (weaker) {
      std::string path = fn + (need.path.empty() ? "" : " -> " + need.path);
      std::string message = "call to " + quote(fn) + " needs " +
                            describe(stronger->lock, at(*stronger)) + " held for " +
                            stronger->mode + ", but it is held for " + weaker->mode +
                            " (through " + path + ")";
      // Two needs that lack the same mode on the same path are one finding.
      if (std::any_of(out_.begin(), out_.end(), [&](const Finding &f) {
            return f.diag.span.begin == call.begin() && f.diag.message == message;
          }))
        continue;
      size_t before = out_.size();
      Diagnostic *d = report(Severity::Error, "wrong-mode", call, message);
      noteHere(d, weaker->at, weaker->atEnd, "taken for " + weaker->mode + " here");
      if (d)
        Diagnostics::note(*d, {kCheckedFile, call.begin(), call.end()}, "needed by " + need.what);
      if (d && out_.size() > before)
        out_.back().origin = need.what; // one finding per requirement in the run
      continue;
    }
    // A release of a lock class this function manages itself, though not held here: the
    // release's effect below does not pass it to this function's callers either.
    if (need.released && std::all_of(need.alternatives.begin(), need.alternatives.end(),
                                     [&](const std::vector<SummaryLock> &alt) {
                                       return std::any_of(alt.begin(), alt.end(),
                                                          [&](const SummaryLock &l) {
                                                            return taken_.count(l.lock) > 0;
                                                          });
                                     }))
      continue;
    // Every way needs a lock the callee takes through a pointer this call gives it, and that
    // pointer is to a lock of another class here: no caller of this function can change it.
    const SummaryLock *wrong = nullptr;
    bool allWrong = std::all_of(need.alternatives.begin(), need.alternatives.end(),
                                [&](const std::vector<SummaryLock> &alt) {
                                  for (const SummaryLock &l : alt)
                                    if (l.through && !held(l) && pointerClassOf(at(l))) {
                                      wrong = &l;
                                      return true;
                                    }
                                  return false;
                                });
    if (allWrong && wrong) {
      std::string reason = reasonsFor(need.why, {wrong->lock});
      std::string path = fn + (need.path.empty() ? "" : " -> " + need.path);
      Diagnostic *d =
          report(Severity::Error, "missing-lock", call,
                 "call to " + quote(fn) + " gives it " + quote(at(*wrong).substr(1)) +
                     ", a pointer to " + quote(pointerClassOf(at(*wrong))->name) +
                     ", where it takes " + quote(wrong->lock->name) + " through it" +
                     (reason.empty() ? "" : ": " + reason) + " (through " + path + ")");
      if (d)
        Diagnostics::note(*d, {kCheckedFile, call.begin(), call.end()}, "needed by " + need.what);
      continue;
    }
    std::vector<std::vector<SummaryLock>> here;
    std::vector<std::vector<const Lock *>> lacking; // per way, as `here`
    for (const std::vector<SummaryLock> &alt : need.alternatives) {
      std::vector<SummaryLock> locks;
      locks.reserve(alt.size());
      lacking.emplace_back();
      for (const SummaryLock &l : alt) {
        if (firstOnly ? heldOnEveryPath(l) : held(l))
          continue; // held here: only the rest is the callers'
        locks.push_back({l.lock, l.mode, at(l), l.through});
        lacking.back().push_back(l.lock);
      }
      here.push_back(std::move(locks));
    }
    std::string path = fn + (need.path.empty() ? "" : " -> " + need.path);
    std::vector<std::string> published = st.published;
    published.insert(published.end(), publishedThere.begin(), publishedThere.end());
    if (passOn(here, need.what, path, need.classes, UINT32_MAX, need.why,
               need.subject.empty() ? "" : fromParams(need.subject, actual, result), published,
               need.released, when))
      continue;
    std::vector<std::vector<std::string>> wanted; // per way, as `here`
    for (const std::vector<SummaryLock> &locks : here) {
      std::vector<std::string> &words = wanted.emplace_back();
      for (const SummaryLock &l : locks)
        words.push_back(lockWords(*l.lock, l.key, l.mode));
    }
    size_t before = out_.size();
    // The reasons of the locks in the ways said, not of those a smaller way makes needless.
    std::vector<const Lock *> said;
    for (size_t i : keptWays(wanted))
      said.insert(said.end(), lacking[i].begin(), lacking[i].end());
    std::string reason = reasonsFor(need.why, said);
    std::string head = "call to " + quote(fn) + " without " + waysWords(std::move(wanted)) + " " +
                       heldWords(st, need.classes) + ", which no caller in the files checked takes";
    std::string tail = " (through " + path + ")";
    // The same locks missing on the same path are one finding, whichever rule asked first.
    if (std::any_of(out_.begin(), out_.end(), [&](const Finding &f) {
          return f.diag.span.begin == call.begin() && f.diag.message.starts_with(head) &&
                 f.diag.message.ends_with(tail);
        }))
      continue;
    Diagnostic *d = report(Severity::Error, "missing-lock", call,
                           head + (reason.empty() ? "" : ": " + reason) + tail);
    if (d) {
      Diagnostics::note(*d, {kCheckedFile, call.begin(), call.end()}, "needed by " + need.what);
      if (out_.size() > before)
        out_.back().origin = need.what;
    }
  }
  // The callee stored a parameter in another's field (`pfnmap_args_setup(args, lock, ...)`,
  // `init_vma_munmap(vms, ..., unlock)`): a lock held through the value is named by the
  // field, as if stored here, and a guard naming the field is the value passed.
  for (const auto &[to, from] : sum.stores) {
    std::string field = fromParams(to, actual, result), value = fromParams(from, actual, result);
    if (!field.empty() && !value.empty())
      stored_[field] = value;
    if (!field.empty() && isIdentifier(value))
      storedIn_[value] = field;
    if (summary_ && ctx_ && isIdentifier(value) && !toParams(value, ctx_->params).empty() &&
        !toParams(field, ctx_->params).empty()) {
      std::pair<std::string, std::string> s{toParams(field, ctx_->params),
                                            toParams(value, ctx_->params)};
      if (std::find(summary_->stores.begin(), summary_->stores.end(), s) == summary_->stores.end())
        summary_->stores.push_back(std::move(s));
    }
  }
  std::optional<TryResult> conditional;
  // Caller's holds (asserted, or of the caller's caller) a Release effect ended here: a
  // HeldIf of the same lock after it is that hold kept where the result says.
  std::vector<Held> callersReleased;
  bool resultCleared = false;
  for (const Effect &e : sum.effects) {
    Held h = holdOf(e.lock.lock, e.lock.mode, at(e.lock), call.begin(), call.end());
    if (!h.lock && e.kind != Effect::Kind::Release && e.kind != Effect::Kind::MayRelease) {
      // Taken through a pointer parameter (`double_pt_lock(dst_ptl, src_ptl)`): the lock
      // the argument points at, of its class here, or of none when it is this function's
      // own parameter too.  Otherwise a lock known only by a pointer is never held by class.
      if (const Lock *c = pointerClassOf(h.key)) {
        h.lock = c;
        if (!c->findMode(h.mode) && !c->modes.empty())
          h.mode = c->modes.front().name;
      } else if (!parameterPointer(h.key))
        continue;
    }
    // The calls down to the one that took it (or may have kept it); a recursive group names
    // each function once.
    std::string path = fn;
    if (!e.path.empty() && (" -> " + e.path + " -> ").find(" -> " + fn + " -> ") == std::string::npos)
      path += " -> " + e.path;
    if (e.kind != Effect::Kind::Release)
      calleePath_[{call.begin(), h.lock}] = path;
    if (!e.passed.empty() && e.kind != Effect::Kind::Release &&
        e.kind != Effect::Kind::MayRelease) {
      h.passedAt = call.begin();
      passedBy_[call.begin()] = {call.end(), fn + " -> " + e.passed};
    }
    switch (e.kind) {
    case Effect::Kind::Acquire:
      taken_.insert(h.lock);
      std::erase_if(st.held, [&](const Held &o) { return o.may && sameHold(o, h); });
      st.held.push_back(h);
      break;
    case Effect::Kind::Release: {
      Held *o = findHeld(st, Instance{h.lock, h.key}, h.mode);
      if (!h.lock && o) { // through a pointer: every hold the caller has through it
        for (Held &x : st.held)
          if (compareHeld(x.key, h.key) == Alias::Same && x.may)
            st.settled.push_back(x);
        std::erase_if(st.held,
                      [&](const Held &x) { return compareHeld(x.key, h.key) == Alias::Same; });
        break;
      }
      if (!o) {
        if (!taken_.count(h.lock)) { // the caller's caller held it
          entryHeld_.push_back({h.lock, h.key});
          addDropped(st, h);
          callersReleased.push_back(h);
        }
        break;
      }
      if (releaseMode(o, h, fn, call))
        break; // the callee ended another mode: this hold is still there
      if (o->asserted && !o->scopeEnd) { // the caller's, asserted or taken back
        entryHeld_.push_back({o->lock, o->key});
        Held d = *o;
        d.guard.clear();
        d.guardMask.clear();
        addDropped(st, d);
        callersReleased.push_back(d);
      }
      if (o->may) {
        st.settled.push_back(*o);
        callerReleasedToo(st, *o);
      }
      st.held.erase(st.held.begin() + (o - st.held.data()));
      break;
    }
    case Effect::Kind::MayRelease: {
      // A may-hold is settled, as a release under a test settles it: the data that chose
      // whether to take it chooses whether to release it.  A definite hold becomes a may-hold.
      Held *o = findHeld(st, Instance{h.lock, h.key}, h.mode);
      if (releaseMode(o, h, fn, call))
        break;
      std::string guard = e.guard.empty() ? "" : fromParams(e.guard, actual, result);
      if (auto s = stored_.find(guard); s != stored_.end())
        guard = s->second;
      // A literal guard that says the lock is still held (`unlock` passed as 0) decides it:
      // the callee keeps it.  One that says released leaves it released on some paths (the
      // callee may still fail before it drops the lock).
      std::optional<bool> literal;
      if (isNullLiteral(guard))
        literal = false;
      else if (guard == "true" || guard == "1")
        literal = true;
      if (literal && *literal == e.guardNonzero)
        break;
      // Dropped where the callee returns zero, kept where it fails (`if
      // (do_vmi_align_munmap(..., true)) goto out;`): held exactly where the result is nonzero.
      if (literal && e.resultTells && o && !o->may) {
        Held kept = *o;
        st.held.erase(st.held.begin() + (o - st.held.data()));
        if (!resultVar.empty()) {
          std::erase_if(st.pending, [&](const Pending &p) { return p.var == resultVar; });
          st.pending.push_back({resultVar, TrySuccess::True, kept});
        } else if (!conditional)
          conditional = TryResult{TrySuccess::True, kept, {}};
        else if (conditional->success == TrySuccess::True)
          conditional->more.push_back(kept);
        else
          addMay(st, kept);
        break;
      }
      if (o && o->may && !guard.empty() && o->guard == guard && o->guardMask.empty() &&
          o->guardNonzero != e.guardNonzero) {
        // Taken where the variable is nonzero (zero) and released exactly there: gone.
        st.settled.push_back(*o);
        st.held.erase(st.held.begin() + (o - st.held.data()));
      } else if (o && o->may && !guard.empty() && o->guard == guard && o->guardMask.empty() &&
                 o->guardNonzero == e.guardNonzero) {
        // Held where the variable says so, and the callee clears it where it drops the
        // lock (a retry loop calling it again): still held exactly where it says.
      } else if (o && !o->may && !guard.empty()) {
        // The callee says through an out parameter whether it dropped the lock: a later
        // test of that variable settles it.
        o->may = true;
        o->guard = guard;
        o->guardNonzero = e.guardNonzero;
        o->keptAt = call.begin();
        keptBy_[call.begin()] = path;
      } else if (o && o->may) {
        st.settled.push_back(*o);
        st.held.erase(st.held.begin() + (o - st.held.data()));
      } else if (o) {
        o->may = true;
        o->keptAt = call.begin();
        keptBy_[call.begin()] = path;
      } else if (!taken_.count(h.lock)) {
        entryHeld_.push_back({h.lock, h.key});
        h.may = true;
        // Still held where the callee's flag says so: this function's own callers learn it
        // from the same variable when it is theirs too (`locked` passed down).
        h.guard = guard;
        h.guardNonzero = e.guardNonzero;
        addDropped(st, h);
      }
      break;
    }
    case Effect::Kind::MayAcquire: {
      // What the caller knows of a value: a literal argument, or what its path found.
      auto known = [&](const std::string &key) -> std::optional<bool> {
        if (ReturnClass c = classifyReturn(key); c == ReturnClass::Zero || c == ReturnClass::Nonzero)
          return c == ReturnClass::Nonzero;
        if (const Fact *f = factOf(st, key))
          return f->nonzero;
        return std::nullopt;
      };
      bool never = false;
      for (const auto &[k, v] : e.also) {
        std::string key = fromParams(k, actual, result);
        std::optional<bool> kv = key.empty() ? std::nullopt : known(key);
        if (kv && *kv != v)
          never = true; // `vma_link_file(vma, false)`: not on any path
        else if (!kv && !key.empty())
          h.also.push_back(Fact{key, v});
      }
      if (never)
        break;
      taken_.insert(h.lock);
      std::erase_if(st.held, [&](const Held &o) { return o.may && sameHold(o, h); });
      if (!e.guard.empty()) {
        h.guard = fromParams(e.guard, actual, result);
        h.guardNonzero = e.guardNonzero;
      }
      addMay(st, h);
      // The caller set the field that says so (`unmap.mm_wr_locked = true;`): decided.
      if (const Fact *f = h.guard.empty() ? nullptr : factOf(st, h.guard))
        assume(st, h.guard, f->nonzero);
      break;
    }
    case Effect::Kind::HeldIf: {
      taken_.insert(h.lock);
      h.may = e.may;
      h.asserted = std::any_of(callersReleased.begin(), callersReleased.end(),
                               [&](const Held &r) { return sameHold(r, h); });
      TrySuccess success = e.nonzero ? TrySuccess::True : TrySuccess::Zero;
      if (!resultVar.empty()) {
        // Several holds the same result tells (two out parameters locked on success): the
        // earlier tries stored in the variable are gone, this call's stay.  Through one
        // pointer (`fw->ptl`, a PTE, PMD or PUD lock) it is one lock: the last class stands.
        std::erase_if(st.pending, [&](const Pending &p) {
          return p.var == resultVar && (!resultCleared || p.held.key == h.key);
        });
        resultCleared = true;
        st.pending.push_back({resultVar, success, h});
      } else if (!conditional)
        conditional = TryResult{success, h, {}};
      else if (conditional->success == success)
        conditional->more.push_back(h);
      else
        addMay(st, h);
      break;
    }
    }
  }
  // A callee that releases locks for its caller (an unlock helper) given the owner of a
  // hold it leaves: where the hold reaches a return, it is the helper that was to end it.
  if (std::any_of(sum.effects.begin(), sum.effects.end(), [](const Effect &e) {
        return e.kind == Effect::Kind::Release || e.kind == Effect::Kind::MayRelease;
      }))
    for (Held &o : st.held) {
      if (o.at == call.begin() || o.key.empty() || o.key[0] == '*' ||
          std::any_of(sum.effects.begin(), sum.effects.end(), [&](const Effect &e) {
            return e.lock.lock == o.lock && (e.lock.mode.empty() || o.mode.empty() ||
                                             e.lock.mode == o.mode);
          }))
        continue;
      for (const std::string &a : actual) {
        std::string_view root = a;
        if (root.starts_with("&"))
          root.remove_prefix(1);
        std::string_view key = o.key;
        if (root.empty() || !key.starts_with(root))
          continue;
        key.remove_prefix(root.size());
        if (key.empty() || key.starts_with(".") || key.starts_with("->")) {
          o.passedAt = call.begin();
          passedBy_[call.begin()] = {call.end(), fn};
          break;
        }
      }
    }
  for (int i : sum.publishes)
    if (i >= 0 && size_t(i) < actual.size())
      publish(st, actual[i], /*direct=*/false);
  return conditional;
}

bool FunctionAnalysis::releaseMode(const Held *o, const Held &released, const std::string &fn,
                                   ts::Node call) {
  // A hold taken in one mode (read, by a helper weakened from write) that the callee ends
  // in another: the mismatch is in one of them, whichever path holds it.
  if (!o || !o->lock || o->mode.empty() || released.mode.empty() || o->mode == released.mode)
    return false;
  const Mode *held = o->lock->findMode(o->mode);
  const Mode *ends = o->lock->findMode(released.mode);
  if (!held || !ends || (held->sharing == Sharing::Shared && ends->sharing == Sharing::Shared))
    return false;
  Diagnostic *d = report(Severity::Error, "wrong-mode", call,
                         "call to " + quote(fn) + " releases a " + released.mode + " hold of " +
                             describe(o->lock, o->key) + ", but it is held for " + o->mode);
  noteHere(d, o->at, o->atEnd, "taken for " + o->mode + " here");
  return true;
}

bool FunctionAnalysis::constructs(ts::Node call, const std::string &var) const {
  if (!isIdentifier(var))
    return false;
  ts::Node fn = call.child("function");
  const std::vector<const Object *> *objects = index_.constructs(fn.text());
  bool own = false; // the object a constructor's own definition returns
  if (!objects && !returnedVars_.empty() &&
      std::find(returnedVars_.begin(), returnedVars_.end(), var) != returnedVars_.end()) {
    objects = index_.constructs(name_);
    own = true;
  }
  if (!objects)
    return false;
  std::string type = typeOf(var);
  return std::any_of(objects->begin(), objects->end(), [&](const Object *o) {
    if (!type.empty())
      return type == o->name;
    const Object *byVar = index_.objectForVar(var);
    return own || (byVar && byVar == o);
  });
}

void FunctionAnalysis::publish(State &st, const std::string &key, bool direct) {
  if (direct && isUnpublished(st, key))
    constructedHere_.insert(key);
  std::erase(st.unpublished, key);
  if (!wasPublished(st, key))
    st.published.push_back(key);
  if (!summary_ || !ctx_)
    return;
  for (size_t i = 0; i < ctx_->params.size(); ++i)
    if (ctx_->params[i] == key && std::find(summary_->publishes.begin(), summary_->publishes.end(),
                                            int(i)) == summary_->publishes.end())
      summary_->publishes.push_back(int(i));
}

} // namespace lockspec::check
