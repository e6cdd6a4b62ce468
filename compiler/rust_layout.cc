// The layout rustfmt gives the generated crate (with its rustfmt.toml: 100 columns, the
// "Max" width heuristics), applied to the emitted text: a bracketed list joins onto one line
// when it fits, and an impl header that does not fit breaks before `for`.
#include <cctype>
#include <string>
#include <vector>

#include "rust_impl.h"

namespace lockspec::rust {
namespace {

constexpr size_t kWidth = 100;

size_t indentOf(const std::string &line) {
  size_t i = 0;
  while (i < line.size() && line[i] == ' ')
    ++i;
  return i;
}

std::string trim(const std::string &s) {
  size_t b = indentOf(s);
  size_t e = s.size();
  while (e > b && s[e - 1] == ' ')
    --e;
  return s.substr(b, e - b);
}

bool endsWith(const std::string &s, const std::string &tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool comment(const std::string &line) { return trim(line).rfind("//", 0) == 0; }

/// A struct literal's opening line: `Self {`, `let x = Foo {` (a capitalised path).
bool structLiteral(const std::string &line) {
  std::string t = trim(line);
  if (!endsWith(t, " {"))
    return false;
  if (t.rfind("let ", 0) == 0 && t.find(" = ") != std::string::npos)
    t = t.substr(t.find(" = ") + 3);
  t = t.substr(0, t.size() - 2);
  if (t.empty() || !std::isupper(static_cast<unsigned char>(t[0])))
    return false;
  for (char c : t)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != ':')
      return false;
  return true;
}

/// One pass joining `(`/`[` lists and struct literals whose items are single lines; true
/// when it changed any.
bool joinLists(std::vector<std::string> &lines) {
  bool changed = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string &open = lines[i];
    bool literal = structLiteral(open);
    if (comment(open) || !(endsWith(open, "(") || endsWith(open, "[") || literal))
      continue;
    size_t ind = indentOf(open);
    char closer = open.back() == '(' ? ')' : open.back() == '[' ? ']' : '}';
    size_t j = i + 1;
    std::vector<std::string> items;
    bool ok = true;
    for (; j < lines.size(); ++j) {
      const std::string &l = lines[j];
      if (indentOf(l) == ind && !trim(l).empty() && trim(l)[0] == closer)
        break;
      std::string t = trim(l);
      if (indentOf(l) != ind + 4 || comment(l) || t.empty() || endsWith(t, "(") ||
          endsWith(t, "[") || endsWith(t, "{")) {
        ok = false;
        break;
      }
      if (endsWith(t, ","))
        t.pop_back();
      items.push_back(t);
    }
    if (!ok || j >= lines.size() || items.empty())
      continue;
    std::string joined = literal ? open + " " + join(items, ", ") + " " + trim(lines[j])
                                 : open + join(items, ", ") + trim(lines[j]);
    if (joined.size() > kWidth)
      continue;
    lines[i] = joined;
    lines.erase(lines.begin() + static_cast<long>(i) + 1, lines.begin() + static_cast<long>(j) + 1);
    changed = true;
  }
  return changed;
}

/// Splits a tuple type `(A, B)` at its top-level commas.
std::vector<std::string> tupleItems(const std::string &t) {
  std::vector<std::string> out;
  int depth = 0;
  std::string cur;
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    char c = t[i];
    if (c == '(' || c == '<' || c == '[')
      ++depth;
    if (c == ')' || c == '>' || c == ']')
      --depth;
    if (c == ',' && depth == 0) {
      out.push_back(trim(cur));
      cur.clear();
      continue;
    }
    cur += c;
  }
  out.push_back(trim(cur));
  return out;
}

/// `impl<..> Trait for Type {` too long for a line: `for Type` on the next, `{` on its own.
void breakImpls(std::vector<std::string> &lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string &l = lines[i];
    if (l.rfind("impl", 0) != 0 && l.rfind("unsafe impl", 0) != 0)
      continue;
    // rustfmt measures an empty impl without its closing brace.
    if (l.size() - (endsWith(l, " {}") ? 1 : 0) <= kWidth)
      continue;
    size_t at = l.find(" for ");
    if (at == std::string::npos)
      continue;
    bool empty = endsWith(l, " {}");
    std::string head = l.substr(0, at);
    std::string type = l.substr(at + 5, l.size() - at - 5 - (empty ? 3 : 2));
    std::vector<std::string> out{head};
    if (4 + 4 + type.size() <= kWidth || type.empty() || type[0] != '(') {
      out.push_back("    for " + type);
    } else {
      out.push_back("    for (");
      for (const std::string &item : tupleItems(type))
        out.push_back("        " + item + ",");
      out.push_back("    )");
    }
    out.push_back("{");
    if (empty)
      out.push_back("}");
    lines.erase(lines.begin() + static_cast<long>(i));
    lines.insert(lines.begin() + static_cast<long>(i), out.begin(), out.end());
    i += out.size() - 1;
  }
}

} // namespace

std::string layout(const std::string &text) {
  std::vector<std::string> lines = split(text, '\n');
  while (joinLists(lines)) {
  }
  breakImpls(lines);
  // No blank line before a closing brace.
  std::vector<std::string> out;
  for (const std::string &l : lines) {
    if (!out.empty() && out.back().empty() && !trim(l).empty() && trim(l)[0] == '}')
      out.pop_back();
    out.push_back(l);
  }
  while (!out.empty() && out.back().empty())
    out.pop_back();
  return join(out, "\n") + "\n";
}

} // namespace lockspec::rust
