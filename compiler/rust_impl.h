// The rust backend's private parts, shared by its translation units: what each spec lock and
// mode is called in Rust, which guard stands for which hold, and how a requirement becomes
// evidence types (rust_backend.cc renders the crate, rust_ops.cc the operations and fields,
// rust_corpus.cc the compile-fail corpus).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "backend.h"
#include "model.h"

namespace lockspec::rust {

/// `s` cut at every `sep`.
std::vector<std::string> split(const std::string &s, char sep);
/// `items` joined with `sep` between them.
std::string join(const std::vector<std::string> &items, const std::string &sep);
/// `text` as `///` (or `//!` with `inner`) lines of at most 96 columns, indented by `indent`.
std::string docLines(const std::string &text, const std::string &indent, bool inner = false);
/// "Spec: `name` (rules/file:line); source: ..." for a doc comment.
std::string cite(const Documented &d);
/// `text` as a Rust string literal body (quotes and backslashes escaped).
std::string escape(const std::string &text);
/// The docs page of an operation, lock or the order, relative to the site root.
std::string docsPage(const std::string &kind, const std::string &name);

/// One kind of hold a Rust value proves: a lock held in one mode.
struct GuardInfo {
  const Lock *lock = nullptr;
  const Mode *mode = nullptr;
  std::string type;     ///< `MmapLockReadGuard`.
  const Object *owner = nullptr; ///< Null for a global lock.
  /// The `needs` relation that makes it from another guard (vma_lock.write from
  /// mmap_lock.write), or null.
  const Relation *needs = nullptr;
  /// Set with `needs` when the hold also ends with the other one: a proof without Drop
  /// that borrows the other guard (it cannot outlive it).
  bool proof = false;
  bool ordered = false; ///< The lock is in the enforced order (acquiring it takes a `Ctx`).
  const Api *acquire = nullptr;   ///< The API that makes it from its owner, or null.
  const Api *finder = nullptr;    ///< A try that finds the instance from (object, address).
  const Api *downgradeFrom = nullptr; ///< Downgrade API that turns another guard into this.
  const Api *release = nullptr;   ///< Release API named in Drop's docs.
};

/// What the whole crate is generated from: the model plus the Rust view of it.
struct Crate {
  explicit Crate(const Model &m);
  const Model &model;
  std::vector<GuardInfo> guards;
  /// Locks in the enforced order (level types), by name.
  std::set<std::string> ordered;
  /// Rules the Rust types cannot express, "kind name | why".
  std::vector<std::string> unexpressed;

  /// The guards whose hold satisfies `lock` held in at least `mode`.
  std::vector<const GuardInfo *> satisfying(const std::string &lock, const std::string &mode) const;
  const GuardInfo *find(const std::string &lock, const std::string &mode) const;
};

/// One parameter an operation or field rule takes as evidence.
struct Slot {
  std::vector<const Atom *> atoms; ///< Atoms of this slot (one per alternative for `ev`).
};

/// A requirement as Rust evidence: the atoms every alternative shares become separate
/// parameters, the rest one any-of parameter implemented by each alternative's tuple.
struct EvidencePlan {
  std::vector<Atom> common;        ///< Each a parameter of its own.
  /// Per alternative, its remaining atoms, and the concrete Rust types (one per combination
  /// of satisfying guards) that implement the any-of trait.
  struct Alt {
    const Alternative *alt;
    std::vector<Atom> atoms;
    std::vector<std::string> types;      ///< `&'g MmapLockReadGuard<'a, B>` or tuples.
    std::vector<std::vector<const GuardInfo *>> picks; ///< Guards of each type (null: fact).
  };
  std::vector<Alt> alts;
  bool anyOf = false; ///< An any-of parameter exists.
  std::vector<std::string> dropped; ///< Atoms Rust cannot express, described.
};
/// With `factorCommon`, the atoms every alternative shares go to `common`.
EvidencePlan planEvidence(const Crate &c, const Requirement &req, bool factorCommon);

/// Per role (the subject first, then `op.roles`), the index in `p.common` of the lock atom
/// whose guard the function reads the role from (a lock the role owns, named directly), or
/// `p.common.size()` when the role is a parameter of its own (rust_calls.cc).
std::vector<size_t> derivedRoles(const Crate &c, const Operation &op, const EvidencePlan &p);

/// The Rust type of a fact token (`facts::IrqsDisabled`, `facts::Not<facts::FollLongterm>`).
/// The marker type that makes `g` `!Send`, named for why (rust_runtime.inc defines both).
std::string notSendMarker(const GuardInfo &g);

std::string factType(const Atom &a);
/// The element type evidence of one atom has, given the guard that satisfies it.
std::string atomType(const Atom &a, const GuardInfo *g, const std::string &life);

/// `text` laid out as rustfmt would lay it out (rust_layout.cc).
std::string layout(const std::string &text);

/// The operations and fields modules.
std::string emitOps(const Crate &c);
std::string emitFields(const Crate &c);
/// A runnable example of `op` on the test backend (body lines, indented by four), its first
/// alternative satisfied; `runs` is false when the test backend cannot run it (it would
/// then be `no_run`).  "" when no alternative is expressible.
std::string exampleFor(const Crate &c, const Operation &op, bool *runs);
/// The compile-fail corpus: files and the unexpressed-rules list.
std::vector<OutputFile> emitCorpus(const Crate &c);

} // namespace lockspec::rust
