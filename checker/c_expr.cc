#include "c_expr.h"

#include <algorithm>
#include <cstring>

namespace lockspec::check {
namespace {

bool isIdentChar(char c) {
  return kIdentifierByte[static_cast<unsigned char>(c)];
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string stripSpace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (isSpace(c)) {
      // Keep one space only where two identifier characters would otherwise merge.
      if (!out.empty() && isIdentChar(out.back()) && i + 1 < text.size() &&
          isIdentChar(text[i + 1]))
        out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

/// "(&x)->f" -> "x.f", "&*x" / "*&x" -> "x", "(x)" -> "x" when x is postfix.
std::string fold(std::string s) {
  for (bool changed = true; changed;) {
    changed = false;
    if (s.size() >= 2 && (s.rfind("&*", 0) == 0 || s.rfind("*&", 0) == 0)) {
      s.erase(0, 2);
      changed = true;
    }
    if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
      // Only when the outer parentheses enclose everything.
      int depth = 0;
      bool outer = true;
      for (size_t i = 0; i < s.size(); ++i) {
        depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
        if (depth == 0 && i + 1 < s.size()) {
          outer = false;
          break;
        }
      }
      if (outer) {
        s = s.substr(1, s.size() - 2);
        changed = true;
      }
    }
  }
  return s;
}

bool isPostfix(std::string_view s) {
  if (s.empty())
    return false;
  int depth = 0;
  for (char c : s) {
    if (c == '(' || c == '[')
      ++depth;
    else if (c == ')' || c == ']')
      --depth;
    else if (depth == 0 && !isIdentChar(c) && c != '-' && c != '>' && c != '.')
      return false;
  }
  // "a-b" is not postfix; "a->b" is.
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] == '-' && (i + 1 >= s.size() || s[i + 1] != '>'))
      return false;
  return true;
}

} // namespace

std::string canonical(ts::Node expr) {
  if (expr.isNull())
    return "";
  std::string_view type = expr.type();
  if (type == "parenthesized_expression" && expr.namedChildCount() == 1)
    return canonical(expr.namedChild(0));
  if (type == "cast_expression")
    return canonical(expr.child("value"));
  if (type == "field_expression") {
    std::string base = canonical(expr.child("argument"));
    std::string_view op = expr.child("operator").text() == "." ? "." : "->";
    std::string field(expr.child("field").text());
    if (op == "->" && base.size() > 1 && base[0] == '&' && isPostfix(base.substr(1)))
      return base.substr(1) + "." + field;
    if (!isPostfix(base))
      base = "(" + base + ")";
    return base + std::string(op) + field;
  }
  if (type == "pointer_expression") {
    std::string arg = canonical(expr.child("argument"));
    std::string_view op = expr.child("operator").text();
    if (op == "*" && arg.size() > 1 && arg[0] == '&')
      return arg.substr(1);
    if (op == "&" && arg.size() > 1 && arg[0] == '*')
      return arg.substr(1);
    if (!isPostfix(arg))
      arg = "(" + arg + ")";
    return std::string(op) + arg;
  }
  return canonicalText(expr.text());
}

std::string canonicalText(std::string_view expr) {
  // Most expressions are written canonically already (`vma->vm_mm`, `ptl`): no blank to
  // strip and nothing at either end for fold() to take away.
  bool blank = std::any_of(expr.begin(), expr.end(), isSpace);
  bool foldable = expr.size() >= 2 && (expr.substr(0, 2) == "&*" || expr.substr(0, 2) == "*&" ||
                                       (expr.front() == '(' && expr.back() == ')'));
  if (!blank && !foldable)
    return std::string(expr);
  return fold(stripSpace(expr));
}

std::string substitute(std::string_view expr, std::string_view var, std::string_view replacement) {
  std::string repl(replacement);
  if (!isPostfix(repl))
    repl = "(" + repl + ")";
  std::string out;
  for (size_t i = 0; i < expr.size();) {
    if (isIdentChar(expr[i]) && (i == 0 || !isIdentChar(expr[i - 1]))) {
      size_t j = i;
      while (j < expr.size() && isIdentChar(expr[j]))
        ++j;
      std::string_view word = expr.substr(i, j - i);
      // A member name after -> or . is not the variable.
      bool member = i >= 1 && (expr[i - 1] == '.' || (i >= 2 && expr.substr(i - 2, 2) == "->"));
      out += (word == var && !member) ? repl : std::string(word);
      i = j;
    } else {
      out += expr[i++];
    }
  }
  return canonicalText(out);
}

std::string_view rootIdentifier(std::string_view expr) {
  size_t i = 0;
  while (i < expr.size() && (expr[i] == '&' || expr[i] == '*' || expr[i] == '('))
    ++i;
  size_t j = i;
  while (j < expr.size() && isIdentChar(expr[j]))
    ++j;
  if (j == i || std::isdigit(static_cast<unsigned char>(expr[i])))
    return {};
  return expr.substr(i, j - i);
}

bool isIdentifier(std::string_view expr) {
  if (expr.empty() || std::isdigit(static_cast<unsigned char>(expr[0])))
    return false;
  for (char c : expr)
    if (!isIdentChar(c))
      return false;
  return true;
}

bool isNullLiteral(std::string_view expr) {
  std::string s = canonicalText(expr);
  return s == "0" || s == "NULL" || s == "false" || s == "((void*)0)" || s == "(void*)0";
}

} // namespace lockspec::check
