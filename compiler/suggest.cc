#include "suggest.h"

#include <algorithm>

namespace lockspec {

size_t editDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment over three rows: the swap looks two rows back.
  std::vector<size_t> back2(b.size() + 1), back(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    back[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({back[j] + 1, row[j - 1] + 1, back[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = std::min(row[j], back2[j - 2] + 1);
    }
    std::swap(back2, back);
    std::swap(back, row);
  }
  return back[b.size()];
}

std::optional<std::string> closestName(std::string_view name,
                                       const std::vector<std::string_view> &candidates) {
  const size_t limit = name.size() / 3;
  std::optional<std::string_view> best;
  size_t bestDistance = limit + 1;
  for (std::string_view c : candidates) {
    if (c == name)
      continue;
    // Lengths further apart than the limit cannot be within it.
    size_t gap = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (gap > limit)
      continue;
    size_t d = editDistance(name, c);
    if (d < bestDistance || (d == bestDistance && best && c < *best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (!best || bestDistance > limit || limit == 0)
    return std::nullopt;
  return std::string(*best);
}

std::string didYouMean(std::string_view name, const std::vector<std::string_view> &candidates) {
  auto best = closestName(name, candidates);
  return best ? "; did you mean '" + *best + "'?" : "";
}

} // namespace lockspec
