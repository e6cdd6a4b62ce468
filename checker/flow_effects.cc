// What a call to a lock API does to the state: acquisitions (with order, relation and
// double-acquire checks), tries, releases, downgrades and asserts.
#include <algorithm>
#include <tuple>

#include "c_expr.h"
#include "flow_analysis.h"
#include "wording.h"

namespace lockspec::check {

const Lock *FunctionAnalysis::releasedAs(const std::string &ptr) {
  if (!releaseTiesFound_) {
    releaseTiesFound_ = true;
    // Release APIs of a lock reached only through a pointer (its path starts with `*`)
    // whose instance argument is that pointer: `pte_unmap_unlock(pte, @ptl)`.
    auto visit = [&](auto &self, ts::Node n) -> void {
      if (std::string_view(n.type()) == "call_expression")
        if (const Api *a = index_.api(n.child("function").text());
            a && a->kind == ApiKind::Release && !a->returnsInstance)
          if (const Lock *l = model_.findLock(a->lock); l && l->path.rfind("*", 0) == 0) {
            std::vector<ts::Node> args = callArgs(n);
            for (size_t i = 0; i < a->params.size() && i < args.size(); ++i)
              if (a->params[i].instance && !a->params[i].out && a->params[i].member.empty())
                releaseTies_.emplace(canonical(args[i]), l);
          }
      for (const ts::Node &c : n.namedChildren())
        self(self, c);
    };
    visit(visit, function_.child("body"));
  }
  auto it = releaseTies_.find(ptr);
  return it == releaseTies_.end() ? nullptr : it->second;
}

FunctionAnalysis::Instance FunctionAnalysis::instanceOf(const Api &api,
                                                        const std::vector<ts::Node> &args,
                                                        const std::string &resultVar) {
  const Lock *lock = model_.findLock(api.lock);
  if (!lock)
    return {};
  const Object *owner = lock->owner.empty() ? nullptr : model_.findObject(lock->owner);
  if (api.returnsInstance) {
    if (resultVar.empty())
      return {lock, ""};
    // Spin-lock helpers (pmd_lock, pud_lock) return the lock; the others return the object
    // that owns it (lock_vma_under_rcu returns the VMA).
    if (lock->kind == LockKind::Spinlock) {
      pointerClass_[resultVar] = lock;
      bindTable(resultVar, lock, api.params, args);
      return {lock, "*" + resultVar};
    }
    return {lock, resolve(resultVar)};
  }
  size_t i = 0;
  for (; i < api.params.size() && !api.params[i].instance; ++i)
    ;
  if (i == api.params.size() || i >= args.size())
    return {lock, ""};
  const ApiParam &param = api.params[i];
  std::string arg = canonical(args[i]);
  if (!param.member.empty()) // `@vmf->vma`: the instance is reached from the argument
    return {lock, resolve(canonicalText(arg + param.member))};
  if (param.out) { // `&ptl`: the variable receives the lock pointer.
    std::string var = arg.rfind('&', 0) == 0 ? arg.substr(1) : "*" + arg;
    pointerClass_[var] = lock;
    bindTable(var, lock, api.params, args);
    return {lock, "*" + var};
  }
  if (owner && param.name == owner->var)
    return {lock, resolve(arg)};
  if (api.all)
    return {lock, resolve(arg)};
  // The argument names the lock itself: `&mm->page_table_lock`, `ptl`.
  std::string object = arg.rfind('&', 0) == 0 ? arg.substr(1) : "*" + arg;
  if (auto lo = index_.lockObject(object))
    return {lo->lock, lo->owner.empty() ? object : resolve(lo->owner)};
  auto bound = pointerClass_.find(arg);
  if (bound != pointerClass_.end())
    return {bound->second, "*" + arg};
  // `spin_lock(vmf->ptl)` on a pointer this function never tied, which it releases with an
  // API of one lock class (`pte_unmap_unlock(vmf->pte, vmf->ptl)`): the function's own code
  // says which lock it takes.
  if (api.kind == ApiKind::Acquire || api.kind == ApiKind::Try)
    if (const Lock *own = releasedAs(arg)) {
      pointerClass_[arg] = own;
      return {own, "*" + arg};
    }
  return {nullptr, "*" + arg};
}

bool FunctionAnalysis::parameterPointer(const std::string &key) const {
  if (!ctx_ || !summary_ || key.size() < 2 || key[0] != '*' || !isIdentifier(key.substr(1)))
    return false;
  return toParams(key.substr(1), ctx_->params).rfind("$", 0) == 0 &&
         !pointerClass_.count(key.substr(1));
}

void FunctionAnalysis::callerReleasedToo(State &st, const Held &h) {
  // Held here on the paths that had released the caller's hold of it (a parameter the
  // function locked again after the caller's lock went, as a retry does), and not on the
  // others, where the caller's own hold still was: released on every path now.  For a
  // parameter the function reassigns, the paths without this hold had the caller's.
  if (rebound_.count(h.key) && h.lock) {
    if (std::none_of(entryHeld_.begin(), entryHeld_.end(),
                     [&](const Instance &i) { return i.lock == h.lock && i.key == h.key; }))
      entryHeld_.push_back({h.lock, h.key});
    if (std::none_of(st.dropped.begin(), st.dropped.end(),
                     [&](const Held &d) { return sameHold(d, h); })) {
      Held d = holdOf(h.lock, "", h.key, h.at, h.atEnd);
      d.may = true;
      st.dropped.push_back(d);
    }
  }
  for (Held &d : st.dropped)
    if (d.may && d.lock == h.lock && d.key == h.key && callerLock(h.lock, h.key)) {
      d.may = false;
      d.guard.clear();
      d.guardMask.clear();
    }
}

Held *FunctionAnalysis::findHeld(State &st, const Instance &inst, const std::string &mode) {
  Held *maybe = nullptr, *same = nullptr;
  for (Held &h : st.held) {
    if (inst.lock && h.lock != inst.lock)
      continue;
    Alias a = compareHeld(h.key, inst.key);
    // `vma_end_read(*dst_vmap)` after `*dst_vmap = vma;`: the same object.
    if (a != Alias::Same && !inst.key.empty() &&
        std::find(h.handedTo.begin(), h.handedTo.end(), inst.key) != h.handedTo.end())
      a = Alias::Same;
    if (a == Alias::Same && (inst.lock || !inst.key.empty())) {
      if (h.mode == mode)
        return &h;
      if (!same)
        same = &h;
      continue;
    }
    if (a == Alias::Maybe && inst.lock && !maybe)
      maybe = &h;
  }
  return same ? same : maybe;
}

bool FunctionAnalysis::modeMatches(const Lock *lock, const std::string &held,
                                   const std::string &wanted) const {
  return wanted.empty() || lock->satisfies(held, wanted);
}

void FunctionAnalysis::checkAcquire(const Api &api, const Held &taking, State &st, ts::Node call) {
  bool blocking = api.blocks();
  const Lock *lock = taking.lock;
  // Order inversion: taking `lock` while a lock ordered after it is held, on every path
  // here or on some (`if (vma->anon_vma) anon_vma_lock_write(..);` before the i_mmap lock):
  // the paths that hold it take the two in the wrong order.
  if (blocking)
    for (const Held &h : st.held) {
      if (h.lock == lock || !h.lock)
        continue;
      for (const OrderEdge &e : index_.edges()) {
        if (e.from.lock != lock->name || e.to.lock != h.lock->name ||
            !modeMatches(lock, taking.mode, e.from.mode) || !modeMatches(h.lock, h.mode, e.to.mode))
          continue;
        Diagnostic *d =
            report(Severity::Error, "order-inversion", call,
                   quote(api.name) + " takes " + describe(lock, taking.key) + " while " +
                       describe(h.lock, h.key) + " is held" + (h.may ? " on some paths" : "") +
                       ", against the lock order (order " + quote(e.order) + ")");
        noteHere(d, h.at, h.atEnd, quote(h.lock->name) + " taken here");
        noteSpec(d, e.pos,
                 quote(lock->name) + " is ordered before " + quote(h.lock->name) + " here");
        break;
      }
    }
  for (size_t ri : model_.relationsAbout(lock->name)) {
    const Relation &r = model_.relations[ri];
    if (!modeMatches(lock, taking.mode, r.mode))
      continue;
    const Lock *other = model_.findLock(r.other);
    if (!other)
      continue;
    if (r.kind == Relation::Kind::Requires) {
      std::string owner = index_.ownerFrom(taking.key, lock->owner, *other);
      bool ok = std::any_of(st.held.begin(), st.held.end(), [&](const Held &h) {
        return h.lock == other && !h.may && other->satisfies(h.mode, r.otherMode) &&
               compareKeys(h.key, owner) != Alias::Different;
      });
      std::string why = docReason(r);
      std::string what = quote(api.name) + " takes " + lockWords(*lock, taking.key, taking.mode) +
                         ", which needs " + lockWords(*other, owner, r.otherMode) + " (relation " +
                         quote(r.name) + ")";
      if (!ok && !passOn(oneLock(other, r.otherMode, owner), what, "", {}, call.begin(),
                         {{other, why}}, "", st.published, false, st.facts)) {
        Diagnostic *d =
            report(Severity::Error, "missing-lock", call,
                   quote(api.name) + " takes " + lockWords(*lock, taking.key, taking.mode) +
                       " without " + lockWords(*other, owner, r.otherMode) + " " +
                       heldWords(st, {other}) + (why.empty() ? "" : ": " + why));
        noteSpec(d, r.pos, "relation " + quote(r.name) + " is declared here");
      }
    } else if (r.kind == Relation::Kind::Forbidden && blocking) {
      for (const Held &h : st.held)
        if (h.lock == other && !h.may && other->satisfies(h.mode, r.otherMode)) {
          Diagnostic *d = report(Severity::Error, "forbidden-nesting", call,
                                 quote(api.name) + " takes " + describe(lock, taking.key) +
                                     " while " + describe(h.lock, h.key) + " is held for " +
                                     h.mode + " (relation " + quote(r.name) + ")");
          noteHere(d, h.at, h.atEnd, quote(h.lock->name) + " taken here");
          noteSpec(d, r.pos, "relation " + quote(r.name) + " is declared here");
          break;
        }
    }
  }
  // Taking a non-recursive lock this function already holds deadlocks.
  if (blocking && lock->kind != LockKind::VmaLock && lock->kind != LockKind::Rcu &&
      lock->kind != LockKind::Seqcount)
    for (const Held &h : st.held)
      if (h.lock == lock && !h.may && (!h.asserted || h.retaken) &&
          compareHeld(h.key, taking.key) == Alias::Same) {
        Diagnostic *d = report(Severity::Error, "double-acquire", call,
                               quote(api.name) + " takes " + describe(lock, taking.key) +
                                   ", which is already held here");
        noteHere(d, h.at, h.atEnd, "taken here");
        break;
      }
}

void FunctionAnalysis::endDependents(State &st, const Lock *lock, const std::string &leftMode) {
  for (const Relation &r : model_.relations) {
    if (r.kind != Relation::Kind::EndsWith || r.other != lock->name || r.otherMode != leftMode)
      continue;
    const Lock *dep = model_.findLock(r.lock);
    std::erase_if(st.held,
                  [&](const Held &h) { return h.lock == dep && modeMatches(dep, h.mode, r.mode); });
  }
}

void FunctionAnalysis::release(const Api &api, const Instance &inst, State &st, ts::Node call) {
  if (api.all) {
    std::erase_if(st.held, [&](const Held &h) {
      return h.lock == inst.lock && modeMatches(h.lock, h.mode, api.mode);
    });
    return;
  }
  Held *h = nullptr;
  // One of several holds of a global lock (two PTE tables mapped, each its own RCU read
  // section): the one tied to an argument (`pte_unmap(src_pte)`) is the one released.
  if (inst.key.empty() && inst.lock)
    for (const ts::Node &a : callArgs(call)) {
      std::string arg = resolve(canonical(a));
      for (Held &o : st.held)
        if (!h && o.lock == inst.lock && !o.guard.empty() && resolve(o.guard) == arg)
          h = &o;
    }
  if (!h)
    h = findHeld(st, inst, api.mode);
  if (!h) {
    auto p = std::find_if(st.pending.begin(), st.pending.end(), [&](const Pending &p) {
      return (!inst.lock || p.held.lock == inst.lock) &&
             compareKeys(p.held.key, inst.key) != Alias::Different;
    });
    if (p != st.pending.end()) {
      st.pending.erase(p); // Released without testing the try: it had succeeded.
      return;
    }
    // Released through a lock pointer kept in a parameter's object, which the function never
    // tied to a class (`spin_unlock(args->lock)`): whatever lock the caller reaches through
    // it.  Not a bare pointer parameter (`spin_unlock(ptl2)`): spin_lock on one is not
    // tracked either, so a helper that takes and releases it would seem to drop the caller's.
    if (!inst.lock && ctx_ && summary_ && inst.key.size() > 2 && inst.key[0] == '*' &&
        inst.key[1] != '&' &&
        toParams(inst.key, ctx_->params).find("->") != std::string::npos) {
      entryHeld_.push_back(inst);
      addDropped(st, holdOf(nullptr, "", inst.key, call.begin(), call.end()));
      return;
    }
    // Released through a parameter pointer this function did not lock (`spin_unlock(ptl2)`
    // in a helper its callers pair with one that locked it): the caller's lock, whatever its
    // class.
    if (!inst.lock && parameterPointer(inst.key)) {
      entryHeld_.push_back(inst);
      addDropped(st, holdOf(nullptr, "", inst.key, call.begin(), call.end()));
      return;
    }
    if (!inst.lock)
      return; // A lock the spec does not know.
    // The lock of a table this function mapped itself, found by the call that mapped it
    // (`pte_offset_map_rw_nolock(.., &ptl)`): no lock its caller took before the table was
    // mapped here.  Released without being taken, it is not held.
    std::string ptr = inst.key.size() > 1 && inst.key[0] == '*' ? inst.key.substr(1) : "";
    bool mapped = mappedHere_.count(ptr) && ctx_ && toParams(ptr, ctx_->params).empty();
    // The caller's hold of an object's lock this path already let go of, and nothing took
    // again since: a second release, whoever held it on entry.  (Not a lock with no owner:
    // RCU read sections nest, and the map calls that enter one are not acquisitions here.)
    Held again = holdOf(inst.lock, api.mode, inst.key, call.begin(), call.end());
    if (auto d = std::find_if(st.dropped.begin(), st.dropped.end(),
                              [&](const Held &o) {
                                return !o.may && o.guard.empty() && !o.key.empty() &&
                                       sameHold(o, again);
                              });
        d != st.dropped.end()) {
      Diagnostic *diag = report(Severity::Error, "unlock-not-held", call,
                                quote(api.name) + " releases " + describe(inst.lock, inst.key) +
                                    ", which this path has already released");
      noteHere(diag, d->at, d->atEnd, "released here");
      return;
    }
    // The lock of an object this function found itself (`anon_vma =
    // folio_get_anon_vma(folio)`): no caller can have taken it for this function to release.
    std::string owner = resolve(inst.key);
    std::string root(rootIdentifier(owner));
    bool local = ctx_ && !owner.empty() && owner[0] != '*' && !root.empty() &&
                 types_.count(root) &&
                 std::find(ctx_->params.begin(), ctx_->params.end(), root) ==
                     ctx_->params.end() &&
                 toParams(owner, ctx_->params).empty() && !lockedByCall(root);
    if (!taken_.count(inst.lock) && !local && !mapped) {
      callerHeld(api, inst, "releases", st, call);
      addDropped(st, holdOf(inst.lock, api.mode, inst.key, call.begin(), call.end()));
      return;
    }
    report(Severity::Error, "unlock-not-held", call,
           quote(api.name) + " releases " + describe(inst.lock, inst.key) +
               ", which is not held here");
    return;
  }
  const Mode *held = h->lock ? h->lock->findMode(h->mode) : nullptr;
  const Mode *released = h->lock ? h->lock->findMode(api.mode) : nullptr;
  bool bothShared =
      held && released && held->sharing == Sharing::Shared && released->sharing == Sharing::Shared;
  if (h->lock && !h->may && h->mode != api.mode && !bothShared && !api.mode.empty()) {
    Diagnostic *d = report(Severity::Error, "wrong-mode", call,
                           quote(api.name) + " releases a " + api.mode + " hold of " +
                               describe(h->lock, h->key) + ", but it is held for " + h->mode);
    noteHere(d, h->at, h->atEnd, "taken for " + h->mode + " here");
  }
  // Held on every path, for read on some and for write on others (`mmap_read_unlock` after a
  // label that one path reaches with the read lock and another with the write lock): the
  // release is wrong on the paths whose mode it does not end.
  if (h->lock && h->may && h->everyPath && !h->otherMode.empty() && !api.mode.empty())
    for (auto [mode, at, atEnd] : {std::tuple{h->mode, h->at, h->atEnd},
                                   std::tuple{h->otherMode, h->otherAt, h->otherAtEnd}}) {
      const Mode *m = h->lock->findMode(mode);
      if (mode == api.mode || (m && released && m->sharing == Sharing::Shared &&
                               released->sharing == Sharing::Shared))
        continue;
      Diagnostic *d = report(Severity::Error, "wrong-mode", call,
                             quote(api.name) + " releases a " + api.mode + " hold of " +
                                 describe(h->lock, h->key) + ", but on some paths it is held for " +
                                 mode);
      noteHere(d, at, atEnd, "taken for " + mode + " here");
      break;
    }
  const Lock *lock = h->lock;
  std::string mode = h->mode, key = h->key, alias = h->alias;
  bool partAlias = h->partAlias;
  // The caller's hold (asserted on entry, or taken back after this path released it): its
  // release is the caller's lock released.
  if (h->asserted && !h->scopeEnd) {
    entryHeld_.push_back({h->lock, h->key});
    Held d = *h;
    d.guard.clear();
    d.guardMask.clear();
    addDropped(st, d);
  }
  if (h->may) {
    st.settled.push_back(*h);
    callerReleasedToo(st, *h);
  }
  st.held.erase(st.held.begin() + (h - st.held.data()));
  endAliases(st, key, alias, partAlias);
  if (lock)
    endDependents(st, lock, mode);
}

FunctionAnalysis::Flag FunctionAnalysis::flagIn(const FlagTest &t, const Api &api,
                                                const std::vector<ts::Node> &args) const {
  size_t i = 0;
  while (i < api.params.size() && api.params[i].name != t.param)
    ++i;
  if (i >= args.size() || !t.member.empty())
    return Flag::Unknown; // `vmf->flags`: set wherever the fault began
  std::string_view text = args[i].text();
  bool named = false, cleared = false;
  for (size_t at = text.find(t.flag); at != std::string_view::npos;
       at = text.find(t.flag, at + 1)) {
    bool word = (at == 0 || !isIdentifier(text.substr(at - 1, 1))) &&
                (at + t.flag.size() == text.size() ||
                 !isIdentifier(text.substr(at + t.flag.size(), 1)));
    if (!word)
      continue;
    named = true;
    size_t b = text.find_last_not_of(" \t(", at == 0 ? 0 : at - 1);
    cleared |= at > 0 && b != std::string_view::npos && text[b] == '~';
  }
  if (named)
    return cleared ? Flag::Clear : Flag::Set;
  // Not in the argument: clear unless a parameter of this function (its callers' flags) or
  // an assignment in this function (`fault_flags |= FLAG;` on some path) can carry it.
  std::string_view params = function_.child("declarator").text();
  std::string_view body = function_.child("body").text();
  bool carried = anyIdentifier(text, [&](std::string_view w) {
    if (anyIdentifier(params, [&](std::string_view p) { return p == w; }))
      return true;
    for (size_t at = body.find(w); at != std::string_view::npos; at = body.find(w, at + 1)) {
      size_t op = body.find_first_not_of(" \t", at + w.size());
      if (op == std::string_view::npos || (at > 0 && isIdentifier(body.substr(at - 1, 1))) ||
          isIdentifier(body.substr(at + w.size(), 1)))
        continue;
      bool assigns = body.compare(op, 2, "|=") == 0 ||
                     (body[op] == '=' && body.compare(op, 2, "==") != 0);
      size_t end = body.find(';', op);
      if (assigns && body.substr(op, end == std::string_view::npos ? end : end - op)
                             .find(t.flag) != std::string_view::npos)
        return true;
    }
    return false;
  });
  return carried ? Flag::Unknown : Flag::Clear;
}

void FunctionAnalysis::releaseIf(const Api &api, const Instance &inst,
                                 const std::vector<ts::Node> &args, const std::string &resultVar,
                                 State &st, ts::Node call) {
  Flag unless = api.releaseUnless.present() ? flagIn(api.releaseUnless, api, args) : Flag::Clear;
  if (unless == Flag::Set || !inst.lock)
    return; // nothing is released
  Flag which = api.releaseIf.present() ? flagIn(api.releaseIf, api, args) : Flag::Set;
  std::vector<Instance> targets;
  if (which != Flag::Clear)
    targets.push_back(inst);
  if (which != Flag::Set && !api.elseLock.empty())
    if (const Lock *other = model_.findLock(api.elseLock)) {
      std::string key =
          inst.key.empty() ? "" : index_.ownerFrom(inst.key, inst.lock->owner, *other);
      targets.push_back({other, key});
    }
  // Released for certain only when the flags are known; then, with result bits, exactly
  // where the result stored in `resultVar` has one of them.
  bool known = unless == Flag::Clear && which != Flag::Unknown;
  std::vector<std::string> bits = api.releasedWhen;
  std::sort(bits.begin(), bits.end());
  bool guarded = known && !bits.empty() && !resultVar.empty();
  for (const Instance &t : targets) {
    Held *h = findHeld(st, t, api.mode);
    if (!h && taken_.count(t.lock))
      continue; // not held here: the call drops nothing of this function's
    if (!h) { // the caller's lock
      entryHeld_.push_back(t);
      Held d = holdOf(t.lock, api.mode, t.key, call.begin(), call.end());
      d.may = !known || !bits.empty();
      if (guarded) {
        d.guard = resultVar;
        d.guardNonzero = false;
        d.guardMask = bits;
      }
      st.dropped.push_back(d);
      continue;
    }
    if (known && bits.empty()) {
      release(api, t, st, call);
      continue;
    }
    h->may = true;
    h->guard.clear();
    h->guardMask.clear();
    if (guarded) { // held exactly where `resultVar & (bits)` is zero
      h->guard = resultVar;
      h->guardNonzero = false;
      h->guardMask = bits;
    }
  }
}

void FunctionAnalysis::releaseAlso(const Api &api, const std::vector<ts::Node> &args, State &st) {
  const Lock *other = model_.findLock(api.alsoLock);
  if (!other || other->modes.empty())
    return;
  // The hold an argument stands for: the one its map call's result guards.
  for (const ts::Node &a : args) {
    std::string arg = resolve(canonical(a));
    for (size_t i = 0; i < st.held.size(); ++i) {
      const Held &o = st.held[i];
      if (o.lock != other || o.guard.empty() || !o.guardMask.empty() || resolve(o.guard) != arg)
        continue;
      if (o.may)
        st.settled.push_back(o);
      st.held.erase(st.held.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
  // None here: the caller's, when the argument is what the caller mapped (a parameter's
  // field this function has not assigned on every path here, as do_wp_page's vmf->pte, or
  // do_numa_page's before it maps the table again) and this function has not used the lock
  // itself.  Otherwise the table was mapped by a helper whose section the spec does not
  // model (pte_offset_map_lock), and there is nothing to end.
  if (taken_.count(other))
    return;
  for (const ts::Node &a : args) {
    if (!callerMapped(a, st))
      continue;
    Instance inst{other, ""};
    entryHeld_.push_back(inst);
    addDropped(st, holdOf(other, other->modes.front().name, "", a.begin(), a.end()));
    return;
  }
}

bool FunctionAnalysis::lockedByCall(std::string_view var) const {
  // `vma = vma_start_read(mm, vma);`: a call the spec or a summary knows may have returned
  // it locked, by a result test the checker may not follow.
  std::string_view body = function_.child("body").text();
  for (size_t at = body.find(var); at != std::string_view::npos; at = body.find(var, at + 1)) {
    if ((at > 0 && isIdentifier(body.substr(at - 1, 1))) ||
        (at + var.size() < body.size() && isIdentifier(body.substr(at + var.size(), 1))))
      continue;
    size_t op = body.find_first_not_of(" \t", at + var.size());
    if (op == std::string_view::npos || body[op] != '=' || body.compare(op, 2, "==") == 0)
      continue;
    size_t b = body.find_first_not_of(" \t\n", op + 1), e = b;
    while (e < body.size() && isIdentifier(body.substr(e, 1)))
      ++e;
    size_t paren = body.find_first_not_of(" \t", e);
    if (b == std::string_view::npos || e == b || paren == std::string_view::npos ||
        body[paren] != '(')
      continue;
    std::string_view fn = body.substr(b, e - b);
    if (index_.api(fn) || (ctx_ && ctx_->callee && ctx_->callee(fn)))
      return true;
  }
  return false;
}

bool FunctionAnalysis::callerMapped(ts::Node a, const State &st) const {
  std::string c = canonical(a);
  std::string_view root = rootIdentifier(c);
  std::string_view params = function_.child("declarator").text();
  if (root.empty() || root == c ||
      !anyIdentifier(params, [&](std::string_view p) { return p == root; }))
    return false;
  return !std::binary_search(st.reassigned.begin(), st.reassigned.end(), c);
}

void FunctionAnalysis::callerHeld(const Api &api, const Instance &inst, const char *verb,
                                  const State &st, ts::Node call) {
  // Within the files checked, the callers see the release in this function's summary; a
  // function declared `__releases()` of it says so itself.
  if ((!ctx_ || ctx_->entry) && !declared(LockAnnotation::Kind::Releases, inst.lock, inst.key))
    report(Severity::Note, "caller-held", call,
           quote(api.name) + " " + verb + " " + describe(inst.lock, inst.key) +
               ", which this function has not taken: assumed held by its caller");
  entryHeld_.push_back(inst);
  if (api.kind != ApiKind::Release || !inst.lock ||
      std::any_of(callerReleases_.begin(), callerReleases_.end(),
                  [&](const CallerRelease &r) { return r.begin == call.begin(); }))
    return;
  // A lock with no owner released through what a map call returned (`pte_unmap(pte)`): the
  // caller's only when the caller mapped it; a map this function made may have entered the
  // section without the checker seeing it (pte_offset_map_lock).
  std::vector<ts::Node> args = callArgs(call);
  if (inst.key.empty() && !args.empty() &&
      std::none_of(args.begin(), args.end(), [&](ts::Node a) { return callerMapped(a, st); }))
    return;
  bool topLevel = false;
  ts::Node body = function_.child("body");
  for (ts::Node n = call.parent(); !n.isNull(); n = n.parent()) {
    if (n.begin() == body.begin() && n.end() == body.end()) {
      topLevel = true;
      break;
    }
    // A plain block inside the body (`{ ... }` opened for its own locals) is no condition.
    std::string_view t = n.type();
    bool block = t == "compound_statement" && !n.parent().isNull() &&
                 std::string_view(n.parent().type()) == "compound_statement";
    if (t != "expression_statement" && !block)
      break;
  }
  // Not after a label: a jump there comes from paths the checker may have lost track of.
  for (const ts::Node &c : body.namedChildren())
    if (c.begin() < call.begin() && std::string_view(c.type()) == "labeled_statement")
      topLevel = false;
  callerReleases_.push_back({inst, api.mode, api.name, call.begin(), call.end(), topLevel});
}

std::optional<FunctionAnalysis::TryResult>
FunctionAnalysis::applyCall(ts::Node call, State &st, const std::string &resultVar,
                            const std::vector<ts::Node> &args, std::string_view as) {
  ts::Node fn = call.child("function");
  if (as.empty() && std::string_view(fn.type()) != "identifier")
    return std::nullopt;
  std::string name(as.empty() ? fn.text() : as);
  // A pointer function's out parameter (`&ptl`) now points at that lock, untaken.
  if (const LockIndex::OutPointer *op = index_.outPointer(name); op && op->param < args.size()) {
    std::string arg = canonical(args[op->param]);
    std::string var = arg.rfind('&', 0) == 0 ? arg.substr(1) : "*" + arg;
    pointerClass_[var] = op->lock;
    if (const LockPointer *fn = index_.pointer(name))
      bindTable(var, op->lock, fn->params, args);
    std::erase(st.gone, "*" + var);
    // The call also maps the table (`pte_offset_map_rw_nolock` enters its RCU section).
    if (const Api *map = index_.api(name);
        map && (map->kind == ApiKind::Try || map->kind == ApiKind::Acquire))
      mappedHere_.insert(var);
  }
  // Published while the call runs: its own requirements are checked as for any object.
  if (index_.publishes(name))
    for (const ts::Node &a : args)
      publish(st, resolve(canonical(a)));
  const Api *api = index_.api(name);
  // A function that takes a lock meets a requirement on that lock itself; one that releases
  // it conditionally (handle_mm_fault) needs it held like any other caller's code.
  const Lock *own =
      api && !api->conditionalRelease() ? model_.findLock(api->lock) : nullptr;
  checkOperations(name, args, st, call, own);
  if (!api) {
    if (ctx_ && ctx_->callee)
      if (const FunctionSummary *sum = ctx_->callee(name))
        return applySummary(*sum, name, call, st, resultVar, args);
    // A macro the hints say releases the lock an argument's field points at: as a callee
    // that releases its caller's hold through that pointer.
    if (const std::string *key = MacroHints::kernel().releasesThrough(name)) {
      FunctionSummary released;
      released.effects.push_back({Effect::Kind::Release, {nullptr, "", *key}, true});
      return applySummary(released, std::string(name), call, st, resultVar, args);
    }
    return std::nullopt;
  }
  Instance inst = instanceOf(*api, args, resultVar);
  // `spin_lock(ptl1)` on a parameter pointer no spec path or call here ties to a class
  // (double_pt_lock's): held with no class, which each caller's argument gives (summary.h).
  if (!inst.lock && api->kind == ApiKind::Acquire && parameterPointer(inst.key)) {
    Held h = holdOf(nullptr, api->mode, inst.key, call.begin(), call.end());
    std::erase_if(st.held, [&](const Held &o) { return o.may && sameHold(o, h); });
    std::erase_if(st.dropped, [&](const Held &o) { return sameHold(o, h); });
    st.held.push_back(h);
    return std::nullopt;
  }
  if (!inst.lock && api->kind != ApiKind::Release)
    return std::nullopt; // spin_lock on a lock the spec does not know.
  Held taking = holdOf(inst.lock, api->mode, inst.key, call.begin(), call.end());
  if (api->kind == ApiKind::Acquire || api->kind == ApiKind::Try)
    taken_.insert(inst.lock);
  switch (api->kind) {
  case ApiKind::Acquire:
    checkAcquire(*api, taking, st, call);
    std::erase_if(st.settled, [&](const Held &h) { return sameHold(h, taking); });
    // Held from here on every path: a may-hold of the same lock (a retry path joined with
    // the first entry) is superseded.  Not reported: a may-hold here is nearly always a
    // hold the code knows it dropped (a `locked` flag, a callee that released it), which
    // the checker cannot see yet.
    std::erase_if(st.held, [&](const Held &h) { return h.may && sameHold(h, taking); });
    // Taking again, in its mode, a lock this path released for the caller (a retry loop
    // that re-enters the caller's RCU section): the caller's hold is back, never a leak.
    taking.asserted = std::any_of(st.dropped.begin(), st.dropped.end(), [&](const Held &h) {
      return sameHold(h, taking) && (h.mode.empty() || h.mode == taking.mode);
    });
    taking.retaken = taking.asserted;
    std::erase_if(st.dropped, [&](const Held &h) { return sameHold(h, taking); });
    if (!taking.key.empty() && taking.key[0] == '*')
      st.gone.clear(); // releases before this acquisition cannot have ended it
    if (api->returnsInstance && !resultVar.empty() && isIdentifier(resultVar)) {
      setFact(st, resultVar, true); // `pml = pmd_lock(...)`: non-NULL, and held, from here
      taking.guard = resultVar;
    }
    st.held.push_back(taking);
    return std::nullopt;
  case ApiKind::Try:
    checkAcquire(*api, taking, st, call);
    if (!resultVar.empty()) {
      std::erase_if(st.pending, [&](const Pending &p) { return p.var == resultVar; });
      st.pending.push_back({resultVar, api->success, taking});
      return std::nullopt;
    }
    return TryResult{api->success, taking, {}};
  case ApiKind::Release:
    if (api->conditionalRelease())
      releaseIf(*api, inst, args, resultVar, st, call);
    else
      release(*api, inst, st, call);
    if (!api->alsoLock.empty())
      releaseAlso(*api, args, st);
    return std::nullopt;
  case ApiKind::Downgrade: {
    Held *h = findHeld(st, inst);
    if (!h && !taken_.count(inst.lock)) {
      callerHeld(*api, inst, "downgrades", st, call);
      return std::nullopt;
    }
    if (!h) {
      report(Severity::Error, "unlock-not-held", call,
             quote(api->name) + " downgrades " + describe(inst.lock, inst.key) +
                 ", which is not held here");
      return std::nullopt;
    }
    if (!h->may && h->mode != api->mode) {
      Diagnostic *d = report(Severity::Error, "wrong-mode", call,
                             quote(api->name) + " needs " + describe(h->lock, h->key) +
                                 " held for " + api->mode + ", but it is held for " + h->mode);
      noteHere(d, h->at, h->atEnd, "taken for " + h->mode + " here");
      return std::nullopt;
    }
    std::string left = h->mode;
    h->mode = api->toMode;
    endDependents(st, inst.lock, left);
    return std::nullopt;
  }
  case ApiKind::Assert:
    assertHeld(quote(api->name), inst, api->mode, taking, st, call);
    return std::nullopt;
  }
  return std::nullopt;
}

void FunctionAnalysis::assertHeld(const std::string &who, const Instance &inst,
                                  const std::string &mode, Held taking, State &st, ts::Node call) {
  Held *h = findHeld(st, inst);
  if (h && !h->may && !h->lock->satisfies(h->mode, mode)) {
    Diagnostic *d = report(Severity::Error, "wrong-mode", call,
                           who + " asserts " + describe(h->lock, h->key) + " held for " + mode +
                               ", but it is held for " + h->mode);
    noteHere(d, h->at, h->atEnd, "taken for " + h->mode + " here");
  } else if (h && h->may) {
    h->may = false; // The assert proves the path that holds it is the one taken.
  } else if (!h) {
    // Asserted, not taken: the callers must hold it (a precondition, as `__must_hold`).
    if (!taken_.count(inst.lock))
      passOn(oneLock(inst.lock, mode, inst.key),
             who + " asserts " + describe(inst.lock, inst.key) + " held", "", {}, call.begin(),
             {{inst.lock, who + " asserts it"}}, "", st.published);
    taking.mode = mode;
    taking.asserted = true;
    st.held.push_back(taking);
    if (std::none_of(assertedHeld_.begin(), assertedHeld_.end(), [&](const auto &a) {
          return a.first.lock == inst.lock && a.first.key == inst.key && a.second == st.facts;
        }))
      assertedHeld_.push_back({inst, st.facts});
  }
}

std::string FunctionAnalysis::excludedBy(const Lock &lock, const std::string &mode) const {
  // The modes a hold in `mode` cannot coexist with: the spec's exclusivity matrix of the lock
  // when it has one, else the modes' sharing (a shared mode is kept out by the exclusive
  // ones, an exclusive mode by every mode).
  std::vector<const Mode *> excluders;
  const Matrix *matrix = nullptr;
  for (const Matrix &m : model_.matrices)
    if (m.lock == lock.name)
      matrix = &m;
  const Mode *tried = lock.findMode(mode);
  if (!tried)
    return "";
  for (const Mode &other : lock.modes) {
    bool excludes = tried->sharing == Sharing::Exclusive || other.sharing == Sharing::Exclusive;
    if (matrix) {
      auto r = std::find(matrix->modes.begin(), matrix->modes.end(), mode);
      auto c = std::find(matrix->modes.begin(), matrix->modes.end(), other.name);
      size_t ri = r - matrix->modes.begin(), ci = c - matrix->modes.begin();
      if (r != matrix->modes.end() && c != matrix->modes.end() && ri < matrix->excludes.size() &&
          ci < matrix->excludes[ri].size())
        excludes = matrix->excludes[ri][ci];
    }
    if (excludes)
      excluders.push_back(&other);
  }
  // Whoever keeps the try out holds one of them: the strongest mode each of them satisfies.
  const Mode *best = nullptr;
  for (const Mode &m : lock.modes)
    if (!excluders.empty() &&
        std::all_of(excluders.begin(), excluders.end(),
                    [&](const Mode *e) { return lock.satisfies(e->name, m.name); }) &&
        (!best || m.satisfies.size() > best->satisfies.size()))
      best = &m;
  return best ? best->name : "";
}

} // namespace lockspec::check
