// How missing-lock findings say, in words, what is held, what is missing and why: lock
// phrases, alternatives with the repeats left out, and the spec's reasons as plain text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace lockspec::check {

/// What a missing-lock finding about a requirement says besides the locks: the rule's short
/// name, the clauses it is made of (an operation's `requires`; none: the requirement is one
/// clause), the lock sets it rejects, and a reason for a clause that gives none.
struct Why {
  std::string label; ///< "install", "vm_area_struct.vm_page_prot".
  const std::vector<Requirement> *clauses = nullptr;
  const std::vector<Rejection> *rejects = nullptr;
  std::string fallback;
};

/// The reasons of `why` whose lock is one of `locks`, each said once, joined by "; and ".
std::string reasonsFor(const std::vector<std::pair<const Lock *, std::string>> &why,
                       const std::vector<const Lock *> &locks);

/// `rst` as plain text: roles (":c:func:`!f`" -> "f"), inline markup ("**x**", "``x``") and
/// line breaks removed, runs of spaces folded to one.
std::string plainText(std::string_view rst);

/// The first sentence of plain `text`: up to its first ". " (or the end), without the period.
std::string firstSentence(std::string_view text);

/// "'mmap_lock' of 'vma->vm_mm' for read": the lock, its owner when known, and the mode when
/// the lock has several.
std::string lockWords(const Lock &lock, std::string_view key, std::string_view mode);

/// Ways of meeting a requirement, each a list of lock phrases, in words: "A and B or C".  A
/// phrase repeated within a way is said once, a way said twice once, and a way that holds
/// every phrase of another is left out (holding the smaller one is enough).  After `limit`
/// ways, the count of the rest.
std::string waysWords(std::vector<std::vector<std::string>> ways, size_t limit = 4);

/// The positions of the ways waysWords says (before its limit), in order.
std::vector<size_t> keptWays(std::vector<std::vector<std::string>> ways);

/// Why `clause` is needed, in plain words: its reason; else the first sentence of the doc of
/// the let it names; else "".
std::string clauseReason(const Model &m, const Requirement &clause);

/// The first sentence of an entity's doc, as plain words starting in lower case unless it
/// starts with a name ("mmap_lock", "VMA"); "" when it has none.
std::string docReason(const Documented &d);

} // namespace lockspec::check
