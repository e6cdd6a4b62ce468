// "Did you mean": the declared name closest to one the spec got wrong, for the diagnostics that
// report an unknown name.  Kept out of sema so that each diagnostic gains one call, not a loop.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lockspec {

/// Edits that turn `a` into `b`: insertions, deletions, substitutions and swaps of two
/// neighbouring characters (`raed` -> `read` is one), each costing one.
size_t editDistance(std::string_view a, std::string_view b);

/// The candidate closest to `name`, when it is close enough to be a typo of it: at most one
/// edit per three characters of `name` (so none for a name under three characters, which is
/// one edit from every other short name), and not `name` itself.  Of
/// equally close candidates the first in byte order, so the answer does not depend on the
/// order of a hash table.
std::optional<std::string> closestName(std::string_view name,
                                       const std::vector<std::string_view> &candidates);

/// "; did you mean 'x'?" to append to a diagnostic, or "" when no candidate is close.
std::string didYouMean(std::string_view name, const std::vector<std::string_view> &candidates);

/// didYouMean over the keys of a name table (`std::map`/`unordered_map` by name) whose value
/// `keep` accepts: the locks among the declared names, the roles of an operation.
template <class Table, class Keep>
std::string didYouMean(std::string_view name, const Table &table, Keep keep) {
  std::vector<std::string_view> candidates;
  for (const auto &[key, value] : table)
    if (keep(value))
      candidates.push_back(key);
  return didYouMean(name, candidates);
}

/// didYouMean over the `.name` of each item (the modes of a lock).
template <class Items> std::string didYouMeanNamed(std::string_view name, const Items &items) {
  std::vector<std::string_view> candidates;
  for (const auto &item : items)
    candidates.push_back(item.name);
  return didYouMean(name, candidates);
}

} // namespace lockspec
