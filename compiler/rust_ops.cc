// Operations and fields as Rust evidence: every requirement alternative becomes the concrete
// guard types (or tuples of them) that implement the operation's evidence trait.
#include <algorithm>
#include <functional>
#include <map>
#include <sstream>

#include "rust_backend.h"
#include "rust_calls.h"
#include "rust_impl.h"

namespace lockspec::rust {

std::string factType(const Atom &a) {
  std::string t = "facts::" + pascalCase(a.fact);
  return a.held ? t : "facts::Not<" + t + ">";
}

std::string atomType(const Atom &a, const GuardInfo *g, const std::string &life) {
  if (a.kind == Atom::Kind::Fact)
    return "&'" + life + " " + factType(a);
  std::string t = "&'" + life + " " + g->type + "<'" + life + "a, B>";
  if (!a.condition.empty())
    t = "Conditional<" + t + ", facts::" + pascalCase(a.condition) + ">";
  return t;
}

namespace {

std::string atomText(const Atom &a) {
  std::string t = a.kind == Atom::Kind::Fact ? a.fact : a.lock + "." + a.mode;
  if (!a.held)
    t = "!" + t;
  if (!a.role.empty())
    t += " (" + a.role + ")";
  if (!a.condition.empty())
    t += " if " + a.condition;
  return t;
}

} // namespace

EvidencePlan planEvidence(const Crate &c, const Requirement &req, bool factorCommon) {
  EvidencePlan p;
  std::vector<std::pair<const Alternative *, std::vector<Atom>>> usable;
  for (const Alternative &alt : req.alternatives) {
    std::vector<Atom> atoms;
    bool ok = true;
    for (const Atom &a : alt.atoms) {
      if (a.kind == Atom::Kind::Lock && !a.held) {
        p.dropped.push_back(atomText(a) + ": a lock that must not be held is not a type");
        continue;
      }
      if (a.kind == Atom::Kind::Lock && c.satisfying(a.lock, a.mode).empty()) {
        p.dropped.push_back(atomText(a) + ": no guard (the lock has no C API)");
        ok = false;
        break;
      }
      atoms.push_back(a);
    }
    if (ok)
      usable.push_back({&alt, atoms});
  }
  if (usable.empty())
    return p;
  if (factorCommon)
    for (const Atom &a : usable[0].second)
      if (std::all_of(usable.begin(), usable.end(), [&](const auto &u) {
            return std::find(u.second.begin(), u.second.end(), a) != u.second.end();
          }))
        p.common.push_back(a);
  std::set<std::string> seen;
  for (const auto &[alt, atoms] : usable) {
    EvidencePlan::Alt pa;
    pa.alt = alt;
    for (const Atom &a : atoms)
      if (std::find(p.common.begin(), p.common.end(), a) == p.common.end())
        pa.atoms.push_back(a);
    if (pa.atoms.empty())
      continue;
    std::function<void(size_t, std::vector<const GuardInfo *> &)> product =
        [&](size_t i, std::vector<const GuardInfo *> &pick) {
          if (i == pa.atoms.size()) {
            std::vector<std::string> parts;
            for (size_t k = 0; k < pick.size(); ++k)
              parts.push_back(atomType(pa.atoms[k], pick[k], "e" + std::to_string(k)));
            std::string t = parts.size() == 1 ? parts[0] : "(" + join(parts, ", ") + ")";
            if (seen.insert(t).second) {
              pa.types.push_back(t);
              pa.picks.push_back(pick);
            }
            return;
          }
          const Atom &a = pa.atoms[i];
          if (a.kind == Atom::Kind::Fact) {
            pick.push_back(nullptr);
            product(i + 1, pick);
            pick.pop_back();
            return;
          }
          for (const GuardInfo *g : c.satisfying(a.lock, a.mode)) {
            pick.push_back(g);
            product(i + 1, pick);
            pick.pop_back();
          }
        };
    std::vector<const GuardInfo *> pick;
    product(0, pick);
    p.alts.push_back(std::move(pa));
  }
  p.anyOf = !p.alts.empty();
  return p;
}

namespace {

/// Lifetimes used by an impl header: 'e0, 'e0a, 'e1 ... (no 'eNa for a fact).
std::string lifetimes(const std::vector<const GuardInfo *> &pick) {
  std::vector<std::string> out;
  for (size_t i = 0; i < pick.size(); ++i)
    out.push_back("'e" + std::to_string(i) + (pick[i] ? ", 'e" + std::to_string(i) + "a" : ""));
  return join(out, ", ");
}

} // namespace

/// Links of an atom as LinkIds, following objects along the path.
static std::vector<std::string> linkIds(const Model &m, const Atom &a) {
  std::vector<std::string> out;
  std::string obj = a.object;
  for (const std::string &l : a.links) {
    out.push_back("LinkId::" + pascalCase(obj) + pascalCase(l));
    const Object *o = m.findObject(obj);
    if (!o)
      break;
    for (const Link &k : o->links)
      if (k.name == l)
        obj = k.target;
  }
  return out;
}

static std::string check(const Crate &c, const Atom &a, const GuardInfo *g,
                         const std::string &expr, const std::vector<std::string> &roleNames) {
  if (a.kind == Atom::Kind::Fact || !g || !g->owner)
    return "";
  size_t idx = std::find(roleNames.begin(), roleNames.end(), a.role) - roleNames.begin();
  if (idx >= roleNames.size())
    idx = 0;
  std::string path = "&[" + join(linkIds(c.model, a), ", ") + "]";
  std::string r = "roles[" + std::to_string(idx) + "]";
  if (!a.condition.empty())
    return "same_if::<B, _, _>(&" + expr + ", " + r + ", " + path + ")";
  return "same::<B>(" + expr + ".instance(), " + r + ", " + path + ")";
}

static std::string altsText(const EvidencePlan &p) {
  std::vector<std::string> alts;
  for (const auto &a : p.alts) {
    std::vector<std::string> atoms;
    for (const Atom &x : a.atoms)
      atoms.push_back(atomText(x));
    alts.push_back((a.alt->label.empty() ? "" : a.alt->label + ": ") + join(atoms, " & "));
  }
  return join(alts, " | ");
}

/// The impls of an evidence trait `traitRef` for every type of the plan.
static std::string evidenceImpls(const Crate &c, const EvidencePlan &p, const std::string &traitRef,
                                 const std::vector<std::string> &roleNames, const std::string &why) {
  std::ostringstream o;
  for (const auto &pa : p.alts)
    for (size_t t = 0; t < pa.types.size(); ++t) {
      const auto &pick = pa.picks[t];
      o << "// " << why << " `"
        << (pa.alt->label.empty() ? std::string("(unnamed)") : pa.alt->label) << "`.\n";
      o << "impl<" << lifetimes(pick) << ", B: Backend> " << traitRef << " for "
        << pa.types[t] << " {\n";
      o << "    const ALTERNATIVE: &'static str = \"" << pa.alt->label << "\";\n\n";
      std::vector<std::string> checks;
      for (size_t k = 0; k < pa.atoms.size(); ++k) {
        std::string expr = pa.atoms.size() == 1 ? "self" : "self." + std::to_string(k);
        if (pa.atoms.size() == 1 && pa.atoms[k].condition.empty())
          expr = "(*self)";
        std::string ch = check(c, pa.atoms[k], pick[k], expr, roleNames);
        if (!ch.empty())
          checks.push_back(ch);
      }
      if (checks.empty())
        o << "    fn check(&self, _roles: &[Instance]) -> bool {\n        true\n    }\n";
      else
        o << "    fn check(&self, roles: &[Instance]) -> bool {\n        "
          << (8 + join(checks, " && ").size() <= 100 ? join(checks, " && ")
                                                     : join(checks, "\n            && "))
          << "\n    }\n";
      o << "}\n\n";
    }
  return o.str();
}

std::string emitOps(const Crate &c) {
  const Model &m = c.model;
  std::ostringstream o;
  o << "//! Operations take evidence: each returns a [`Permit`] only when given guards that\n"
       "//! satisfy one alternative of its requirement.  Any-of requirements are traits that each\n"
       "//! satisfying guard (or tuple of guards) implements; the locks every alternative shares\n"
       "//! are parameters of their own; the lock sets a rule rejects implement nothing.\n\n"
       "use core::marker::PhantomData;\n\n"
       "use crate::backend::{Backend, Instance, LinkId};\n"
       "#[allow(unused_imports)]\nuse crate::facts;\n"
       "use crate::guards::*;\nuse crate::objects::*;\n\n";
  o << "/// Proof that an operation's requirement was met, for as long as the evidence is borrowed.\n"
       "pub struct Permit<'g, Op> {\n    alternative: &'static str,\n"
       "    _op: PhantomData<(&'g (), fn() -> Op, *const ())>,\n}\n\n"
       "impl<Op> Permit<'_, Op> {\n    fn new(alternative: &'static str) -> Self {\n"
       "        Permit {\n            alternative,\n            _op: PhantomData,\n        }\n    }\n\n"
       "    /// The spec's label of the alternative the evidence met (\"\" when unnamed).\n"
       "    pub fn alternative(&self) -> &'static str {\n        self.alternative\n    }\n}\n\n";
  o << "/// A lock needed only when a fact holds: the guard, or the promise that the fact is false.\n"
       "pub enum Conditional<G, F> {\n    /// The fact may hold: the lock is held.\n    Held(G),\n"
       "    /// The fact does not hold, so the lock is not needed.\n"
       "    NotApplicable(facts::Not<F>),\n}\n\n";
  o << "/// Whether `held` is the object reached from `role` through `path`.\n"
       "pub fn same<B: Backend>(held: Option<Instance>, role: Instance, path: &[LinkId]) -> bool {\n"
       "    let mut at = Some(role);\n    for link in path {\n"
       "        at = at.and_then(|x| B::follow(*link, x));\n    }\n    held.is_none() || held == at\n}\n\n"
       "/// [`same`] for a lock needed only when a fact holds.\n"
       "pub fn same_if<B: Backend, G: Guard<B>, F>(\n    held: &Conditional<&G, F>,\n"
       "    role: Instance,\n    path: &[LinkId],\n) -> bool {\n    match held {\n"
       "        Conditional::Held(g) => same::<B>(g.instance(), role, path),\n"
       "        Conditional::NotApplicable(_) => true,\n    }\n}\n\n";
  std::map<std::string, std::vector<const GuardInfo *>> holdsTraits;
  for (const Operation &op : m.operations) {
    EvidencePlan p = planEvidence(c, op.requirement, true);
    for (const std::string &d : p.dropped)
      const_cast<Crate &>(c).unexpressed.push_back("operation " + op.name + " | " + d);
    if (p.alts.empty() && p.common.empty()) {
      const_cast<Crate &>(c).unexpressed.push_back("operation " + op.name +
                                                   " | no alternative is expressible");
      continue;
    }
    std::string opT = pascalCase(op.name);
    std::string trait = rustEvidenceTrait(op.name);
    std::vector<std::string> roleNames{op.subject.name};
    std::vector<const Role *> roles{&op.subject};
    for (const Role &r : op.roles) {
      roleNames.push_back(r.name);
      roles.push_back(&r);
    }
    std::string page = docsPage("operation", op.name);
    std::string where = op.pos.file + ":" + std::to_string(op.pos.line);
    o << docLines("Marker of operation `" + op.name + "`: " + prose(op.doc), "") << "pub enum "
      << opT << " {}\n\n";
    if (p.anyOf) {
      o << docLines("Evidence for `" + op.name + "`: one of " + altsText(p) + ".", "") << "///\n"
        << docLines(cite(op) + " Docs: `" + page + "`.", "");
      o << "#[diagnostic::on_unimplemented(\n    message = \"`{Self}` is not evidence for `"
        << op.name << "`\",\n    label = \"`" << op.name << "` needs one of: "
        << escape(altsText(p)) << "\",\n    note = \"rule `" << op.name << "` (" << where
        << "); docs: " << page << "\"\n)]\npub trait " << trait << "<B: Backend> {\n"
        << "    /// The spec's label of the alternative this evidence meets.\n"
        << "    const ALTERNATIVE: &'static str;\n"
        << "    /// Whether the guards are for the objects named (subject first, then roles).\n"
        << "    fn check(&self, roles: &[Instance]) -> bool;\n}\n\n";
      o << evidenceImpls(c, p, trait + "<B>", roleNames, "an alternative of `" + op.name + "`:");
    }
    // The function.
    o << docLines("`" + op.name + "`: " + prose(op.doc), "") << "///\n"
      << docLines("Requirement: `" + op.requirement.text + "`.", "") << "///\n"
      << docLines(cite(op) + " Docs: `" + page + "`.", "") << "///\n/// # Panics\n///\n"
      << "/// When a guard is for another object than the one named (checked through the links).\n";
    bool runs = true;
    std::string example = exampleFor(c, op, &runs);
    if (!example.empty()) {
      o << "///\n/// # Examples\n///\n/// ```" << (runs ? "" : "no_run") << "\n"
        << "/// use lockspec_mm::backend::LinkId;\n/// use lockspec_mm::facts;\n"
        << "/// use lockspec_mm::guards::*;\n/// use lockspec_mm::ops::{self, Conditional};\n"
        << "/// use lockspec_mm::order::Ctx;\n"
        << "/// use lockspec_mm::test_backend::{TestBackend, TestObject};\n///\n";
      // The test objects and their links are set-up: hidden (`# `) in the rendered docs.
      for (const std::string &line : split(example, '\n')) {
        if (line.empty())
          continue;
        bool setup = line.find("TestObject::new()") != std::string::npos ||
                     line.find(".link_to(") != std::string::npos ||
                     line.find(".set_found(") != std::string::npos;
        o << "/// " << (setup ? "# " : "") << line.substr(line.rfind("    ", 0) == 0 ? 4 : 0)
          << "\n";
      }
      o << "/// assert_eq!(permit.alternative(), \"" << [&] {
        EvidencePlan p = planEvidence(c, op.requirement, true);
        return p.anyOf ? p.alts[0].alt->label : op.requirement.alternatives[0].label;
      }() << "\");\n/// ```\n";
    }
    std::vector<std::string> params, checks;
    std::vector<std::string> roleExpr(roles.size());
    std::vector<std::string> generics{"'g", "B: Backend"};
    // Roles a common lock atom owns directly come from its guard (the guard is tied to them).
    const std::vector<size_t> derivedBy = derivedRoles(c, op, p);
    for (size_t i = 0; i < roles.size(); ++i)
      if (derivedBy[i] < p.common.size())
        roleExpr[i] = roles[i]->name + ".object()";
    for (size_t i = 0; i < roles.size(); ++i)
      if (roleExpr[i].empty()) {
        params.push_back(roles[i]->name + ": &'g " + pascalCase(roles[i]->object) + "<B>");
        roleExpr[i] = roles[i]->name;
      }
    for (size_t i = 0; i < p.common.size(); ++i) {
      const Atom &a = p.common[i];
      std::string name;
      if (a.kind == Atom::Kind::Fact) {
        params.push_back("_" + a.fact + ": &'g " + factType(a));
        continue;
      }
      auto gs = c.satisfying(a.lock, a.mode);
      bool derived = false;
      size_t idx = std::find(roleNames.begin(), roleNames.end(), a.role) - roleNames.begin();
      if (idx < roles.size() && derivedBy[idx] == i)
        derived = true;
      name = derived ? a.role : a.role + "_" + a.lock;
      if (gs.size() == 1) {
        std::string t = "&'g " + gs[0]->type + "<'_, B>";
        if (!a.condition.empty())
          t = "Conditional<" + t + ", facts::" + pascalCase(a.condition) + ">";
        params.push_back(name + ": " + t);
      } else {
        // Several modes satisfy it: a trait each of their guards implements.
        std::string gname = "G" + std::to_string(i);
        std::string holds = "Holds" + pascalCase(a.lock) + pascalCase(a.mode);
        holdsTraits[holds] = gs;
        generics.push_back(gname + ": " + holds + "<B>");
        params.push_back(name + ": &'g " + gname);
      }
      if (!derived && !a.condition.empty())
        checks.push_back("    assert!(\n        same_if::<B, _, _>(&" + name + ", roles[" +
                         std::to_string(idx < roles.size() ? idx : 0) + "], &[" +
                         join(linkIds(m, a), ", ") + "]),\n        \"" + op.name + ": the " +
                         a.lock + " guard is for another object\"\n    );\n");
      if (!derived && a.condition.empty())
        checks.push_back("    assert!(\n        same::<B>(" + name + ".instance(), roles[" +
                         std::to_string(idx < roles.size() ? idx : 0) + "], &[" +
                         join(linkIds(m, a), ", ") + "]),\n        \"" + op.name + ": the " +
                         a.lock + " guard is for another object\"\n    );\n");
    }
    if (p.anyOf) {
      generics.push_back("E: " + trait + "<B>");
      params.push_back("ev: E");
    }
    o << "pub fn " << op.name << "<" << join(generics, ", ") << ">(\n";
    for (const std::string &prm : params)
      o << "    " << prm << ",\n";
    o << ") -> Permit<'g, " << opT << "> {\n";
    std::vector<std::string> rexprs;
    for (const std::string &e : roleExpr)
      rexprs.push_back(e + ".as_raw()");
    o << "    let roles = [\n        " << join(rexprs, ",\n        ") << ",\n    ];\n";
    bool usesLockId = false;
    for (const std::string &ch : checks) {
      o << ch;
      usesLockId = usesLockId || ch.find("LockId::") != std::string::npos;
    }
    if (p.anyOf)
      o << "    assert!(\n        ev.check(&roles),\n        \"" << op.name
        << ": a guard is for another object\"\n    );\n    Permit::new(E::ALTERNATIVE)\n}\n\n";
    else
      o << "    let _ = roles;\n    Permit::new(\"" << op.requirement.alternatives[0].label
        << "\")\n}\n\n";
    (void)usesLockId;
  }
  for (const auto &[holds, gs] : holdsTraits) {
    const GuardInfo &g0 = *gs.front();
    std::string lock = g0.lock->name;
    std::string mode = holds.substr(5 + pascalCase(lock).size());
    o << "/// A guard of `" << lock << "` in a mode that satisfies the one a rule names.\n"
      << "#[diagnostic::on_unimplemented(\n    message = \"`{Self}` does not hold `" << lock
      << "` in a mode the rule accepts\",\n    label = \"needs one of: ";
    std::vector<std::string> names;
    for (const GuardInfo *g : gs)
      names.push_back(g->type);
    o << join(names, ", ") << "\",\n    note = \"docs: " << docsPage("lock", lock) << "\"\n)]\n"
      << "pub trait " << holds << "<B: Backend>: Guard<B> {}\n\n";
    for (const GuardInfo *g : gs)
      o << "impl<B: Backend> " << holds << "<B> for " << g->type << "<'_, B> {}\n";
    o << "\n";
    (void)mode;
  }
  std::string s = o.str();
  if (s.find("LockId::") != std::string::npos)
    s.replace(s.find("use crate::backend::{Backend, Instance, LinkId};"),
              std::string("use crate::backend::{Backend, Instance, LinkId};").size(),
              "use crate::backend::{Backend, Instance, LinkId, LockId, ModeId};");
  s.pop_back();
  return s;
}

std::string emitFields(const Crate &c) {
  const Model &m = c.model;
  std::ostringstream o;
  o << "//! Fields through `LockedBy`-style cells: a read needs the field's read evidence, a\n"
       "//! write its write evidence, and both are checked against the cell's owner.\n\n"
       "use core::cell::UnsafeCell;\nuse core::marker::PhantomData;\n\n"
       "use crate::backend::{Backend, Instance, LinkId};\n#[allow(unused_imports)]\n"
       "use crate::facts;\nuse crate::guards::*;\n#[allow(unused_imports)]\n"
       "use crate::ops::{same, same_if, Conditional};\n\n";
  o << "/// Evidence that allows reading field `F`.\n#[diagnostic::on_unimplemented(\n"
       "    message = \"`{Self}` does not allow reading `{F}`\",\n"
       "    label = \"not the field's read rule\",\n"
       "    note = \"the field's read rule: rules/objects.rules; docs: mm/objects.html\"\n)]\n"
       "pub trait ReadEvidence<F, B: Backend> {\n"
       "    /// The spec's label of the alternative this evidence meets.\n"
       "    const ALTERNATIVE: &'static str;\n"
       "    /// Whether the guards are for the field's object.\n"
       "    fn check(&self, roles: &[Instance]) -> bool;\n}\n\n";
  o << "/// Evidence that allows writing field `F`.\n#[diagnostic::on_unimplemented(\n"
       "    message = \"`{Self}` does not allow writing `{F}`\",\n"
       "    label = \"not the field's write rule\",\n"
       "    note = \"the field's write rule: rules/objects.rules; docs: mm/objects.html\"\n)]\n"
       "pub trait WriteEvidence<F, B: Backend> {\n"
       "    /// The spec's label of the alternative this evidence meets.\n"
       "    const ALTERNATIVE: &'static str;\n"
       "    /// Whether the guards are for the field's object.\n"
       "    fn check(&self, roles: &[Instance]) -> bool;\n}\n\n";
  o << "/// A field value guarded by the spec's rules for field `F` of the object `owner`.\n"
       "///\n/// # Invariants\n///\n/// The value is only read with [`ReadEvidence`] and only "
       "written with [`WriteEvidence`]\n/// of locks of `owner`, which the spec's rules make "
       "exclusive of each other.\n"
       "pub struct LockedBy<T, F> {\n    owner: Instance,\n    value: UnsafeCell<T>,\n"
       "    _field: PhantomData<fn() -> F>,\n}\n\n"
       "// SAFETY: every access goes through evidence of the field's rules on `owner`, which\n"
       "// exclude a writer from every other access.\nunsafe impl<T: Send, F> Sync for "
       "LockedBy<T, F> {}\n// SAFETY: the cell owns its value.\nunsafe impl<T: Send, F> Send for "
       "LockedBy<T, F> {}\n\n"
       "impl<T: Copy, F> LockedBy<T, F> {\n    /// A value of field `F` of the object at `owner`.\n"
       "    pub const fn new(owner: Instance, value: T) -> Self {\n        LockedBy {\n"
       "            owner,\n            value: UnsafeCell::new(value),\n"
       "            _field: PhantomData,\n        }\n    }\n\n"
       "    /// Reads the value under the field's read rule.\n    ///\n    /// # Panics\n    ///\n"
       "    /// When the evidence is for another object than the owner.\n"
       "    pub fn get<B: Backend, E: ReadEvidence<F, B>>(&self, ev: E) -> T {\n"
       "        assert!(ev.check(&[self.owner]), \"evidence for another object\");\n"
       "        // SAFETY: the read rule holds on the owner, which excludes every writer.\n"
       "        unsafe { *self.value.get() }\n    }\n\n"
       "    /// Writes the value under the field's write rule.\n    ///\n    /// # Panics\n    ///\n"
       "    /// When the evidence is for another object than the owner.\n"
       "    pub fn set<B: Backend, E: WriteEvidence<F, B>>(&self, ev: E, value: T) {\n"
       "        assert!(ev.check(&[self.owner]), \"evidence for another object\");\n"
       "        // SAFETY: the write rule holds on the owner, which excludes every other access.\n"
       "        unsafe { *self.value.get() = value }\n    }\n}\n\n";
  for (const Object &ob : m.objects)
    for (const Field &f : ob.fields) {
      bool read = f.read && f.read->kind == FieldRule::Kind::Locks;
      bool write = f.writes.size() == 1 && f.writes[0].kind == FieldRule::Kind::Locks;
      std::string label = "field " + ob.name + "." + f.name;
      if (f.writes.size() > 1)
        const_cast<Crate &>(c).unexpressed.push_back(
            label + " | " + std::to_string(f.writes.size()) +
            " write rules, one per transition: one write accessor cannot say which transition "
            "a write makes, so the cell has no write evidence");
      if (!read && !write)
        continue;
      std::string t = pascalCase(ob.name) + pascalCase(f.name);
      o << docLines("Field `" + ob.name + "." + f.name + "`: " + prose(f.doc), "") << "///\n"
        << docLines(cite(f), "") << "pub enum " << t << " {}\n\n";
      std::vector<std::string> roleNames{ob.var};
      if (read) {
        EvidencePlan p = planEvidence(c, f.read->requirement, false);
        for (const std::string &d : p.dropped)
          const_cast<Crate &>(c).unexpressed.push_back(label + " read | " + d);
        o << evidenceImpls(c, p, "ReadEvidence<" + t + ", B>", roleNames,
                           "the read rule of `" + ob.name + "." + f.name + "`,");
      }
      if (write) {
        EvidencePlan p = planEvidence(c, f.writes[0].requirement, false);
        for (const std::string &d : p.dropped)
          const_cast<Crate &>(c).unexpressed.push_back(label + " write | " + d);
        o << evidenceImpls(c, p, "WriteEvidence<" + t + ", B>", roleNames,
                           "the write rule of `" + ob.name + "." + f.name + "`,");
      }
    }
  std::string s = o.str();
  s.pop_back();
  return s;
}

} // namespace lockspec::rust
