// The name of each alternative of a requirement, shared by every backend that shows one: the
// C++ evidence tag (`lockspec::via::NAME`), the "C++ tag" column of an operation's page and
// the diamonds of its diagram.  One function, so that the three always agree.
#pragma once

#include <string>
#include <vector>

#include "model.h"

namespace lockspec {

/// One name per alternative of `req`, in order; empty when there is at most one alternative
/// (nothing to choose between).  The name is the spec's label when the label picks out one
/// alternative; a label shared by the alternatives a group or a `let` expands into gets the
/// locks that tell them apart (`fully_locked_mmap_lock`); an unlabelled alternative is named
/// by those locks alone (`mmap_lock`).  A lock on another object than `subjectRole` is
/// suffixed with its role (`pmd_lock_at_old_pmd`), one not held is prefixed `not_`.
std::vector<std::string> alternativeNames(const Requirement &req, const std::string &subjectRole);

/// The name of a rejected lock set's alternatives, by the same rule, so that a caller who
/// passes the tag of the lock set it holds meets the reason it is not enough.  Unlike
/// alternativeNames, a single alternative is named too (by every lock and fact it holds).
std::vector<std::string> rejectedNames(const Requirement &rejected, const std::string &subjectRole);

/// The names under which `op` refuses the rejected lock set `r`: none when `op` has a single
/// alternative (it takes no evidence, so none can be wrong) or for a name that is one of its
/// accepted alternatives' (that overload checks the locks themselves).
std::vector<std::string> refusedNames(const Operation &op, const Rejection &r);

} // namespace lockspec
