// Questions about normalised requirements, shared by sema, derivation and backends.
#pragma once

#include <string>
#include <vector>

#include "model.h"

namespace lockspec {

/// True when the two atoms name the same lock instance (or the same fact).
bool sameTarget(const Atom &a, const Atom &b);

/// True when the held set `have` satisfies `need`.  With `closedWorld`, a lock absent from
/// `have` is known not to be held (a concrete state); otherwise only an explicit `!X` in `have`
/// satisfies a `!X` in `need` (comparing two alternatives).
bool satisfies(const Model &model, const std::vector<Atom> &have, const Alternative &need,
               bool closedWorld);

/// True when `have` satisfies at least one alternative of `req`; `which` gets its index.
bool satisfies(const Model &model, const std::vector<Atom> &have, const Requirement &req,
               bool closedWorld, size_t *which = nullptr);

/// Adds the holds the relations imply: a VMA write lock implies its mm's mmap write lock.
std::vector<Atom> withImpliedHolds(const Model &model, std::vector<Atom> have);

/// Short text of an atom: `mmap_lock.write`, `!vma_lock.read@vma`, `irqs_disabled`.
std::string describe(const Atom &atom);
/// `{a, b, c}` or `{}` for the empty alternative.
std::string describe(const Alternative &alt);

} // namespace lockspec
