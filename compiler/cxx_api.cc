// The annotated C API of mm_locks.h: one inline function per `api` declaration of the spec.
#include <algorithm>

#include "cxx_emitter.h"

namespace lockspec::cxx {

std::optional<Recheck> Emitter::recheckOf(const Api &api) const {
  if (api.kind != ApiKind::Try || api.success != TrySuccess::NonNull || !api.blocks() ||
      api.killable ||
      std::none_of(api.params.begin(), api.params.end(),
                   [](const ApiParam &p) { return p.instance && p.out; }))
    return std::nullopt;
  const Lock &l = *lock(api.lock).lock;
  if (!objects_.count(l.owner))
    return std::nullopt;
  const Object &owner = *objects_.at(l.owner).obj;
  Recheck r;
  r.owner = l.owner;
  // The owner's linked objects the function is given; the one nearest the owner is the one
  // whose entry maps it (pmd_table, not the mm_struct pmd_table itself links to).
  std::vector<std::pair<std::string, std::string>> linked; // (param, object)
  for (const ApiParam &p : api.params) {
    if (p.instance)
      continue;
    auto found = objectOfVar_.find(p.name);
    if (found == objectOfVar_.end()) {
      if (!p.out)
        r.keys.push_back(p.name);
    } else if (std::any_of(owner.links.begin(), owner.links.end(),
                           [&](const Link &k) { return k.target == found->second; })) {
      linked.push_back({p.name, found->second});
    }
  }
  // A candidate another candidate links to is further up (mm_struct, above pmd_table).
  std::vector<std::pair<std::string, std::string>> nearest;
  for (const auto &c : linked)
    if (std::none_of(linked.begin(), linked.end(), [&](const auto &d) {
          const std::vector<Link> &links = objects_.at(d.second).obj->links;
          return d.second != c.second &&
                 std::any_of(links.begin(), links.end(),
                             [&](const Link &k) { return k.target == c.second; });
        }))
      nearest.push_back(c);
  // Given only the top object (get_locked_pte(mm, addr, &ptl)), the function walks from it and
  // retries on its own: there is no entry the caller read that could have changed.
  if (nearest.size() != 1)
    return std::nullopt;
  const std::vector<Link> &up = objects_.at(nearest[0].second).obj->links;
  if (std::none_of(up.begin(), up.end(), [&](const Link &k) {
        return std::any_of(linked.begin(), linked.end(),
                           [&](const auto &c) { return c.second == k.target; });
      }))
    return std::nullopt;
  r.param = nearest[0].first;
  r.object = nearest[0].second;
  return r;
}

void Emitter::emitApi(std::ostringstream &o, const Api &api, const LockInfo &li) const {
  const Lock &l = *li.lock;
  std::string ownerVar =
      li.declObject.empty() || !objects_.count(l.owner) ? "" : objects_.at(l.owner).obj->var;
  std::vector<std::string> params;
  std::string inst, ownerPtr;
  auto objectOfVar = [&](const std::string &var) -> std::string {
    auto found = objectOfVar_.find(var);
    return found == objectOfVar_.end() ? "" : found->second;
  };
  // A seqcount's read side passes the sampled count: the try hands it back (the kernel's
  // raw_seqcount_try_begin assigns its macro argument, so a plain name is a reference here;
  // `*seq` is a pointer), the release compares it and says whether a writer ran.
  const Mode *apiMode = l.findMode(api.mode);
  bool seqRead = li.kind == LockKind::Seqcount && apiMode && apiMode->sharing == Sharing::Shared &&
                 (api.kind == ApiKind::Try || api.kind == ApiKind::Release);
  std::string sample;
  for (const ApiParam &p : api.params) {
    if (p.instance && !p.out && p.name == ownerVar) {
      params.push_back("struct " + l.owner + " *" + p.name);
      ownerPtr = p.name;
    } else if (p.instance && !p.out && !api.all) {
      params.push_back(li.type + " &" + p.name);
      inst = p.name;
    } else if (p.instance && api.all) {
      params.push_back("struct " + objectOfVar(p.name) + " *" + p.name);
    } else if (p.instance && p.out) {
      continue; // the C out-parameter becomes the owner the caller names (below)
    } else if (!objectOfVar(p.name).empty()) {
      params.push_back("struct " + objectOfVar(p.name) + " *" + p.name);
      if (p.name == ownerVar)
        ownerPtr = p.name;
    } else if (seqRead && sample.empty()) {
      bool byRef = api.kind == ApiKind::Try && !p.out;
      params.push_back(std::string("unsigned long") + (p.out ? " *" : byRef ? " &" : " ") + p.name);
      sample = (p.out ? "*" : "") + p.name;
    } else {
      params.push_back(std::string("unsigned long") + (p.out ? " *" : " ") + p.name);
    }
  }
  if (sample.empty())
    seqRead = false;
  if (inst.empty() && ownerPtr.empty() && !ownerVar.empty() && !api.all) {
    params.push_back("struct " + l.owner + " *" + ownerVar);
    ownerPtr = ownerVar;
  }
  std::string retObj;
  if (!api.returnType.empty() && objects_.count(api.returnType)) {
    retObj = api.returnType;
    std::string var = objects_.at(retObj).obj->var;
    if (std::none_of(api.params.begin(), api.params.end(),
                     [&](const ApiParam &p) { return p.name == var; }) &&
        var != ownerVar)
      params.push_back("struct " + retObj + " *" + var);
  }
  if (inst.empty())
    inst = instanceOf(ownerPtr, li);
  const Mode *mode = l.findMode(api.mode);
  bool shared = mode && mode->sharing == Sharing::Shared;
  unsigned modeIdx = modeIndex(l, api.mode);

  std::vector<std::string> attr, body;
  auto resolveFrom = [&](const std::string &lockName) -> std::optional<Resolved> {
    if (ownerPtr.empty())
      return std::nullopt;
    return resolveOwner(ownerPtr, l.owner, lockName);
  };
  std::string anchorRef = "nullptr";
  std::optional<Resolved> anchor;
  if (!li.anchor.empty())
    anchor = resolveFrom(li.anchor);
  for (const Relation *relp : relationsOf(l.name)) {
    const Relation &rel = *relp;
    bool acquiring = api.kind == ApiKind::Acquire || api.kind == ApiKind::Try;
    if (rel.kind == Relation::Kind::Requires && rel.lock == l.name && acquiring &&
        l.satisfies(api.mode, rel.mode))
      if (auto other = resolveFrom(rel.other)) {
        const Mode *om = other->lock->lock->findMode(rel.otherMode);
        attr.push_back(std::string(om && om->sharing == Sharing::Shared ? "LOCKSPEC_REQUIRES_SHARED"
                                                                        : "LOCKSPEC_REQUIRES") +
                       "(" + other->instance + ")");
        anchorRef = "&" + other->instance;
      }
    // A forbidden relation forbids waiting for the lock; a plain trylock never waits, so it
    // cannot deadlock and is allowed (__vmf_anon_prepare trylocks the mmap lock under a VMA
    // read lock).
    if (rel.kind == Relation::Kind::Forbidden && rel.lock == l.name && api.blocks() &&
        !ownerPtr.empty())
      attr.push_back("LOCKSPEC_REQUIRES(!" + ownerPtr + "->" + tokenMember(rel) + ")");
  }
  // The token of a Forbidden relation travels with holds of the forbidding lock.
  std::vector<std::string> tokens;
  for (const Relation *relp : relationsTo(l.name))
    if (const Relation &rel = *relp; rel.kind == Relation::Kind::Forbidden && rel.other == l.name &&
                                     l.satisfies(api.mode, rel.otherMode) && !ownerPtr.empty() &&
                                     shared)
      if (auto other = resolveFrom(rel.lock))
        tokens.push_back(other->owner + "->" + tokenMember(rel));
  std::string capList = join(
      [&] {
        std::vector<std::string> v{inst};
        v.insert(v.end(), tokens.begin(), tokens.end());
        return v;
      }(),
      ", ");
  bool endsWithOther = !li.anchor.empty() && !shared;
  std::string ret = "void";
  bool nodiscard = false;
  std::string call;
  std::string anchorArg = anchor ? anchor->instance : "";
  switch (api.kind) {
  case ApiKind::Acquire:
    if (endsWithOther) {
      attr.push_back("LOCKSPEC_ASSERT_CAPABILITY(" + inst + ")");
      if (li.kind == LockKind::VmaLock)
        body.push_back(inst + ".start_write(" + anchorArg + ");");
      else
        body.push_back("LOCKSPEC_RT(::lockspec::rt::onAssume(kSpec, &" + inst + ", " +
                       std::to_string(li.id) + ", " + std::to_string(modeIdx) + ", " +
                       (anchor ? "&" + anchor->instance : "nullptr") + "));");
    } else {
      attr.push_back(std::string(shared ? "LOCKSPEC_ACQUIRE_SHARED(" : "LOCKSPEC_ACQUIRE(") +
                     capList + ")");
      body.push_back(inst + (shared ? ".lock_shared(" : ".lock(") +
                     (li.kind == LockKind::VmaLock ? anchorArg : "") + ");");
    }
    break;
  case ApiKind::Try: {
    std::string okVal = api.success == TrySuccess::Zero ? "false" : "true";
    if (endsWithOther) {
      // Like the plain acquire, an assertion: a try-acquire would leave a hold that no release
      // ends (the anchor's write section does), so every caller would be told it is "still
      // held at the end of function".  Clang has no assertion conditional on the result, so
      // it is unconditional and the result must be used ([[nodiscard]]); the failure path is
      // listed in unchecked.txt.
      attr.push_back("LOCKSPEC_ASSERT_CAPABILITY(" + inst + ")");
      body.push_back(inst + ".start_write(" + anchorArg + ");");
      body.push_back("bool ok = true;");
      nodiscard = true;
    } else {
      attr.push_back(
          std::string(shared ? "LOCKSPEC_TRY_ACQUIRE_SHARED(" : "LOCKSPEC_TRY_ACQUIRE(") + okVal +
          ", " + capList + ")");
      if (api.killable && li.kind == LockKind::Rwsem) {
        // A killable lock waits like a plain one (order and relations apply to it) and gives
        // up when rt::fatalSignalPending() says a fatal signal arrived meanwhile.
        body.push_back(std::string("bool ok = ") + inst +
                       (shared ? ".lock_shared_killable();" : ".lock_killable();"));
      } else if (api.killable) {
        // No killable primitive for this kind: it waits like the plain lock and succeeds.
        body.push_back(inst + (shared ? ".lock_shared(" : ".lock(") +
                       (li.kind == LockKind::VmaLock ? anchorArg : "") + ");");
        body.push_back("bool ok = true;");
      } else if (seqRead) {
        body.push_back("bool ok = " + inst + ".try_begin(" + sample + ");");
      } else if (api.blocks()) {
        // A try that fails for another reason than contention waits for the lock (the model's
        // blocks()): the validator checks order and relations on it as on any acquire.
        body.push_back(inst + (shared ? ".lock_shared(" : ".lock(") +
                       (li.kind == LockKind::VmaLock ? anchorArg : "") + ");");
        if (auto rc = recheckOf(api)) {
          std::vector<std::string> args = rc->keys;
          args.push_back(ownerPtr);
          body.push_back("bool ok = " + rc->param + "->maps(" + join(args, ", ") + ");");
          body.push_back(std::string("if (!ok)\n    ") + inst +
                         (shared ? ".unlock_shared();" : ".unlock();"));
        } else {
          body.push_back("bool ok = true;");
        }
      } else {
        body.push_back(std::string("bool ok = ") + inst +
                       (shared ? ".try_lock_shared(" : ".try_lock(") +
                       (li.kind == LockKind::VmaLock ? anchorArg : "") + ");");
      }
    }
    if (api.success == TrySuccess::True) {
      ret = "bool";
      body.push_back("return ok;");
    } else if (api.success == TrySuccess::Zero) {
      ret = "int";
      body.push_back("return ok ? 0 : -4; // -EINTR");
    } else {
      std::string obj = !retObj.empty() ? retObj : (!ownerPtr.empty() ? l.owner : "");
      std::string val = !retObj.empty() ? objects_.at(retObj).obj->var : ownerPtr;
      ret = obj.empty() ? "void *" : "struct " + obj + " *";
      if (obj.empty())
        val = "static_cast<void *>(&" + inst + ")";
      body.push_back("return ok ? " + val + " : nullptr;");
    }
    break;
  }
  case ApiKind::Release:
    if (api.all) {
      // Ends every hold that lives in the given object's write section.  The analysis cannot
      // name them all, so it is told nothing: each requirement of such a hold also requires
      // the section (see requirement()), which is what keeps later uses honest.
      std::string var = api.params.empty() ? "" : api.params.front().name;
      auto section = li.anchor.empty() || var.empty()
                         ? std::nullopt
                         : resolveOwner(var, objectOfVar(var), li.anchor);
      if (section && section->lock->lock->kind == LockKind::Rwsem) {
        body.push_back(section->instance + ".raw().endWriteSection();");
        body.push_back("LOCKSPEC_RT(::lockspec::rt::endDependents(kSpec, &" + section->instance +
                       ", " + std::to_string(section->lock->id) + ", " +
                       std::to_string(section->lock->excl) + "));");
      }
    } else if (endsWithOther) {
      body.push_back("// Ends with the anchor's write section (relation ends-with).");
    } else {
      attr.push_back(std::string(shared ? "LOCKSPEC_RELEASE_SHARED(" : "LOCKSPEC_RELEASE(") +
                     capList + ")");
      if (seqRead) {
        ret = "bool";
        body.push_back("return " + inst + ".retry(" + sample + ");");
      } else {
        body.push_back(inst + (shared ? ".unlock_shared();" : ".unlock();"));
      }
    }
    break;
  case ApiKind::Downgrade:
    attr.push_back("LOCKSPEC_RELEASE(" + inst + ") LOCKSPEC_ACQUIRE_SHARED(" + inst + ")");
    body.push_back(inst + ".downgrade();");
    break;
  case ApiKind::Assert:
    attr.push_back(
        std::string(shared ? "LOCKSPEC_ASSERT_SHARED_CAPABILITY(" : "LOCKSPEC_ASSERT_CAPABILITY(") +
        inst + ")");
    body.push_back(std::string("LOCKSPEC_RT(::lockspec::rt::expectHeld(kSpec, &") + inst + ", " +
                   std::to_string(li.id) + ", " + std::to_string(1u << modeIdx) + "u, \"" +
                   api.name + "\"));");
    break;
  }
  (void)anchorRef;
  // An operation that lists this function and has a single way to meet its requirement states
  // the function's own precondition (v7.0's vma_start_read_locked asserts the mmap lock); it
  // applies when the function takes every role of the operation as a parameter.
  for (const Operation &op : m_.operations) {
    if (op.requirement.alternatives.size() != 1 ||
        std::find(op.apis.begin(), op.apis.end(), api.name) == op.apis.end())
      continue;
    std::map<std::string, std::pair<std::string, std::string>> roles;
    std::vector<Role> all{op.subject};
    all.insert(all.end(), op.roles.begin(), op.roles.end());
    bool bound = std::all_of(all.begin(), all.end(), [&](const Role &r) {
      if (!r.expr.empty()) {
        roles[r.name] = {r.expr, r.object};
        return true;
      }
      roles[r.name] = {r.name, r.object};
      return std::any_of(api.params.begin(), api.params.end(),
                         [&](const ApiParam &p) { return p.name == r.name && !p.out; });
    });
    if (!bound)
      continue;
    ReqCode rc = requirement(op.requirement.alternatives[0], roles, api.name);
    if (std::string pre = attrs(rc); !pre.empty())
      attr.insert(attr.begin(), pre.substr(1));
    for (auto it = rc.checks.rbegin(); it != rc.checks.rend(); ++it)
      body.insert(body.begin(), "LOCKSPEC_RT(" + *it + ");");
  }
  o << "/// `" << api.name << "` (" << toString(api.kind) << ", `" << l.name << "." << api.mode
    << (api.toMode.empty() ? "" : " -> " + api.toMode) << "`): " << prose(api.doc) << "\n/// "
    << cite(api) << ".\n"
    << (nodiscard ? "/// The analysis treats the lock as held after the call whatever it returns: "
                    "return on failure.\n[[nodiscard]] "
                  : "")
    << "inline " << ret << " " << api.name << "(" << join(params, ", ") << ")";
  for (const std::string &a : attr)
    o << " " << a;
  // A relation token has no runtime state: the body cannot take or drop it, so it is not
  // analysed; the annotations above are the contract.
  if (!tokens.empty())
    o << " LOCKSPEC_NO_THREAD_SAFETY_ANALYSIS";
  o << " {\n";
  for (const std::string &p : params)
    o << "  (void)" << p.substr(p.find_last_of(" *&") + 1) << ";\n";
  for (const std::string &b : body)
    o << "  " << b << "\n";
  o << "}\n\n";
}

} // namespace lockspec::cxx
