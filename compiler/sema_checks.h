// Cross-checks a careful reviewer makes on a model that is well-formed: each compares a rule
// with the evidence it should agree with (the kernel's naming of its lock API, the page-table
// hierarchy the objects' links describe, the other relations).
#pragma once

#include "diagnostics.h"
#include "model.h"

namespace lockspec {

/// Reports, at the declaration, every rule of `model` that contradicts its evidence:
///  - a try function whose success value contradicts its shape: a returned pointer succeeds
///    `when nonnull`, a killable function (0 or -EINTR) `when zero`, a `*_trylock*` `when true`;
///  - an API function whose name says `read` but whose mode is exclusive, or `write` but
///    shared; a release in a mode that nothing of its lock enters;
///  - a cycle of `ends with` relations (no hold could ever end first);
///  - an enforced order edge from the lock of a page table to the lock of a table above it
///    (objects one of which links to the other, whose locks stand in for the same lock when
///    not split, as the PMD and PTE locks do for page_table_lock).
void crossCheck(const Model &model, const SourceManager &sources, Diagnostics &diags);

} // namespace lockspec
