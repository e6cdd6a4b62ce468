#include "preprocess.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "c_expr.h"
#include "embedded_queries.h"

namespace lockspec::check {
namespace {

constexpr size_t npos = std::string_view::npos;

bool identByte(char c) {
  return kIdentifierByte[static_cast<unsigned char>(c)];
}
bool space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/// `*` in `pattern` matches any run of characters (words are identifiers already).
bool globMatch(std::string_view pattern, std::string_view s) {
  size_t p = 0, i = 0, star = npos, mark = 0;
  while (i < s.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = i;
    } else if (p < pattern.size() && pattern[p] == s[i]) {
      ++p;
      ++i;
    } else if (star != npos) {
      p = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

HintKind parseKind(std::string_view k, size_t line) {
  if (k == "attribute")
    return HintKind::Attribute;
  if (k == "attribute_args")
    return HintKind::AttributeArgs;
  if (k == "iterator")
    return HintKind::Iterator;
  if (k == "typearg")
    return HintKind::TypeArg;
  if (k == "definer")
    return HintKind::Definer;
  if (k == "declarer")
    return HintKind::Declarer;
  if (k == "scoped")
    return HintKind::Scoped;
  if (k == "annotation")
    return HintKind::Annotation;
  throw std::invalid_argument("macro hints line " + std::to_string(line) + ": unknown kind '" +
                              std::string(k) + "'");
}

/// The C text being rewritten, with the lexing every pass shares.
class Rewriter {
public:
  Rewriter(std::string &text, const MacroHints &hints) : t_(text), n_(text.size()), h_(hints) {}
  std::vector<size_t> *definers = nullptr; ///< Where definer rewrites start, when wanted.
  std::vector<LockAnnotation> *annotations = nullptr; ///< Lock annotations, when wanted.
  void run();

private:
  /// One open conditional group.  `keep`: left to tree-sitter; otherwise one branch is kept
  /// and `blanking` says whether the current branch is dropped.
  struct Frame {
    bool keep = false, blanking = false, taken = false;
    char prevSig = ';';
  };

  bool blanking() const { return !stack_.empty() && stack_.back().blanking; }
  void blank(size_t b, size_t e) {
    for (size_t k = b; k < e && k < n_; ++k)
      if (t_[k] != '\n')
        t_[k] = ' ';
  }
  /// End of the comment or literal at `i` (which must start one), or `i` when none starts.
  size_t skipCommentOrLiteral(size_t i) const;
  /// The position after whitespace and comments from `i`.
  size_t skipBlank(size_t i) const;
  /// The `)` matching the `(` at `open`, or npos.
  size_t matchParen(size_t open) const;
  /// Top-level comma positions inside the parentheses open..close.
  std::vector<size_t> commas(size_t open, size_t close) const;
  /// The end of the directive line at `i` (its newline, or the end of the text).
  size_t directiveEnd(size_t i) const;
  /// The directive's name ("ifdef") and the position after it.
  std::string_view directiveName(size_t i, size_t end, size_t &after) const;
  /// True when every branch of the group whose `#if` line ends at `from` balances its braces.
  bool balancedGroup(size_t from) const;
  size_t directive(size_t i);
  size_t word(size_t i);
  size_t apply(const MacroHint &hint, size_t i, size_t j);

  std::string &t_;
  size_t n_;
  const MacroHints &h_;
  int depth_ = 0;
  char prevSig_ = ';'; ///< The last significant character; 'w' after a word.
  bool prevElseDo_ = false;
  size_t prevStatic_ = npos; ///< Where the previous word began when it was `static`.
  std::vector<Frame> stack_;
};

size_t Rewriter::skipCommentOrLiteral(size_t i) const {
  char c = t_[i];
  if (c == '/' && i + 1 < n_ && t_[i + 1] == '/') {
    while (i < n_ && t_[i] != '\n')
      ++i;
    return i;
  }
  if (c == '/' && i + 1 < n_ && t_[i + 1] == '*') {
    size_t e = t_.find("*/", i + 2);
    return e == npos ? n_ : e + 2;
  }
  if (c == '"' || c == '\'') {
    for (++i; i < n_ && t_[i] != c && t_[i] != '\n'; ++i)
      if (t_[i] == '\\')
        ++i;
    return std::min(i + 1, n_);
  }
  return i;
}

size_t Rewriter::skipBlank(size_t i) const {
  while (i < n_) {
    if (space(t_[i]) || t_[i] == '\n') {
      ++i;
    } else if (t_[i] == '/') {
      size_t e = skipCommentOrLiteral(i);
      if (e == i)
        return i;
      i = e;
    } else {
      return i;
    }
  }
  return i;
}

size_t Rewriter::matchParen(size_t open) const {
  int d = 0;
  for (size_t i = open; i < n_;) {
    size_t e = skipCommentOrLiteral(i);
    if (e != i) {
      i = e;
      continue;
    }
    if (t_[i] == '(')
      ++d;
    else if (t_[i] == ')' && --d == 0)
      return i;
    else if (t_[i] == ';' || (t_[i] == '{' && d == 1))
      return npos; // not an argument list after all
    ++i;
  }
  return npos;
}

std::vector<size_t> Rewriter::commas(size_t open, size_t close) const {
  std::vector<size_t> out;
  int d = 0;
  for (size_t i = open + 1; i < close;) {
    size_t e = skipCommentOrLiteral(i);
    if (e != i) {
      i = e;
      continue;
    }
    char c = t_[i];
    d += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
    if (c == ',' && d == 0)
      out.push_back(i);
    ++i;
  }
  return out;
}

size_t Rewriter::directiveEnd(size_t i) const {
  while (i < n_ && t_[i] != '\n') {
    if (t_[i] == '\\' && i + 1 < n_ && (t_[i + 1] == '\n' || t_[i + 1] == '\r')) {
      i = t_.find('\n', i + 1);
      if (i == npos)
        return n_;
      ++i;
      continue;
    }
    size_t e = skipCommentOrLiteral(i);
    i = e == i ? i + 1 : e; // a block comment may run past the line: the directive ends after it
  }
  return i;
}

std::string_view Rewriter::directiveName(size_t i, size_t end, size_t &after) const {
  size_t b = i + 1;
  while (b < end && space(t_[b]))
    ++b;
  size_t e = b;
  while (e < end && identByte(t_[e]))
    ++e;
  after = e;
  return std::string_view(t_).substr(b, e - b);
}

bool Rewriter::balancedGroup(size_t from) const {
  int nest = 0, delta = 0;
  bool lineStart = true;
  for (size_t i = from; i < n_;) {
    char c = t_[i];
    if (c == '\n') {
      lineStart = true;
      ++i;
      continue;
    }
    if (space(c)) {
      ++i;
      continue;
    }
    if (c == '#' && lineStart) {
      size_t e = directiveEnd(i), after;
      std::string_view name = directiveName(i, e, after);
      if (name.rfind("if", 0) == 0) {
        ++nest;
      } else if (nest == 0 && (name.rfind("elif", 0) == 0 || name == "else")) {
        if (delta != 0)
          return false;
      } else if (name == "endif") {
        if (nest == 0)
          return delta == 0;
        --nest;
      }
      i = e;
      continue;
    }
    lineStart = false;
    size_t e = skipCommentOrLiteral(i);
    if (e != i) {
      i = e;
      continue;
    }
    delta += c == '{' ? 1 : c == '}' ? -1 : 0;
    ++i;
  }
  return false;
}

size_t Rewriter::directive(size_t i) {
  size_t e = directiveEnd(i), after;
  // A copy: blanking the line below overwrites the bytes a view would show.
  std::string name(directiveName(i, e, after));
  std::string_view cond = std::string_view(t_).substr(after, e - after);
  size_t c0 = cond.find_first_not_of(" \t");
  // `#if 0` (and `#elif 0`) is the one condition read: such a branch is never the one kept.
  bool zero = c0 != npos && cond[c0] == '0' && (c0 + 1 == cond.size() || !identByte(cond[c0 + 1]));
  if (name == "if" || name == "ifdef" || name == "ifndef") {
    Frame f;
    f.prevSig = prevSig_;
    if (blanking()) {
      f.blanking = true;
      f.taken = true;
    } else if (depth_ == 0 && (prevSig_ == ';' || prevSig_ == '}') && balancedGroup(e)) {
      f.keep = true;
    } else {
      bool active = !(name == "if" && zero);
      f.blanking = !active;
      f.taken = active;
    }
    stack_.push_back(f);
    if (!f.keep)
      blank(i, e);
    return e;
  }
  bool isElse = name == "else" || name.rfind("elif", 0) == 0;
  if ((isElse || name == "endif") && !stack_.empty()) {
    Frame &f = stack_.back();
    if (f.keep) {
      prevSig_ = f.prevSig; // each kept branch starts where the group started
    } else {
      blank(i, e);
      bool parentBlanking = stack_.size() > 1 && stack_[stack_.size() - 2].blanking;
      if (isElse && !parentBlanking) {
        bool active = !f.taken && (name == "else" || name != "elif" || !zero);
        f.taken = f.taken || active;
        f.blanking = !active;
      }
    }
    if (name == "endif")
      stack_.pop_back();
    return e;
  }
  if (blanking() || depth_ > 0)
    blank(i, e);
  return e;
}

size_t Rewriter::word(size_t i) {
  size_t j = i;
  while (j < n_ && identByte(t_[j]))
    ++j;
  std::string_view w = std::string_view(t_).substr(i, j - i);
  size_t next = j;
  if (!(w[0] >= '0' && w[0] <= '9'))
    if (const MacroHint *hint = h_.find(w))
      next = apply(*hint, i, j);
  if (next != j) {
    // The whole macro use was blanked: what precedes it is still the previous token.
    return next;
  }
  // Read before the rewrite below may have changed the word's bytes.
  prevElseDo_ = w == "else" || w == "do";
  prevStatic_ = w == "static" ? i : npos;
  prevSig_ = 'w';
  return j;
}

size_t Rewriter::apply(const MacroHint &hint, size_t i, size_t j) {
  size_t open = skipBlank(j);
  bool args = open < n_ && t_[open] == '(';
  switch (hint.kind) {
  case HintKind::Attribute:
    blank(i, j);
    return j;
  case HintKind::AttributeArgs:
  case HintKind::Annotation: {
    size_t close = args ? matchParen(open) : npos;
    if (close == npos)
      return j;
    if (hint.kind == HintKind::Annotation && annotations) {
      LockAnnotation a{hint.annotation, hint.shared, t_.substr(open + 1, close - open - 1), "",
                       static_cast<uint32_t>(i)};
      if (a.kind == LockAnnotation::Kind::CondAcquires) {
        std::vector<size_t> c = commas(open, close);
        if (c.size() == 1) {
          a.result = t_.substr(open + 1, c[0] - open - 1);
          a.lock = t_.substr(c[0] + 1, close - c[0] - 1);
        }
      }
      auto trim = [](std::string &s) {
        size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
        s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
      };
      trim(a.lock);
      trim(a.result);
      annotations->push_back(std::move(a));
    }
    blank(i, close + 1);
    return close + 1;
  }
  case HintKind::Iterator: {
    size_t close = args ? matchParen(open) : npos;
    if (close == npos || j - i < 5)
      return j;
    size_t after = skipBlank(close + 1);
    bool statementBefore = prevElseDo_ || prevSig_ == ';' || prevSig_ == '{' || prevSig_ == '}' ||
                           prevSig_ == ')' || prevSig_ == ':';
    bool statementAfter = after < n_ && (t_[after] == '{' || identByte(t_[after]));
    if (statementBefore && statementAfter) {
      t_.replace(i, 5, "while");
      blank(i + 5, j);
    }
    return j;
  }
  case HintKind::TypeArg: {
    size_t close = args ? matchParen(open) : npos;
    if (close == npos)
      return j;
    std::vector<size_t> c = commas(open, close);
    if (static_cast<size_t>(hint.argument) > c.size())
      return j;
    size_t b = hint.argument == 0 ? open + 1 : c[hint.argument - 1] + 1;
    size_t e = static_cast<size_t>(hint.argument) == c.size() ? close : c[hint.argument];
    b = skipBlank(b);
    if (b < e) {
      blank(b, e);
      t_[b] = '0';
    }
    return j;
  }
  case HintKind::Definer: {
    size_t close = args ? matchParen(open) : npos;
    if (close == npos || (prevSig_ != ';' && prevSig_ != '}') || j - i < 4)
      return j;
    std::vector<size_t> c = commas(open, close);
    if (c.size() < 2 || c.size() % 2 != 0)
      return j;
    // NAME(fn, t1, a1, t2, a2) -> long fn(t1 a1, t2 a2): each type and its name become one
    // parameter declaration.
    if (definers)
      definers->push_back(i);
    t_.replace(i, 4, "long");
    blank(i + 4, j);
    t_[open] = ' ';
    t_[c[0]] = '(';
    for (size_t k = 1; k < c.size(); k += 2)
      t_[c[k]] = ' ';
    prevSig_ = 'w';
    return j;
  }
  case HintKind::Scoped: {
    // `NAME(CLS, ARGS) stmt` -> `if (guard(CLS)(ARGS)) stmt`, ARGS left in place when a
    // blank follows the `)` (it makes room for the second one).
    size_t close = args ? matchParen(open) : npos;
    bool statementBefore = prevElseDo_ || prevSig_ == ';' || prevSig_ == '{' || prevSig_ == '}' ||
                           prevSig_ == ')' || prevSig_ == ':';
    if (close == npos || !statementBefore || j - i < 2)
      return j;
    std::vector<size_t> c = commas(open, close);
    size_t clsEnd = c.empty() ? close : c[0];
    size_t b = skipBlank(open + 1), e = clsEnd;
    while (e > b && space(t_[e - 1]))
      --e;
    std::string cls = t_.substr(b, e - b);
    if (cls.empty() || cls.find_first_of("\n()") != npos)
      return j;
    size_t argBegin = c.empty() ? close : c[0] + 1;
    while (argBegin < close && (t_[argBegin] == ' ' || t_[argBegin] == '\t'))
      ++argBegin;
    bool room = close + 1 < n_ && (t_[close + 1] == ' ' || t_[close + 1] == '\t');
    std::string prefix = "(guard(" + cls + ")(";
    size_t width = argBegin - i - (room ? 0 : 1); // bytes the prefix takes
    if (width < 2 + prefix.size() || t_.find('\n', i) < argBegin)
      return j;
    std::string argText = t_.substr(argBegin, close - argBegin);
    std::string out = "if" + std::string(width - 2 - prefix.size(), ' ') + prefix + argText + "))";
    t_.replace(i, out.size(), out);
    prevSig_ = ')';
    return i + out.size();
  }
  case HintKind::Declarer: {
    size_t close = args ? matchParen(open) : npos;
    if (close == npos)
      return j;
    bool statementBefore =
        prevStatic_ != npos || prevSig_ == ';' || prevSig_ == '{' || prevSig_ == '}';
    size_t semi = skipBlank(close + 1);
    if (semi < n_ && t_[semi] == '=') // `DEFINE_PER_CPU(type, name) = {...};`
      for (int d = 0; semi < n_ && !(d == 0 && t_[semi] == ';');) {
        size_t e = skipCommentOrLiteral(semi);
        if (e != semi) {
          semi = e;
          continue;
        }
        d += t_[semi] == '{' || t_[semi] == '(' ? 1 : t_[semi] == '}' || t_[semi] == ')' ? -1 : 0;
        ++semi;
      }
    if (!statementBefore || semi >= n_ || t_[semi] != ';')
      return j;
    if (prevStatic_ != npos)
      blank(prevStatic_, prevStatic_ + 6);
    blank(i, semi + 1);
    return semi + 1;
  }
  }
  return j;
}

void Rewriter::run() {
  bool lineStart = true;
  for (size_t i = 0; i < n_;) {
    char c = t_[i];
    if (c == '\n') {
      lineStart = true;
      ++i;
      continue;
    }
    if (space(c)) {
      ++i;
      continue;
    }
    if (c == '#' && lineStart) {
      i = directive(i);
      continue;
    }
    lineStart = false;
    size_t e = skipCommentOrLiteral(i);
    if (e != i) {
      if (blanking())
        blank(i, e);
      else if (c == '"' || c == '\'')
        prevSig_ = c;
      i = e;
      continue;
    }
    if (blanking()) {
      blank(i, i + 1);
      ++i;
      continue;
    }
    if (identByte(c)) {
      i = word(i);
      continue;
    }
    if (c == '{')
      ++depth_;
    else if (c == '}' && depth_ > 0)
      --depth_;
    prevSig_ = c;
    prevElseDo_ = false;
    prevStatic_ = npos;
    ++i;
  }
}

} // namespace

MacroHints::MacroHints(std::string_view text) {
  size_t lineNo = 0;
  for (size_t b = 0; b < text.size();) {
    size_t e = text.find('\n', b);
    if (e == npos)
      e = text.size();
    std::string_view line = text.substr(b, e - b);
    b = e + 1;
    ++lineNo;
    std::vector<std::string_view> words;
    for (size_t k = 0; k < line.size();) {
      if (line[k] == ' ' || line[k] == '\t' || line[k] == '\r') {
        ++k;
        continue;
      }
      size_t m = line.find_first_of(" \t\r", k);
      if (m == npos)
        m = line.size();
      words.push_back(line.substr(k, m - k));
      k = m;
    }
    if (words.empty() || words[0][0] == '#')
      continue;
    if (words[0] == "guard" || words[0] == "inline") {
      if (words.size() != 3)
        throw std::invalid_argument("macro hints line " + std::to_string(lineNo) +
                                    ": expected 3 words");
      (words[0] == "guard" ? guards_ : inlines_)[std::string(words[1])] = std::string(words[2]);
      continue;
    }
    if (words[0] == "errptr") {
      auto role = words.size() != 3          ? std::nullopt
                  : words[2] == "make"         ? std::optional(ErrorPointer::Make)
                  : words[2] == "test"         ? std::optional(ErrorPointer::Test)
                  : words[2] == "test_or_null" ? std::optional(ErrorPointer::TestOrNull)
                                               : std::nullopt;
      if (!role)
        throw std::invalid_argument("macro hints line " + std::to_string(lineNo) +
                                    ": expected 'errptr NAME make|test|test_or_null'");
      errorPointers_[std::string(words[1])] = *role;
      continue;
    }
    if (words[0] == "assertion") {
      if (words.size() != 2)
        throw std::invalid_argument("macro hints line " + std::to_string(lineNo) +
                                    ": expected 2 words");
      assertions_.insert(std::string(words[1]));
      continue;
    }
    if (words[0] == "releases") {
      if (words.size() != 4 || words[2].empty() || words[2].size() > 2 ||
          words[2].find_first_not_of("0123456789") != npos)
        throw std::invalid_argument("macro hints line " + std::to_string(lineNo) +
                                    ": expected releases NAME ARGUMENT FIELD");
      releases_[std::string(words[1])] =
          "*$" + std::string(words[2]) + "->" + std::string(words[3]);
      continue;
    }
    MacroHint hint;
    hint.kind = parseKind(words[0], lineNo);
    size_t want = hint.kind == HintKind::TypeArg || hint.kind == HintKind::Annotation ? 3 : 2;
    if (words.size() != want)
      throw std::invalid_argument("macro hints line " + std::to_string(lineNo) + ": expected " +
                                  std::to_string(want) + " words");
    hint.name = std::string(words[1]);
    if (hint.kind == HintKind::TypeArg) {
      std::string_view a = words[2];
      if (a.empty() || a.size() > 2 || a.find_first_not_of("0123456789") != npos)
        throw std::invalid_argument("macro hints line " + std::to_string(lineNo) +
                                    ": argument number expected");
      hint.argument = std::stoi(std::string(a));
    }
    if (hint.kind == HintKind::Annotation) {
      std::string_view e = words[2];
      hint.shared = e.size() > 7 && e.substr(e.size() - 7) == "_shared";
      if (hint.shared)
        e.remove_suffix(7);
      using K = LockAnnotation::Kind;
      if (e == "must_hold")
        hint.annotation = K::MustHold;
      else if (e == "acquires")
        hint.annotation = K::Acquires;
      else if (e == "releases")
        hint.annotation = K::Releases;
      else if (e == "cond_acquires")
        hint.annotation = K::CondAcquires;
      else
        throw std::invalid_argument("macro hints line " + std::to_string(lineNo) +
                                    ": unknown annotation '" + std::string(words[2]) + "'");
    }
    if (hint.name.find('*') != std::string::npos) {
      std::string core;
      for (size_t k = 0; k < hint.name.size();) {
        size_t m = hint.name.find('*', k);
        if (m == std::string::npos)
          m = hint.name.size();
        if (m - k > core.size())
          core = hint.name.substr(k, m - k);
        k = m + 1;
      }
      shortestCore_ = std::min(shortestCore_, core.size());
      cores_.push_back(std::move(core));
      patterns_.push_back(std::move(hint));
    } else {
      firstAndLength_[static_cast<unsigned char>(hint.name[0])][std::min<size_t>(
          hint.name.size(), 63)] = true;
      exact_.push_back(std::move(hint));
    }
  }
  for (size_t i = 0; i < exact_.size(); ++i)
    byName_.emplace(exact_[i].name, i);
}

const MacroHints &MacroHints::kernel() {
  static const MacroHints hints(kQuery_kernel_macros);
  return hints;
}

const MacroHint *MacroHints::find(std::string_view word) const {
  if (firstAndLength_[static_cast<unsigned char>(word[0])][std::min<size_t>(word.size(), 63)])
    if (auto it = byName_.find(word); it != byName_.end())
      return &exact_[it->second];
  if (word.size() < shortestCore_)
    return nullptr;
  for (size_t i = 0; i < patterns_.size(); ++i)
    if (word.find(cores_[i]) != npos && globMatch(patterns_[i].name, word))
      return &patterns_[i];
  return nullptr;
}

void preprocess(std::string &text, const MacroHints &hints, std::vector<size_t> *definers,
                std::vector<LockAnnotation> *annotations) {
  Rewriter r(text, hints);
  r.definers = definers;
  r.annotations = annotations;
  r.run();
}

} // namespace lockspec::check
