// The crate's modules other than operations and fields: order, backend, objects, guards,
// facts, the pure-Rust test backend, and lib.rs with its size assertions.
#include <algorithm>
#include <sstream>

#include "rust_backend.h"
#include "rust_impl.h"

namespace lockspec {
namespace rust {

std::string notSendMarker(const GuardInfo &g) {
  return g.proof ? "ValidOnLockingThreadOnly" : "UnlockOnLockingThread";
}

namespace {

#include "rust_runtime.inc"

std::string modeIdent(const std::string &mode) { return pascalCase(mode); }

std::string lockLevel(const std::string &lock) { return pascalCase(lock); }

std::string emitOrder(const Crate &c) {
  const Model &m = c.model;
  std::ostringstream o;
  o << "//! The lock order as types: one level type per lock class in the enforced order, and\n"
       "//! one `impl LockAfter<A> for B` per ordered pair of the order's transitive closure.\n"
       "//!\n"
       "//! A [`Ctx`] is a thread's position in the order; taking a lock needs `Ctx<L>` with\n"
       "//! `Lock: LockAfter<L>` and yields `Ctx<Lock>`, so a lock taken after one that must\n"
       "//! come later does not type-check.  Rules: the order trees of `rules/order.rules`\n"
       "//! (page `" << docsPage("order", "") << "`).\n\n"
       "use core::marker::PhantomData;\n\n";
  o << "/// A lock class that has a place in the enforced order.\npub trait LockClass {\n"
       "    /// The spec's name of the class.\n    const NAME: &'static str;\n}\n\n";
  o << "/// The level of a thread that holds no lock of the order.\npub enum Unlocked {}\n\n"
       "impl LockClass for Unlocked {\n    const NAME: &'static str = \"(no lock)\";\n}\n\n";
  for (const Lock &l : m.locks) {
    if (!c.ordered.count(l.name))
      continue;
    o << docLines("Level of `" + l.name + "`: " + prose(l.doc), "");
    o << "///\n" << docLines(cite(l), "");
    o << "pub enum " << lockLevel(l.name) << " {}\n\n";
    o << "impl LockClass for " << lockLevel(l.name) << " {\n    const NAME: &'static str = \""
      << l.name << "\";\n}\n\n";
  }
  o << "/// `Self` may be taken while a lock of class `A` is held.\n///\n"
       "/// # Safety\n///\n/// Implement it only for pairs of the spec's enforced order: every "
       "impl here is one pair\n/// of its transitive closure, so no blanket impl can overlap "
       "(a class with two\n/// predecessors would, rustc E0119).\n"
       "#[diagnostic::on_unimplemented(\n"
       "    message = \"lock order: `{Self}` may not be taken while `{A}` is held\",\n"
       "    label = \"`{Self}` is not after `{A}` in the enforced lock order\",\n"
       "    note = \"rule: the lock-order trees of rules/order.rules; docs: "
    << docsPage("order", "") << "\"\n)]\npub unsafe trait LockAfter<A: LockClass>: LockClass {}\n\n";
  for (const Lock &l : m.locks)
    if (c.ordered.count(l.name))
      o << "// SAFETY: every lock may be taken when none of the order is held.\nunsafe impl "
           "LockAfter<Unlocked> for "
        << lockLevel(l.name) << " {}\n";
  o << "\n";
  for (const OrderPair &p : orderClosure(m))
    o << "// SAFETY: " << p.why << "\nunsafe impl LockAfter<" << lockLevel(p.before) << "> for "
      << lockLevel(p.after) << " {}\n";
  o << "\n/// A thread's position in the lock order: the class of the last ordered lock it took.\n"
       "///\n/// # Invariants\n///\n/// While a `Ctx<'c, L>` exists, the `Ctx` it was made from "
       "is mutably borrowed, and\n/// so is every guard taken with it; `!Send`, since the order "
       "is per thread.\n"
       "pub struct Ctx<'c, L: LockClass> {\n"
       "    _level: PhantomData<(&'c mut (), fn() -> L, *const ())>,\n}\n\n"
       "impl Ctx<'static, Unlocked> {\n"
       "    /// The position of a thread that holds no lock.\n    ///\n    /// # Safety\n"
       "    ///\n    /// The calling thread holds no lock of the order, and no other\n"
       "    /// `Ctx<Unlocked>` of this thread is alive (two would let it take the same lock\n"
       "    /// twice).\n    ///\n    /// # Examples\n    ///\n    /// ```\n"
       "    /// use lockspec_mm::order::{Ctx, Unlocked};\n"
       "    /// // SAFETY: this thread holds no lock and makes no other context.\n"
       "    /// let ctx: Ctx<'static, Unlocked> = unsafe { Ctx::new() };\n"
       "    /// drop(ctx);\n    /// ```\n"
       "    pub unsafe fn new() -> Self {\n        Ctx {\n            _level: PhantomData,\n"
       "        }\n    }\n}\n\n"
       "impl<L: LockClass> Ctx<'_, L> {\n"
       "    /// The position after taking a lock of class `M`.\n"
       "    pub(crate) fn next<M: LockAfter<L>>(&mut self) -> Ctx<'_, M> {\n"
       "        Ctx {\n            _level: PhantomData,\n        }\n    }\n}\n";
  return o.str();
}

std::string emitBackend(const Crate &c) {
  const Model &m = c.model;
  std::ostringstream o;
  o << "//! The backend trait: what the type-state stubs need from a real implementation.\n\n"
       "use core::ffi::CStr;\nuse core::ptr::NonNull;\n\n"
       "/// The address of a backend object (an `mm_struct`, a VMA, a page table ...).\n"
       "pub type Instance = NonNull<u8>;\n\n";
  o << "/// A lock class of the spec.\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\n"
       "pub enum LockId {\n";
  for (const Lock &l : m.locks)
    o << docLines("`" + l.name + "`.", "    ") << "    " << pascalCase(l.name) << ",\n";
  o << "}\n\nimpl LockId {\n    /// The spec's name, as a C string for a C ABI.\n"
       "    pub const fn c_name(self) -> &'static CStr {\n        match self {\n";
  for (const Lock &l : m.locks)
    o << "            LockId::" << pascalCase(l.name) << " => c\"" << l.name << "\",\n";
  o << "        }\n    }\n}\n\n";
  std::set<std::string> modes;
  for (const Lock &l : m.locks)
    for (const Mode &md : l.modes)
      modes.insert(md.name);
  o << "/// A mode of a lock class.\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\n"
       "pub enum ModeId {\n";
  for (const std::string &md : modes)
    o << "    /// `" << md << "`.\n    " << modeIdent(md) << ",\n";
  o << "}\n\nimpl ModeId {\n    /// The spec's name, as a C string for a C ABI.\n"
       "    pub const fn c_name(self) -> &'static CStr {\n        match self {\n";
  for (const std::string &md : modes)
    o << "            ModeId::" << modeIdent(md) << " => c\"" << md << "\",\n";
  o << "        }\n    }\n}\n\n";
  o << "/// A link from one object to another (`vm_area_struct.mm`).\n"
       "#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum LinkId {\n";
  for (const Object &ob : m.objects)
    for (const Link &k : ob.links)
      o << "    /// `" << ob.name << "." << k.name << "` (`" << escape(k.expr) << "`).\n    "
        << pascalCase(ob.name) << pascalCase(k.name) << ",\n";
  o << "}\n\nimpl LinkId {\n    /// `object.link`, as a C string for a C ABI.\n"
       "    pub const fn c_name(self) -> &'static CStr {\n        match self {\n";
  for (const Object &ob : m.objects)
    for (const Link &k : ob.links)
      o << "            LinkId::" << pascalCase(ob.name) << pascalCase(k.name) << " => c\"" << ob.name << "."
        << k.name << "\",\n";
  o << "        }\n    }\n}\n\n";
  o << kBackendTrait;
  return o.str();
}

std::string emitObjects(const Crate &c) {
  const Model &m = c.model;
  std::ostringstream o;
  o << "//! The spec's objects as opaque types of a backend: only references exist, one pointer\n"
       "//! each, made by the backend.\n\n"
       "use core::marker::{PhantomData, PhantomPinned};\nuse core::ptr::NonNull;\n\n"
       "use crate::backend::{Backend, Instance, LinkId};\n\n";
  for (const Object &ob : m.objects) {
    std::string t = pascalCase(ob.name);
    o << docLines("`struct " + ob.name + "`: " + prose(ob.doc), "") << "///\n"
      << docLines(cite(ob) + " Docs: `" + docsPage("object", ob.name) + "`.", "");
    o << "#[repr(C)]\npub struct " << t << "<B: Backend> {\n    _opaque: [u8; 0],\n"
      << "    _backend: PhantomData<fn() -> B>,\n    _pinned: PhantomPinned,\n}\n\n";
    o << "impl<B: Backend> " << t << "<B> {\n"
      << "    /// The object at `raw`.\n    ///\n    /// # Safety\n    ///\n"
      << "    /// `raw` is a `" << ob.name << "` of backend `B` that stays valid for `'a`.\n"
      << "    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {\n"
      << "        // SAFETY: the caller promises a live object of this type; the type has no\n"
      << "        // bytes of its own, so the reference only carries the address.\n"
      << "        unsafe { raw.cast::<Self>().as_ref() }\n    }\n\n"
      << "    /// Its address, as the backend knows it.\n"
      << "    pub fn as_raw(&self) -> Instance {\n        NonNull::from(self).cast()\n    }\n";
    for (const Link &k : ob.links) {
      const Object *to = m.findObject(k.target);
      o << "\n    /// The `" << k.target << "` reached through `" << escape(k.expr)
        << "`, or `None` when it is not set.\n"
        << "    pub fn " << k.name << "(&self) -> Option<&" << pascalCase(to->name) << "<B>> {\n"
        << "        let to = B::follow(LinkId::" << t << pascalCase(k.name) << ", self.as_raw())?;\n"
        << "        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.\n"
        << "        Some(unsafe { " << pascalCase(to->name) << "::from_raw(to) })\n    }\n";
    }
    o << "}\n\n";
  }
  return o.str();
}

std::string guardSig(const GuardInfo &g, const std::string &life) {
  return g.type + "<" + life + ", B>";
}

std::string emitGuardType(const GuardInfo &g) {
  std::ostringstream o;
  const Lock &l = *g.lock;
  std::string what = g.proof ? "Proof" : "Guard";
  o << docLines(what + " that `" + l.name + "` is held in mode `" + g.mode->name + "`. " +
                    prose(l.doc),
                "");
  o << "///\n/// # Invariants\n///\n";
  if (g.proof)
    o << docLines("The hold ends with the `" + g.needs->other + "` " + g.needs->otherMode +
                      " hold it was made from (relation `" + g.needs->name +
                      "`), which this proof borrows: it cannot outlive it, and it has no Drop.",
                  "");
  else
    o << docLines("The lock is held for as long as the guard lives; dropping it releases the "
                  "lock" +
                      std::string(g.release ? " (`" + g.release->name + "`)" : "") +
                      ". `!Send`: the unlock happens on the locking thread.",
                  "");
  o << "///\n" << docLines(cite(l) + " Docs: `" + docsPage("lock", l.name) + "`.", "");
  o << "#[must_use = \"the lock is released when the guard is dropped\"]\n";
  o << "pub struct " << g.type << "<'a, B: Backend> {\n";
  if (g.owner)
    o << "    owner: &'a " << pascalCase(g.owner->name) << "<B>,\n";
  else
    o << "    _global: PhantomData<(&'a (), fn() -> B)>,\n";
  // The marker names the guard and why it stays on its thread: rustc's E0277 for a guard
  // moved to another thread names the innermost type that is not `Send`, and this is it.
  o << "    _not_send: PhantomData<*const " << notSendMarker(g) << "<" << g.type
    << "<'static, B>>>,\n}\n\n";
  o << "impl<'a, B: Backend> " << g.type << "<'a, B> {\n";
  if (g.owner)
    o << "    fn new(owner: &'a " << pascalCase(g.owner->name) << "<B>) -> Self {\n        Self {\n"
      << "            owner,\n            _not_send: PhantomData,\n        }\n    }\n\n"
      << "    /// The object whose lock is held: the guard is tied to it.\n"
      << "    pub fn object(&self) -> &'a " << pascalCase(g.owner->name) << "<B> {\n"
      << "        self.owner\n    }\n";
  else
    o << "    fn new() -> Self {\n        Self {\n            _global: PhantomData,\n"
      << "            _not_send: PhantomData,\n        }\n    }\n";
  o << "}\n\n";
  o << "impl<B: Backend> Guard<B> for " << g.type << "<'_, B> {\n"
    << "    const LOCK: LockId = LockId::" << pascalCase(l.name) << ";\n"
    << "    const MODE: ModeId = ModeId::" << pascalCase(g.mode->name) << ";\n\n"
    << "    fn instance(&self) -> Option<Instance> {\n"
    << (g.owner ? "        Some(self.owner.as_raw())\n" : "        None\n") << "    }\n}\n\n";
  if (!g.proof) {
    o << "impl<B: Backend> Drop for " << g.type << "<'_, B> {\n    fn drop(&mut self) {\n"
      << "        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs\n"
      << "        // once, on the thread that took it (the guard is !Send).\n"
      << "        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }\n    }\n}\n\n";
  }
  return o.str();
}

std::string apiDoc(const Api &a) {
  return docLines(prose(a.doc), "    ") + "    ///\n" + docLines(cite(a), "    ");
}

/// An `Option` is not `#[must_use]`, so a try-lock's result dropped unread would release
/// the lock silently: the function carries the attribute instead.
const char *const kMustUseTry =
    "    #[must_use = \"on `Some` the lock is held until the guard is dropped\"]\n";

/// The constructor of `g` from its owner object (or a free function for a global lock).
std::string emitAcquire(const Crate &c, const GuardInfo &g) {
  const Api &a = *g.acquire;
  std::ostringstream o;
  bool tr = a.kind == ApiKind::Try;
  std::string lvl = pascalCase(g.lock->name);
  std::string ret = guardSig(g, "'c");
  if (g.ordered)
    ret = "(" + ret + ", Ctx<'c, " + lvl + ">)";
  if (tr)
    ret = "Option<" + ret + ">";
  std::string call = std::string("B::") + (tr ? "try_acquire" : "acquire") + "(LockId::" + lvl +
                     ", ModeId::" + pascalCase(g.mode->name) + ", " +
                     (g.owner ? "Some(self.as_raw())" : "None") + ")";
  std::string made = g.owner ? g.type + "::new(self)" : g.type + "::new()";
  if (g.ordered)
    made = "(" + made + ", ctx.next())";
  std::string safety = "        // SAFETY: the guard returned releases the lock exactly once.\n";
  if (!g.owner) {
    // A free function: its docs at column 0.
    std::string doc;
    for (const std::string &line : split(apiDoc(a), '\n'))
      if (!line.empty())
        doc += line.substr(4) + "\n";
    o << doc << "pub fn " << a.name << "<'c, B: Backend>() -> " << ret << " {\n"
      << "    // SAFETY: the guard returned releases the lock exactly once.\n"
      << "    unsafe { " << call << " };\n    " << made << "\n}\n\n";
    return o.str();
  }
  o << "impl<B: Backend> " << pascalCase(g.owner->name) << "<B> {\n" << apiDoc(a);
  if (tr)
    o << kMustUseTry;
  if (g.ordered)
    o << "    pub fn " << a.name << "<'c, L: LockClass>(\n        &'c self,\n"
      << "        ctx: &'c mut Ctx<'_, L>,\n    ) -> " << ret << "\n    where\n        " << lvl
      << ": LockAfter<L>,\n    {\n";
  else
    o << "    pub fn " << a.name << "<'c>(&'c self) -> " << ret << " {\n";
  if (tr)
    o << safety << "        if unsafe { " << call << " } {\n            Some(" << made
      << ")\n        } else {\n            None\n        }\n    }\n}\n\n";
  else
    o << safety << "        unsafe { " << call << " };\n        " << made << "\n    }\n}\n\n";
  (void)c;
  return o.str();
}

/// The constructor of a try that finds the instance from another object and an address.
std::string emitFinder(const Crate &c, const GuardInfo &g) {
  const Api &a = *g.finder;
  const Object *from = nullptr;
  for (const Object &ob : c.model.objects)
    if (ob.var == a.params[0].name)
      from = &ob;
  std::string lvl = pascalCase(g.lock->name);
  std::string ret = guardSig(g, "'c");
  if (g.ordered)
    ret = "(" + ret + ", Ctx<'c, " + lvl + ">)";
  std::ostringstream o;
  o << "impl<B: Backend> " << pascalCase(from->name) << "<B> {\n" << apiDoc(a);
  if (!a.fallback.empty())
    o << "    ///\n    /// On `None` the caller falls back to `" << a.fallback << "`.\n";
  o << kMustUseTry;
  std::string ctxParam = g.ordered ? "        ctx: &'c mut Ctx<'_, L>,\n" : "";
  o << "    pub fn " << a.name << "<'c" << (g.ordered ? ", L: LockClass" : "")
    << ">(\n        &'c self,\n        address: u64,\n"
    << ctxParam << "    ) -> Option<" << ret << ">";
  if (g.ordered)
    o << "\n    where\n        " << lvl << ": LockAfter<L>,\n    {\n";
  else
    o << " {\n";
  o << "        // SAFETY: on success the backend holds the lock of the instance it returns, and\n"
    << "        // the guard made from it releases it exactly once.\n"
    << "        let found = unsafe { B::try_acquire_at(\"" << a.name
    << "\", self.as_raw(), address) }?;\n"
    << "        // SAFETY: the backend returned a live `" << g.owner->name
    << "` whose lock it holds.\n"
    << "        let owner = unsafe { " << pascalCase(g.owner->name) << "::from_raw(found) };\n";
  if (g.ordered)
    o << "        Some((" << g.type << "::new(owner), ctx.next()))\n";
  else
    o << "        Some(" << g.type << "::new(owner))\n";
  o << "    }\n}\n\n";
  return o.str();
}

/// The constructor of a guard whose mode requires another hold: a method of that guard.
std::string emitRequired(const Crate &c, const GuardInfo &g) {
  const Model &m = c.model;
  const Relation &r = *g.needs;
  const Api *a = nullptr;
  for (const Api &x : m.apis)
    if (x.lock == g.lock->name && x.mode == g.mode->name &&
        (x.kind == ApiKind::Acquire) && !a)
      a = &x;
  std::string name = a ? a->name : "lock_" + g.lock->name + "_" + g.mode->name;
  std::string lvl = pascalCase(g.lock->name);
  std::ostringstream o;
  for (const GuardInfo *base : c.satisfying(r.other, r.otherMode)) {
    bool sameOwner = base->owner == g.owner;
    std::optional<std::vector<std::string>> path;
    if (!sameOwner)
      path = m.linkPath(g.owner->name, base->owner->name);
    std::string ret = guardSig(g, "'g");
    if (g.ordered)
      ret = "(" + ret + ", Ctx<'g, " + lvl + ">)";
    o << "impl<'a, B: Backend> " << base->type << "<'a, B> {\n";
    if (a)
      o << apiDoc(*a) << "    ///\n";
    o << docLines("Made from this `" + r.other + "` " + r.otherMode + " hold (relation `" +
                      r.name + "`: " + prose(r.doc) + ")" +
                      (g.proof ? "; it borrows this guard, so it ends before it does." : "."),
                  "    ");
    if (!sameOwner)
      o << "    ///\n    /// # Panics\n    ///\n"
        << docLines("When `" + g.owner->var + "` does not belong to this guard's `" +
                        base->owner->name + "`.",
                    "    ");
    o << "    pub fn " << name << "<'g" << (g.ordered ? ", L: LockClass" : "") << ">(\n"
      << "        &'g self,\n";
    if (!sameOwner)
      o << "        " << g.owner->var << ": &'g " << pascalCase(g.owner->name) << "<B>,\n";
    if (g.ordered)
      o << "        ctx: &'g mut Ctx<'_, L>,\n";
    o << "    ) -> " << ret;
    if (g.ordered)
      o << "\n    where\n        " << lvl << ": LockAfter<L>,\n    {\n";
    else
      o << " {\n";
    std::string owner = sameOwner ? "self.owner" : g.owner->var;
    if (!sameOwner && path) {
      std::string expr = g.owner->var;
      for (const std::string &link : *path)
        expr += "." + link + "()";
      // Chains of Options: follow each link with and_then.
      std::string chain = g.owner->var;
      for (size_t i = 0; i < path->size(); ++i)
        chain += (i ? ".and_then(|x| x." : ".") + (*path)[i] + "()" + (i ? ")" : "");
      o << "        let same = " << chain << ".map(|x| x.as_raw());\n"
        << "        assert!(\n            same == Some(self.owner.as_raw()),\n"
        << "            \"" << r.name << ": the " << r.other << " guard is for another "
        << base->owner->name << "\"\n        );\n";
    }
    o << "        // SAFETY: the required hold is borrowed for 'g"
      << (g.proof ? ", and this hold ends with it" : "; the guard releases this one") << ".\n"
      << "        unsafe { B::acquire(LockId::" << lvl << ", ModeId::" << pascalCase(g.mode->name)
      << ", Some(" << owner << ".as_raw())) };\n";
    if (g.ordered)
      o << "        (" << g.type << "::new(" << owner << "), ctx.next())\n";
    else
      o << "        " << g.type << "::new(" << owner << ")\n";
    o << "    }\n}\n\n";
    o << "// SAFETY: `" << r.name << "`: " << g.lock->name << "." << g.mode->name << " requires "
      << r.other << "." << r.otherMode << ", which `" << base->type << "` holds.\n"
      << "unsafe impl<'a, B: Backend> RequiresHeld<" << base->type << "<'a, B>> for " << g.type
      << "<'a, B> {}\n\n";
  }
  return o.str();
}

std::string emitDowngrade(const Crate &c, const GuardInfo &g) {
  const Api &a = *g.downgradeFrom;
  const GuardInfo *from = c.find(a.lock, a.mode);
  if (!from)
    return "";
  std::ostringstream o;
  o << "impl<'a, B: Backend> " << from->type << "<'a, B> {\n" << apiDoc(a)
    << "    ///\n    /// Consumes the write guard: proofs borrowed from it must have ended.\n"
    << "    pub fn " << a.name << "(self) -> " << g.type << "<'a, B> {\n"
    << "        let owner = self.owner;\n        core::mem::forget(self);\n"
    << "        // SAFETY: the write hold is converted in place; the old guard is forgotten, so\n"
    << "        // only the returned guard releases the lock.\n"
    << "        unsafe {\n            B::downgrade(\n                LockId::" << pascalCase(a.lock)
    << ",\n                ModeId::" << pascalCase(a.mode) << ",\n                ModeId::"
    << pascalCase(a.toMode) << ",\n                Some(owner.as_raw()),\n            )\n"
    << "        };\n        " << g.type << "::new(owner)\n    }\n}\n\n";
  return o.str();
}

std::string emitGuards(const Crate &c) {
  std::ostringstream o;
  o << "//! Guards as proofs: each value proves a lock is held in one mode, and is the only way\n"
       "//! to make the evidence the operations take.\n\n"
       "use core::marker::PhantomData;\n\n"
       "use crate::backend::{Backend, Instance, LockId, ModeId};\n"
       "#[allow(unused_imports)]\nuse crate::objects::*;\n"
       "use crate::order::*;\n\n";
  o << kGuardTrait;
  for (const GuardInfo &g : c.guards)
    o << emitGuardType(g);
  for (const GuardInfo &g : c.guards) {
    if (g.needs)
      o << emitRequired(c, g);
    else if (g.acquire)
      o << emitAcquire(c, g);
    if (g.finder)
      o << emitFinder(c, g);
    if (g.downgradeFrom)
      o << emitDowngrade(c, g);
  }
  std::string s = o.str();
  while (s.size() > 1 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n')
    s.pop_back();
  return s;
}

std::string emitFacts(const Crate &c) {
  std::ostringstream o;
  o << "//! Facts: preconditions that are not locks, as tokens only an `unsafe` promise makes.\n\n"
       "use core::marker::PhantomData;\n\n";
  o << "/// The fact `F` does not hold.\npub struct Not<F> {\n"
       "    _fact: PhantomData<(F, *const ())>,\n}\n\nimpl<F> Not<F> {\n"
       "    /// Asserts that the fact does not hold.\n    ///\n    /// # Safety\n    ///\n"
       "    /// The fact `F` is false for as long as the token lives.\n"
       "    pub unsafe fn assume() -> Self {\n        Not {\n            _fact: PhantomData,\n"
       "        }\n    }\n}\n\n";
  for (const Fact &f : c.model.facts) {
    o << docLines("Fact `" + f.name + "`: " + prose(f.doc), "") << "///\n"
      << docLines(cite(f), "");
    o << "pub struct " << pascalCase(f.name) << " {\n    _not_send: PhantomData<*const ()>,\n}\n\n";
    o << "impl " << pascalCase(f.name) << " {\n    /// Asserts the fact.\n    ///\n"
      << "    /// # Safety\n    ///\n"
      << docLines(prose(f.doc) + (f.test.empty() ? "" : " (C test: `" + f.test + "`)") +
                      " It holds for as long as the token lives.",
                  "    ")
      << "    pub unsafe fn assume() -> Self {\n        Self {\n"
      << "            _not_send: PhantomData,\n        }\n    }\n}\n\n";
  }
  std::string s = o.str();
  s.pop_back();
  return s;
}

std::string emitTestBackend(const Crate &c) {
  const Model &m = c.model;
  std::ostringstream o;
  size_t links = 0;
  for (const Object &ob : m.objects)
    links += ob.links.size();
  std::vector<const GuardInfo *> finders;
  for (const GuardInfo &g : c.guards)
    if (g.finder)
      finders.push_back(&g);
  o << kTestBackendHead;
  o << "const LOCKS: usize = " << m.locks.size() << ";\nconst LINKS: usize = " << links
    << ";\nconst FINDERS: usize = " << finders.size() << ";\n\n";
  o << "/// The finders (`try` APIs that return the instance they lock), their lock and mode.\n"
       "const FINDER_APIS: [(&str, LockId, ModeId); FINDERS] = [\n";
  for (const GuardInfo *g : finders)
    o << "    (\"" << g->finder->name << "\", LockId::" << pascalCase(g->lock->name) << ", ModeId::"
      << pascalCase(g->mode->name) << "),\n";
  o << "];\n\n/// Holds that end with another: (lock, mode, ended by lock, mode).\n"
       "const ENDS_WITH: [(LockId, ModeId, LockId, ModeId); " ;
  std::vector<std::string> ends;
  for (const Relation &r : m.relations)
    if (r.kind == Relation::Kind::EndsWith)
      ends.push_back("    (\n        LockId::" + pascalCase(r.lock) + ",\n        ModeId::" + pascalCase(r.mode) +
                     ",\n        LockId::" + pascalCase(r.other) + ",\n        ModeId::" +
                     pascalCase(r.otherMode) + ",\n    ),\n");
  o << ends.size() << "] = [\n" << join(ends, "") << "];\n\nfn lock_index(lock: LockId) -> usize {\n    match lock {\n";
  for (size_t i = 0; i < m.locks.size(); ++i)
    o << "        LockId::" << pascalCase(m.locks[i].name) << " => " << i << ",\n";
  o << "    }\n}\n\nfn link_index(link: LinkId) -> usize {\n    match link {\n";
  size_t li = 0;
  for (const Object &ob : m.objects)
    for (const Link &k : ob.links)
      o << "        LinkId::" << pascalCase(ob.name) << pascalCase(k.name) << " => " << li++ << ",\n";
  o << "    }\n}\n\n/// Whether a hold of `mode` on `lock` may coexist with another (the spec's sharing).\n"
       "fn shared(lock: LockId, mode: ModeId) -> bool {\n    matches!(\n        (lock, mode),\n";
  std::vector<std::string> sharedPairs;
  for (const Lock &l : m.locks)
    for (const Mode &md : l.modes)
      if (md.sharing == Sharing::Shared)
        sharedPairs.push_back("(LockId::" + pascalCase(l.name) + ", ModeId::" + pascalCase(md.name) + ")");
  o << "        " << join(sharedPairs, "\n            | ") << "\n    )\n}\n\n";
  o << "impl TestObject {\n";
  for (const Object &ob : m.objects)
    o << "    /// This object as a `" << ob.name << "` of the test backend.\n"
      << "    pub fn as_" << ob.name << "(&self) -> &" << pascalCase(ob.name) << "<TestBackend> {\n"
      << "        // SAFETY: a test object lives as long as the reference to it, and the test\n"
      << "        // backend reads every object as a `TestObject`.\n"
      << "        unsafe { " << pascalCase(ob.name) << "::from_raw(self.raw()) }\n    }\n\n";
  o << "}\n\n" << kTestBackendImpl;
  // One unit test per guard taken from its owner: the hold shows in the lock word, excludes
  // what its sharing says it excludes, and Drop releases it.
  o << "\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[allow(unused_imports)]\n"
       "    use crate::order::Ctx;\n";
  for (const GuardInfo &g : c.guards) {
    if (!g.acquire || !g.owner || g.acquire->kind != ApiKind::Acquire || g.needs)
      continue;
    std::string id = "LockId::" + pascalCase(g.lock->name);
    bool excl = g.mode->sharing == Sharing::Exclusive;
    o << "\n    #[test]\n    fn " << g.acquire->name << "_holds_until_drop() {\n"
      << "        let o = TestObject::new();\n";
    if (g.ordered)
      o << "        // SAFETY: the test thread holds no lock.\n"
        << "        let mut ctx = unsafe { Ctx::new() };\n        {\n"
        << "            let (_guard, _after) = o.as_" << g.owner->name << "()." << g.acquire->name
        << "(&mut ctx);\n";
    else
      o << "        {\n            let _guard = o.as_" << g.owner->name << "()."
        << g.acquire->name << "();\n";
    o << "            assert_eq!(o.lock_word(" << id << "), " << (excl ? "-1" : "1") << ");\n"
      << "            let (id, mode) = (" << id << ", ModeId::" << pascalCase(g.mode->name) << ");\n"
      << "            // SAFETY: a failed try holds nothing; a successful one is released here.\n"
      << "            let second = unsafe { TestBackend::try_acquire(id, mode, Some(o.raw())) };\n";
    if (excl)
      o << "            assert!(!second, \"an exclusive hold excludes another\");\n";
    else
      o << "            assert!(second, \"a shared hold admits another\");\n"
        << "            // SAFETY: taken just above.\n"
        << "            unsafe { TestBackend::release(id, mode, Some(o.raw())) };\n";
    o << "        }\n        assert_eq!(o.lock_word(" << id << "), 0);\n    }\n";
  }
  o << "}\n";
  return o.str();
}

std::string emitLib(const Crate &c, bool ffi) {
  std::ostringstream o;
  o << kLibHead;
  o << "pub mod backend;\npub mod facts;\n";
  if (ffi)
    o << "#[cfg(feature = \"ffi\")]\npub mod ffi;\n";
  o << "pub mod fields;\npub mod guards;\npub mod objects;\npub mod ops;\npub mod order;\n"
       "pub mod test_backend;\n\n";
  o << "// Guards are one pointer (their object) or, for a global lock, nothing.\n";
  o << "const _: () = {\n    use core::mem::size_of;\n    use test_backend::TestBackend as T;\n";
  for (const GuardInfo &g : c.guards)
    o << "    assert!(size_of::<guards::" << g.type << "<'static, T>>() == "
      << (g.owner ? "size_of::<usize>()" : "0") << ");\n";
  o << "    assert!(size_of::<order::Ctx<'static, order::Unlocked>>() == 0);\n"
       "    assert!(size_of::<ops::Permit<'static, ()>>() == 2 * size_of::<usize>());\n"
       "";
  if (!c.model.objects.empty())
    o << "    assert!(size_of::<Option<&objects::" << pascalCase(c.model.objects[0].name)
      << "<T>>>() == size_of::<usize>());\n";
  o << "};\n";
  return o.str();
}

bool hasAll(const Model &m, std::initializer_list<const char *> locks,
            std::initializer_list<const char *> ops) {
  for (const char *l : locks)
    if (!m.findLock(l))
      return false;
  for (const char *op : ops)
    if (!m.findOperation(op))
      return false;
  return true;
}

} // namespace
} // namespace rust

std::vector<OutputFile> emitRust(const Model &model) {
  rust::Crate c(model);
  // The FFI backend is written against the reference core's locks and operations; a spec
  // without them gets the crate and the test backend only.
  bool ffi = rust::hasAll(model, {"mmap_lock", "vma_lock", "pte_lock", "rcu"},
                          {"page_fault", "zap", "traverse", "gup_pin"}) &&
             model.findObject("mm_struct") && model.findObject("vm_area_struct") &&
             model.findObject("pte_table") && c.find("vma_lock", "read") &&
             c.ordered.count("mmap_lock") && c.find("mmap_lock", "read") &&
             c.find("pte_lock", "held") && c.find("mmap_lock", "write");
  std::vector<OutputFile> out;
  out.push_back({"rust/Cargo.toml", rust::kCargoToml});
  out.push_back({"rust/Cargo.lock", rust::kCargoLock});
  out.push_back({"rust/rustfmt.toml", rust::kRustfmtToml});
  out.push_back({"rust/src/lib.rs", rust::layout(rust::emitLib(c, ffi))});
  out.push_back({"rust/src/order.rs", rust::layout(rust::emitOrder(c))});
  out.push_back({"rust/src/backend.rs", rust::layout(rust::emitBackend(c))});
  out.push_back({"rust/src/objects.rs", rust::layout(rust::emitObjects(c))});
  out.push_back({"rust/src/guards.rs", rust::layout(rust::emitGuards(c))});
  out.push_back({"rust/src/facts.rs", rust::layout(rust::emitFacts(c))});
  out.push_back({"rust/src/ops.rs", rust::layout(rust::emitOps(c))});
  out.push_back({"rust/src/fields.rs", rust::layout(rust::emitFields(c))});
  out.push_back({"rust/src/test_backend.rs", rust::layout(rust::emitTestBackend(c))});
  if (ffi)
    out.push_back({"rust/src/ffi.rs", rust::kFfiBackend});
  for (OutputFile &f : rust::emitCorpus(c))
    out.push_back(std::move(f));
  return out;
}

} // namespace lockspec
