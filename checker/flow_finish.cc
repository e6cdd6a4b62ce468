// The function's own summary, built once its graph is analysed: what the returns held and
// released becomes effects, and releases of locks it never took become its callers' needs
// (summary.h).
#include <algorithm>
#include <cctype>

#include "c_expr.h"
#include "flow_analysis.h"
#include "wording.h"

namespace lockspec::check {

void FunctionAnalysis::heldOnEntry(const Instance &i, Reach reach) {
  if (!i.lock || declared(LockAnnotation::Kind::Releases, i.lock, i.key))
    return;
  for (const CallerRelease &r : callerReleases_) {
    if (r.inst.lock != i.lock || r.inst.key != i.key || (reach != Reach::Every && !r.topLevel))
      continue;
    std::string what = quote(r.api) + " releases " + describe(i.lock, i.key) +
                       ", which this function has not taken";
    if (passOn(oneLock(i.lock, r.mode, i.key), what, "", {i.lock}, r.begin,
               {{i.lock, quote(r.api) + (reach == Reach::Every
                                             ? " releases it on every path"
                                             : " releases it whenever it gets there")}},
               "", {}, true) ||
        reach == Reach::Some || reach == Reach::Retaken)
      return;
    // Nothing can hold it on entry (a root), or an entry that manages the lock itself
    // releases a lock it never took, unconditionally once it gets there: unmatched.
    for (Finding &f : out_)
      if (f.rule == "caller-held" && f.diag.span.begin == r.begin) {
        f.rule = "unlock-not-held";
        f.diag.severity = Severity::Error;
        f.diag.message = quote(r.api) + " releases " + describe(i.lock, i.key) +
                         ", which this function never takes and no caller in the files "
                         "checked holds";
      }
  }
}

void FunctionAnalysis::finish() {
  if (summary_)
    summary_->takes.assign(taken_.begin(), taken_.end());
  if (!summary_ || returns_.empty())
    return;
  // One row per lock (by class and key in the parameters' terms) held at some return.
  struct Row {
    Held first;
    std::string key;
    std::vector<ReturnHold> at;
    bool handed = false;
  };
  std::vector<Row> rows;
  size_t n = 0;
  for (const auto &[begin, rec] : returns_) {
    for (const Held &h : rec.held) {
      std::string key =
          h.key.find("$ret") != std::string::npos ? h.key : toParams(h.key, ctx_->params);
      // A local pointer stored in a parameter's field: the caller names the lock by the field.
      if (key.empty() && h.key.size() > 1 && h.key[0] == '*')
        if (auto s = storedIn_.find(h.key.substr(1)); s != storedIn_.end())
          key = toParams("*" + s->second, ctx_->params);
      auto row = std::find_if(rows.begin(), rows.end(),
                              [&](const Row &r) { return r.first.lock == h.lock && r.key == key; });
      if (row == rows.end()) {
        rows.push_back({h, key, std::vector<ReturnHold>(returns_.size()),
                        key.find("$ret") != std::string::npos});
        row = rows.end() - 1;
      }
      row->at[n] = {rec.cls, h.may ? ReturnHold::Hold::May : ReturnHold::Hold::Yes};
      row->at[n].heldWhenZero =
          !h.may && !rec.text.empty() &&
          std::find(h.nullWith.begin(), h.nullWith.end(), rec.text) != h.nullWith.end();
    }
    ++n;
  }
  n = 0;
  for (const auto &[begin, rec] : returns_) {
    bool maybeNonzero = rec.cls == ReturnClass::Unknown && !rows.empty() &&
                        isIdentifier(rec.value) && setsNonzero(rec.value);
    for (Row &r : rows) {
      r.at[n].cls = rec.cls;
      r.at[n].maybeNonzero = maybeNonzero;
    }
    ++n;
  }
  // Caller-held locks the function releases (on every return, or as its result says).
  std::vector<Instance> released;
  for (const Instance &i : entryHeld_)
    if (std::none_of(released.begin(), released.end(),
                     [&](const Instance &o) { return o.lock == i.lock && o.key == i.key; }))
      released.push_back(i);
  for (const Instance &i : released) {
    std::vector<ReturnHold> at;
    for (const auto &[begin, rec] : returns_) {
      auto gone = std::find_if(rec.released.begin(), rec.released.end(),
                               [&](const Held &o) { return o.lock == i.lock && o.key == i.key; });
      // Released through a pointer on every path where the pointer is set: where it is
      // NULL there was no lock (`if (args->lock) spin_unlock(args->lock);`).
      std::string ptr = i.key.size() > 1 && i.key[0] == '*' ? i.key.substr(1) : "";
      bool null = !ptr.empty() && std::any_of(rec.facts.begin(), rec.facts.end(), [&](const Fact &f) {
        return f.var == ptr && !f.nonzero;
      });
      // (a released hold's guard says where it is still held: here, where the pointer is NULL)
      bool byPtr = gone != rec.released.end() && gone->may && !ptr.empty() &&
                   gone->guard == ptr && !gone->guardNonzero && gone->guardMask.empty();
      at.push_back({rec.cls, gone == rec.released.end() ? (null ? ReturnHold::Hold::Yes
                                                                : ReturnHold::Hold::No)
                             : gone->may && !byPtr      ? ReturnHold::Hold::May
                                                        : ReturnHold::Hold::Yes});
    }
    // Dropped and taken again before every return that dropped it (a helper that leaves its
    // caller's RCU section to sleep and enters it again): the caller's hold is back, unless
    // a return hands over a hold of that lock of its own (retaken in another mode).
    if (std::all_of(at.begin(), at.end(),
                    [](const ReturnHold &h) { return h.hold == ReturnHold::Hold::No; }) &&
        std::none_of(rows.begin(), rows.end(), [&](const Row &r) {
          return r.first.lock == i.lock && compareKeys(r.first.key, i.key) != Alias::Different;
        })) {
      // Holding it on entry is still the need of any path that gets to the release.
      heldOnEntry(i, Reach::Retaken);
      continue;
    }
    Effect::Kind kind;
    bool nonzero = true;
    // The mode its own release calls end, when they agree (a caller whose hold of it is in
    // another mode gets the wrong-mode finding at the call).
    std::string mode;
    for (const CallerRelease &r : callerReleases_)
      if (r.inst.lock == i.lock && r.inst.key == i.key)
        mode = mode.empty() || mode == r.mode ? r.mode : "?";
    SummaryLock l{i.lock, mode == "?" ? "" : mode, toParams(i.key, ctx_->params)};
    // An out parameter (`*locked`, `*mmap_locked`) the function clears exactly where it
    // released the caller's lock: the caller's test of it says whether the lock is held.
    std::string flag;
    for (const auto &[begin, rec] : returns_)
      for (const Fact &f : rec.facts)
        if (flag.empty() && !f.nonzero && f.var.size() > 1 && f.var[0] == '*' &&
            toParams(f.var, ctx_->params).size() > 1)
          flag = f.var;
    if (!flag.empty()) {
      size_t k = 0;
      bool tells = true, some = false;
      for (const auto &[begin, rec] : returns_) {
        const Fact *f = nullptr;
        for (const Fact &x : rec.facts)
          if (x.var == flag)
            f = &x;
        ReturnHold::Hold r = at[k++].hold;
        some |= r != ReturnHold::Hold::No;
        if (r == ReturnHold::Hold::Yes)
          tells &= f && !f->nonzero;
        else if (r == ReturnHold::Hold::No)
          tells &= !f || f->nonzero;
        // Released on some paths to this return (a spec release the result or a flag
        // decides, which the function does not test itself): its flag is its word to the
        // caller, cleared where it let the lock go and left set where it did not.
      }
      if (tells && some) {
        Effect e{Effect::Kind::MayRelease, l, true};
        e.guard = toParams(flag, ctx_->params);
        summary_->effects.push_back(e);
        continue;
      }
    }
    // Taken again before every return, in another mode (the caller's hold is released and
    // a new one returned, below): holding it on entry is the need of any path that gets to
    // the release.
    if (std::all_of(at.begin(), at.end(),
                    [](const ReturnHold &r) { return r.hold == ReturnHold::Hold::No; }))
      heldOnEntry(i, Reach::Retaken);
    if (!holdEffect(at, kind, nonzero)) {
      // Released on some paths, as a flag or out parameter tells the caller: after the
      // call the caller may hold it.  When every return that may have released it says so
      // through one parameter's pointee, the caller's test of that variable tells.
      Effect may{Effect::Kind::MayRelease, l, true};
      std::optional<std::pair<std::string, bool>> guard;
      bool one = true;
      for (const auto &[begin, rec] : returns_)
        for (const Held &o : rec.released) {
          if (o.lock != i.lock || o.key != i.key || !o.may)
            continue;
          std::string g = o.guard.empty() || !o.guardMask.empty()
                              ? ""
                              : toParams(o.guard, ctx_->params);
          if (g.empty() || (guard && *guard != std::pair{g, o.guardNonzero}))
            one = false;
          else
            guard = std::pair{g, o.guardNonzero};
        }
      if (one && guard) {
        may.guard = guard->first;
        may.guardNonzero = guard->second;
      }
      // A callee that may have kept it: the calls down to it.
      for (const auto &[begin, rec] : returns_)
        for (const Held &o : rec.released)
          if (may.path.empty() && o.lock == i.lock && o.key == i.key && o.may)
            if (auto p = calleePath_.find({o.at, o.lock}); p != calleePath_.end())
              may.path = p->second;
      if (may.guard.empty())
        heldOnEntry(i, Reach::Some);
      may.resultTells = std::all_of(at.begin(), at.end(), [](const ReturnHold &h) {
        return (h.hold == ReturnHold::Hold::No) == (h.cls != ReturnClass::Zero);
      });
      summary_->effects.push_back(may);
      // Where code outside the files checked calls it, a caller's lock its own code
      // releases at some returns and leaves at others, as no result or flag says, leaves
      // that caller not knowing whether it still holds it: each return that kept it.
      if (ctx_->entry && may.guard.empty() && may.path.empty() &&
          std::none_of(at.begin(), at.end(),
                       [](const ReturnHold &r) { return r.hold == ReturnHold::Hold::May; })) {
        size_t k = 0;
        for (const auto &[begin, rec] : returns_)
          if (at[k++].hold == ReturnHold::Hold::No)
            report(Severity::Warning, "held-at-return", rec.begin, rec.end,
                   describe(i.lock, i.key) +
                       " is still held at return, where other returns release it for the "
                       "caller (no result or flag tells which)");
      }
      continue;
    }
    // Released through a pointer where the result says so: the caller's hold through it is
    // left held where it does not, which the caller sees as released on some paths only (a
    // hold of no class cannot be handed back as the result says).
    if (kind == Effect::Kind::HeldIf && !l.lock) {
      summary_->effects.push_back({Effect::Kind::MayRelease, l, true});
      continue;
    }
    summary_->effects.push_back({Effect::Kind::Release, l, true});
    if (kind == Effect::Kind::Acquire)
      heldOnEntry(i);
    else if (kind == Effect::Kind::HeldIf && !nonzero)
      heldOnEntry(i, Reach::Success); // its early returns are failures
    if (kind == Effect::Kind::HeldIf && l.lock) { // a pointer's lock is not taken again
      // Held again in the mode the caller held it, as the release found it.
      Effect again{Effect::Kind::HeldIf, l, !nonzero};
      for (const auto &[begin, rec] : returns_)
        for (const Held &o : rec.released)
          if (again.lock.mode.empty() && o.lock == i.lock && o.key == i.key)
            again.lock.mode = o.mode;
      summary_->effects.push_back(again);
    }
  }
  // The variable (in the parameters' terms) that guards a row's hold at every return where
  // it may be held, and its sense, when one does.
  auto mayGuard = [&](const Row &r) -> std::optional<std::pair<std::string, bool>> {
    std::optional<std::pair<std::string, bool>> guard;
    size_t k = 0;
    for (const auto &[begin, rec] : returns_) {
      if (r.at[k++].hold != ReturnHold::Hold::May)
        continue;
      auto h = std::find_if(rec.held.begin(), rec.held.end(),
                            [&](const Held &o) { return o.lock == r.first.lock && o.may; });
      std::string g = h == rec.held.end() || !h->guardMask.empty() ? ""
                      : h->guard.find("$ret") != std::string::npos
                          ? h->guard
                          : toParams(h->guard, ctx_->params);
      if (g.empty() || (guard && *guard != std::pair{g, h->guardNonzero}))
        return std::nullopt;
      guard = std::pair{g, h->guardNonzero};
    }
    return guard;
  };
  for (const Row &r : rows) {
    Effect::Kind kind;
    bool nonzero = true;
    // Only a lock the caller can name is handed over: one of a parameter's objects, the
    // result's, or a global lock.  A lock of the function's own local objects stays its own.
    bool nameable = !r.key.empty() || r.first.key.empty();
    bool effect = nameable && holdEffect(r.at, kind, nonzero);
    // Held on some paths only, as data says (a lock mode kept in a struct): a may-hold of
    // the caller's, who releases it by the same data.  Not for a global lock.
    bool may = false;
    if (!effect && !r.key.empty()) {
      // When the result still tells the paths that may hold it from those that do not
      // (`return -EINTR` before any lock), the caller's test keeps them apart.
      std::vector<ReturnHold> some = r.at;
      for (size_t k = 0; k < some.size(); ++k) {
        ReturnHold &h = some[k];
        // A pointer names one lock whose class the path chose (`args->lock` is a PUD, PMD
        // or PTE table's): held at a return where another class is held through it.
        if (h.hold == ReturnHold::Hold::No && r.key[0] == '*')
          for (const Row &o : rows)
            if (&o != &r && o.key == r.key && o.at[k].hold != ReturnHold::Hold::No)
              h.hold = ReturnHold::Hold::May;
        if (h.hold == ReturnHold::Hold::May)
          h.hold = ReturnHold::Hold::Yes;
      }
      if (!holdEffect(some, kind, nonzero) || kind != Effect::Kind::HeldIf)
        kind = Effect::Kind::MayAcquire;
      may = effect = true;
      // Where it may be held, held exactly where the result is valid (`return vma;` joined
      // from a path that locked it and one that set it to ERR_PTR or NULL): the result tells
      // those returns apart as it tells the others.
      if (kind == Effect::Kind::HeldIf && nonzero &&
          mayGuard(r) == std::pair{std::string("$ret"), true})
        may = false;
    }
    if (effect) {
      Effect e{kind, {r.first.lock, r.first.mode, r.key}, nonzero, may};
      e.path = holdPath(r.first);
      for (const auto &[begin, rec] : returns_)
        for (const Held &o : rec.held)
          if (e.passed.empty() && o.lock == r.first.lock && o.key == r.first.key && o.passedAt)
            if (auto p = passedBy_.find(o.passedAt); p != passedBy_.end())
              e.passed = p->second.second;
      // Held on some paths, exactly where a parameter's field or pointee says (`if
      // (vp->file) i_mmap_lock_write(vp->mapping);`): the caller's test of it, or a callee
      // released by the same field, settles the hold.
      if (kind == Effect::Kind::MayAcquire) {
        if (auto guard = mayGuard(r)) {
          e.guard = guard->first;
          e.guardNonzero = guard->second;
        }
        // Conditions every return that may hold it says, that the caller can name.
        bool first = true;
        size_t k = 0;
        for (const auto &[begin, rec] : returns_) {
          if (r.at[k++].hold != ReturnHold::Hold::May)
            continue;
          auto h = std::find_if(rec.held.begin(), rec.held.end(), [&](const Held &o) {
            return o.lock == r.first.lock && o.may;
          });
          std::vector<std::pair<std::string, bool>> here;
          if (h != rec.held.end())
            for (const Fact &c : h->also)
              if (std::string p = toParams(c.var, ctx_->params); !p.empty() && p[0] == '$')
                here.emplace_back(std::move(p), c.nonzero);
          if (first)
            e.also = std::move(here);
          else
            std::erase_if(e.also, [&](const auto &c) {
              return std::find(here.begin(), here.end(), c) == here.end();
            });
          first = false;
        }
      }
      summary_->effects.push_back(e);
    }
    // Where code outside the files checked calls the function, a lock it returns holding is
    // a leak unless the result tells the caller (a pointer or flag it tests).
    // Told apart by a pointer or value the caller tests, or held exactly at the `return
    // true;`s, as a `try ... when true` API (not `return -EAGAIN;` holding: an inverted
    // test).
    // A return that may hold it on some of its paths tells the caller nothing unless the
    // value it returns is what says so (a hold guarded by `ret`, `return ret;`); nor does
    // `return f(vmf);` when f may hold it as no result of f says.
    auto untold = [&](size_t k, const ReturnRecord &rec) {
      return r.at[k].hold == ReturnHold::Hold::May &&
             std::any_of(rec.held.begin(), rec.held.end(), [&](const Held &h) {
               return h.lock == r.first.lock && h.may && !h.everyPath &&
                      (h.guard.empty() || h.guard != rec.value);
             });
    };
    bool tested = effect && kind == Effect::Kind::HeldIf &&
                  std::all_of(r.at.begin(), r.at.end(), [](const ReturnHold &h) {
                    return h.hold == ReturnHold::Hold::No || h.cls == ReturnClass::Unknown;
                  });
    if (tested) {
      size_t k = 0;
      for (const auto &[at, rec] : returns_)
        tested &= !untold(k++, rec);
    }
    if (effect && kind == Effect::Kind::HeldIf && nonzero && !tested) {
      tested = true;
      size_t i = 0;
      for (const auto &[at, rec] : returns_) {
        if (r.at[i++].hold == ReturnHold::Hold::No)
          continue;
        std::string_view text =
            function_.text().substr(rec.begin - function_.begin(), rec.end - rec.begin);
        if (text.rfind("return", 0) == 0)
          text.remove_prefix(6);
        std::string v;
        for (char c : text)
          if (!std::isspace(static_cast<unsigned char>(c)) && c != ';' && c != '(' && c != ')')
            v += c;
        tested &= v == "true";
      }
    }
    // Declared `__acquires`/`__cond_acquires`: returning it is the function's contract.
    // An alias is handed over with the hold it names (a second out parameter set to the
    // same object): reported there, if at all.  A hold that ends with another lock is
    // released by it (never a leak).
    if (r.handed || (effect && (!ctx_->entry || tested)) || !r.first.alias.empty() ||
        declared(LockAnnotation::Kind::Acquires, r.first.lock, r.first.key) ||
        endsWithOther(r.first))
      continue;
    n = 0;
    for (const auto &[begin, rec] : returns_) {
      const ReturnHold &h = r.at[n++];
      if (h.hold == ReturnHold::Hold::No)
        continue;
      // The hold this return has (taken here or by the call it returns), not the first one.
      auto own = std::find_if(rec.held.begin(), rec.held.end(), [&](const Held &o) {
        return o.lock == r.first.lock && o.key == r.first.key;
      });
      const Held &f = own == rec.held.end() ? r.first : *own;
      Diagnostic *d =
          h.hold == ReturnHold::Hold::May
              ? report(Severity::Warning, "held-at-return", rec.begin, rec.end,
                       describe(f.lock, f.key) +
                           " may still be held at return (it is held on some paths only)" +
                           takenThrough(f))
              : report(Severity::Error, "held-at-return", rec.begin, rec.end,
                       describe(f.lock, f.key) + " is still held at return" + takenThrough(f));
      noteHere(d, f.at, f.atEnd, "taken here");
      notePassed(d, f);
    }
  }
}

void FunctionAnalysis::notePassed(Diagnostic *d, const Held &h) {
  auto p = h.passedAt ? passedBy_.find(h.passedAt) : passedBy_.end();
  if (!d || p == passedBy_.end())
    return;
  const auto &[end, path] = p->second;
  std::string helper = path.substr(path.rfind(' ') == std::string::npos ? 0 : path.rfind(' ') + 1);
  noteHere(d, h.passedAt, end,
           "given its owner here, " + quote(helper) +
               " releases locks for its caller but leaves this one held (through " +
               name_ + " -> " + path + ")");
}

} // namespace lockspec::check
