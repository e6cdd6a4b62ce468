// Wording of missing-lock findings (wording.h).
#include "wording.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "lock_state.h"

namespace lockspec::check {

std::string plainText(std::string_view rst) {
  std::string out;
  for (size_t i = 0; i < rst.size(); ++i) {
    char c = rst[i];
    // A role: ":name:`text`" becomes text (without a leading '!' or '~').
    if (c == ':' && i + 1 < rst.size() && std::isalpha(static_cast<unsigned char>(rst[i + 1]))) {
      size_t j = i + 1;
      while (j < rst.size() && (std::isalnum(static_cast<unsigned char>(rst[j])) ||
                                rst[j] == ':' || rst[j] == '_'))
        ++j;
      if (j < rst.size() && rst[j] == '`' && rst[j - 1] == ':') {
        size_t end = rst.find('`', j + 1);
        if (end != std::string_view::npos) {
          std::string_view inner = rst.substr(j + 1, end - j - 1);
          if (!inner.empty() && (inner[0] == '!' || inner[0] == '~'))
            inner.remove_prefix(1);
          out += inner;
          i = end;
          continue;
        }
      }
    }
    if (c == '`' || (c == '*' && i + 1 < rst.size() && rst[i + 1] == '*'))
      continue; // `` and ** vanish; a lone '*' (a C dereference) stays.
    if (c == '*' && i > 0 && rst[i - 1] == '*')
      continue;
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ')
        out += ' ';
      continue;
    }
    out += c;
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

std::string firstSentence(std::string_view text) {
  size_t end = 0;
  // A period ends the sentence when a space or the end follows it, unless it ends an
  // abbreviation ("e.g. x"); "v7.0" does not end one.
  for (end = text.find('.'); end != std::string_view::npos; end = text.find('.', end + 1)) {
    if (end + 1 == text.size())
      break;
    std::string_view before = text.substr(0, end);
    bool abbreviation = before.ends_with("e.g") || before.ends_with("i.e") ||
                        before.ends_with(" etc") || before.ends_with(" vs") ||
                        before.ends_with(" cf");
    if (text[end + 1] == ' ' && !abbreviation)
      break;
  }
  return std::string(text.substr(0, end == std::string_view::npos ? text.size() : end));
}

std::string lockWords(const Lock &lock, std::string_view key, std::string_view mode) {
  std::string out = describe(&lock, key);
  // "for read", "for write"; a mode named by a participle reads without "for": "downgraded".
  if (lock.modes.size() > 1 && !mode.empty())
    out += (mode.ends_with("ed") ? " " : " for ") + std::string(mode);
  return out;
}

namespace {

void sortWays(std::vector<std::vector<std::string>> &ways) {
  for (std::vector<std::string> &w : ways) {
    std::sort(w.begin(), w.end());
    w.erase(std::unique(w.begin(), w.end()), w.end());
  }
}

/// Positions of the sorted `ways` that no other way is contained in (the first of equals).
std::vector<size_t> minimalWays(const std::vector<std::vector<std::string>> &ways) {
  auto within = [](const std::vector<std::string> &small, const std::vector<std::string> &big) {
    return std::includes(big.begin(), big.end(), small.begin(), small.end());
  };
  std::vector<size_t> kept;
  for (size_t i = 0; i < ways.size(); ++i) {
    bool covered = false;
    for (size_t j = 0; j < ways.size() && !covered; ++j)
      covered = j != i && within(ways[j], ways[i]) && (ways[j] != ways[i] || j < i);
    if (!covered && !ways[i].empty())
      kept.push_back(i);
  }
  return kept;
}

} // namespace

std::vector<size_t> keptWays(std::vector<std::vector<std::string>> ways) {
  sortWays(ways);
  return minimalWays(ways);
}

std::string waysWords(std::vector<std::vector<std::string>> ways, size_t limit) {
  sortWays(ways);
  std::vector<std::vector<std::string>> kept;
  for (size_t i : minimalWays(ways))
    kept.push_back(ways[i]);
  auto andList = [](const std::vector<std::string> &words) {
    std::string one;
    for (size_t k = 0; k < words.size(); ++k)
      one += (k == 0 ? "" : k + 1 == words.size() ? " and " : ", ") + words[k];
    return one;
  };
  // What every way needs is said first: "'pte_lock' and either 'mmap_lock' or 'vma_lock'".
  std::vector<std::string> common = kept.empty() ? std::vector<std::string>{} : kept.front();
  for (const std::vector<std::string> &w : kept) {
    std::vector<std::string> both;
    std::set_intersection(common.begin(), common.end(), w.begin(), w.end(),
                          std::back_inserter(both));
    common = std::move(both);
  }
  std::string prefix;
  if (kept.size() > 1 && !common.empty()) {
    for (std::vector<std::string> &w : kept) {
      std::vector<std::string> rest;
      std::set_difference(w.begin(), w.end(), common.begin(), common.end(),
                          std::back_inserter(rest));
      w = std::move(rest);
    }
    prefix = andList(common) + " and either ";
  }
  std::string out = prefix;
  size_t n = std::min(kept.size(), limit);
  for (size_t i = 0; i < n; ++i) {
    out += (i == 0 ? "" : i + 1 == n && kept.size() <= limit ? " or " : ", ") + andList(kept[i]);
  }
  if (kept.size() > limit)
    out += " or " + std::to_string(kept.size() - limit) + " more ways";
  return out;
}

std::string docReason(const Documented &d) {
  std::string s = firstSentence(plainText(d.doc));
  // "The VMA is ..." reads as a clause after a colon once its first word is lower case; a
  // word in capitals or with an underscore is a name and stays.
  size_t word = std::min(s.find(' '), s.size());
  bool plainWord = word > 0 && std::isupper(static_cast<unsigned char>(s[0]));
  for (size_t i = 1; i < word && plainWord; ++i)
    plainWord = std::islower(static_cast<unsigned char>(s[i]));
  if (plainWord)
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string reasonsFor(const std::vector<std::pair<const Lock *, std::string>> &why,
                       const std::vector<const Lock *> &locks) {
  std::vector<std::string> said;
  std::string out;
  for (const auto &[lock, reason] : why)
    if (!reason.empty() && std::find(locks.begin(), locks.end(), lock) != locks.end() &&
        std::find(said.begin(), said.end(), reason) == said.end()) {
      out += (out.empty() ? "" : "; and ") + reason;
      said.push_back(reason);
    }
  return out;
}

std::string clauseReason(const Model &m, const Requirement &clause) {
  if (!clause.reason.empty())
    return clause.reason;
  for (const Let &l : m.lets)
    if (l.name == clause.text)
      return docReason(l);
  return "";
}

} // namespace lockspec::check
