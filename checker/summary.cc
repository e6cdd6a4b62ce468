#include "summary.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <unordered_set>

#include "c_expr.h"

namespace lockspec::check {
namespace {

/// `key` split into a `*`/`&` prefix and the rest.
std::pair<std::string_view, std::string_view> splitPrefix(std::string_view key) {
  size_t n = 0;
  while (n < key.size() && (key[n] == '*' || key[n] == '&'))
    ++n;
  return {key.substr(0, n), key.substr(n)};
}

bool isIdentByte(char c) {
  return kIdentifierByte[static_cast<unsigned char>(c)];
}

/// The end of the comment or string/char literal at `i`, or `i` when none starts there:
/// names in them are neither calls nor uses.
size_t skipCommentOrLiteral(std::string_view code, size_t i) {
  if (code.compare(i, 2, "/*") == 0) {
    size_t e = code.find("*/", i + 2);
    return e == std::string_view::npos ? code.size() : e + 2;
  }
  if (code.compare(i, 2, "//") == 0) {
    size_t e = code.find('\n', i);
    return e == std::string_view::npos ? code.size() : e;
  }
  if (code[i] == '"' || code[i] == '\'') {
    char q = code[i++];
    while (i < code.size() && code[i] != q && code[i] != '\n')
      i += code[i] == '\\' ? 2 : 1;
    return std::min(i + 1, code.size());
  }
  return i;
}

/// True when `code` has `->name = name;` somewhere (blanks and comments between the
/// tokens): what a store of a parameter in a parameter's field must look like.  A byte scan
/// that spares most bodies the walk of their statements.
bool mayStoreParam(std::string_view code) {
  size_t i = 0;
  auto blanks = [&] {
    for (;;) {
      while (i < code.size() && (code[i] == ' ' || code[i] == '\t' || code[i] == '\n' ||
                                 code[i] == '\r' || code[i] == '\f' || code[i] == '\v'))
        ++i;
      if (i + 1 < code.size() && code[i] == '/' && (code[i + 1] == '*' || code[i + 1] == '/')) {
        size_t e = skipCommentOrLiteral(code, i);
        if (e == i)
          return;
        i = e;
        continue;
      }
      return;
    }
  };
  auto name = [&] {
    size_t b = i;
    while (i < code.size() && isIdentByte(code[i]))
      ++i;
    return i > b;
  };
  for (size_t at = code.find("->"); at != std::string_view::npos; at = code.find("->", at + 2)) {
    i = at + 2;
    blanks();
    if (!name())
      continue;
    blanks();
    if (i + 1 >= code.size() || code[i] != '=' || code[i + 1] == '=')
      continue;
    ++i;
    blanks();
    if (!name())
      continue;
    blanks();
    if (i < code.size() && code[i] == ';')
      return true;
  }
  return false;
}

} // namespace

std::vector<std::pair<std::string, std::string>>
paramStores(ts::Node body, const std::vector<std::string> &params) {
  std::vector<std::pair<std::string, std::string>> out;
  if (body.isNull() || !mayStoreParam(body.text()))
    return out;
  auto param = [&](ts::Node n) {
    return std::string_view(n.type()) == "identifier" &&
           std::find(params.begin(), params.end(), n.text()) != params.end();
  };
  for (const ts::Node &stmt : body.namedChildren()) {
    if (std::string_view(stmt.type()) != "expression_statement" || stmt.namedChildCount() != 1)
      continue;
    ts::Node e = stmt.namedChild(0);
    if (std::string_view(e.type()) != "assignment_expression")
      continue;
    ts::Node left = e.child("left"), right = e.child("right");
    bool plain = e.child("operator").text() == "=";
    if (!plain || std::string_view(left.type()) != "field_expression" || !param(right) ||
        !param(left.child("argument")))
      continue;
    std::pair<std::string, std::string> store{
        toParams(std::string(left.child("argument").text()) + "->" +
                     std::string(left.child("field").text()),
                 params),
        toParams(right.text(), params)};
    if (std::find(out.begin(), out.end(), store) == out.end())
      out.push_back(std::move(store));
  }
  return out;
}

std::string toParams(std::string_view key, const std::vector<std::string> &params,
                     std::string_view returned) {
  if (key.empty())
    return "";
  auto [prefix, rest] = splitPrefix(key);
  if (!returned.empty()) {
    auto [rp, rr] = splitPrefix(returned);
    if (rp.empty() && rest == rr)
      return std::string(prefix) + "$ret";
  }
  std::string_view root = rootIdentifier(rest);
  if (root.empty())
    return "";
  size_t at = static_cast<size_t>(root.data() - rest.data()); // after `(*` in `(*vmap)->f`
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i] == root)
      return std::string(prefix) + std::string(rest.substr(0, at)) + "$" + std::to_string(i) +
             std::string(rest.substr(at + root.size()));
  return "";
}

std::string fromParams(std::string_view key, const std::vector<std::string> &args,
                       std::string_view result) {
  auto [prefix, rest] = splitPrefix(key);
  // `(*$i)->f`: a field of what a pointer parameter points at (`*vmap = vma;` handed back
  // a VMA); with `&x` passed it is `x->f`.
  if (prefix.empty() && rest.rfind("(*$", 0) == 0) {
    size_t close = rest.find(')');
    std::string inner = close == std::string_view::npos
                            ? ""
                            : fromParams(rest.substr(2, close - 2), args, result);
    if (inner.empty())
      return "";
    std::string tail(rest.substr(close + 1));
    if (inner.size() > 1 && inner[0] == '&' &&
        std::all_of(inner.begin() + 1, inner.end(), isIdentByte))
      return inner.substr(1) + tail;
    return "(*" + inner + ")" + tail;
  }
  if (rest.empty() || rest[0] != '$')
    return std::string(key);
  size_t end = 1;
  while (end < rest.size() && isIdentByte(rest[end]))
    ++end;
  std::string_view var = rest.substr(1, end - 1);
  std::string replacement;
  if (var == "ret")
    replacement = std::string(result);
  else {
    size_t i = 0;
    for (char c : var) {
      if (c < '0' || c > '9')
        return "";
      i = i * 10 + static_cast<size_t>(c - '0');
    }
    if (var.empty() || i >= args.size())
      return "";
    replacement = args[i];
  }
  if (replacement.empty())
    return "";
  std::string tail(rest.substr(end));
  // `&x` with `->f`: written `x.f`, as canonical() writes `(&x)->f`.
  if (replacement.size() > 1 && replacement[0] == '&' && tail.rfind("->", 0) == 0 &&
      std::all_of(replacement.begin() + 1, replacement.end(), isIdentByte))
    return std::string(prefix) + replacement.substr(1) + "." + tail.substr(2);
  // A postfix tail on a non-postfix argument needs brackets: `(a + b)->x`.
  bool postfix = std::all_of(replacement.begin(), replacement.end(), [](char c) {
    return isIdentByte(c) || c == '-' || c == '>' || c == '.' || c == '[' || c == ']';
  });
  if (!tail.empty() && !postfix)
    replacement = "(" + replacement + ")";
  std::string out = replacement + tail;
  if (prefix.empty())
    return out;
  // `*&x` folds to `x`, `&*x` to `x`.
  if (prefix.size() == 1 && out.size() > 1 && (out[0] == '&' || out[0] == '*') &&
      out[0] != prefix[0])
    return out.substr(1);
  return std::string(prefix) + out;
}

ReturnClass classifyReturn(std::string_view e) {
  while (!e.empty() && e.front() == '(' && e.back() == ')')
    e = e.substr(1, e.size() - 2);
  if (e.empty())
    return ReturnClass::Void;
  if (isNullLiteral(e) || e == "0UL" || e == "0L")
    return ReturnClass::Zero;
  if (e == "true" || (e.size() > 1 && e[0] == '-' && (e[1] == 'E' || (e[1] >= '0' && e[1] <= '9'))))
    return ReturnClass::Nonzero;
  if (e[0] >= '1' && e[0] <= '9')
    return ReturnClass::Nonzero;
  if (e.rfind("VM_FAULT_", 0) == 0)
    return ReturnClass::Nonzero;
  if (size_t paren = e.find('('); paren != std::string_view::npos) {
    const MacroHints::ErrorPointer *role = MacroHints::kernel().errorPointer(e.substr(0, paren));
    if (role && *role == MacroHints::ErrorPointer::Make)
      return ReturnClass::Error;
  }
  return ReturnClass::Unknown;
}

bool holdEffect(const std::vector<ReturnHold> &at, Effect::Kind &kind, bool &nonzero) {
  if (at.empty())
    return false;
  bool all = true, anyMay = false;
  for (const ReturnHold &r : at) {
    all &= r.hold == ReturnHold::Hold::Yes;
    anyMay |= r.hold == ReturnHold::Hold::May;
  }
  if (all) {
    kind = Effect::Kind::Acquire;
    return true;
  }
  if (anyMay)
    return false;
  // Held exactly where the result is nonzero (or exactly where it is zero).
  for (bool nz : {true, false}) {
    bool ok = true, someHeld = false, someNot = false;
    for (const ReturnHold &r : at) {
      bool held = r.hold == ReturnHold::Hold::Yes;
      someHeld |= held;
      someNot |= !held;
      if (r.cls == ReturnClass::Void) {
        ok = false;
        break;
      }
      // An error pointer is a failed result, as NULL is: a hold that comes with a valid
      // pointer is not held with one.
      bool isNonzero = r.cls != ReturnClass::Zero && r.cls != ReturnClass::Error;
      if (r.cls == ReturnClass::Unknown && held && r.heldWhenZero) {
        ok = false; // held where the pointer returned may be NULL, or not
        break;
      }
      if (r.cls == ReturnClass::Unknown && !held && nz)
        continue; // `return ret;` on a failure path: ret is the error.
      if (r.cls == ReturnClass::Unknown && held && !nz && !r.maybeNonzero)
        continue;
      if (held != (isNonzero == nz)) {
        ok = false;
        break;
      }
    }
    if (ok && someHeld && someNot) {
      kind = Effect::Kind::HeldIf;
      nonzero = nz;
      return true;
    }
  }
  return false;
}

bool onlyReturnsZero(std::string_view body) {
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  constexpr std::string_view kw = "return";
  bool any = false;
  for (size_t at = body.find(kw); at != std::string_view::npos; at = body.find(kw, at + 1)) {
    size_t after = at + kw.size();
    if ((at > 0 && ident(body[at - 1])) || (after < body.size() && ident(body[after])))
      continue;
    size_t semi = body.find(';', after);
    if (semi == std::string_view::npos)
      return false;
    std::string_view e = body.substr(after, semi - after);
    while (!e.empty() && std::isspace(static_cast<unsigned char>(e.front())))
      e.remove_prefix(1);
    while (!e.empty() && std::isspace(static_cast<unsigned char>(e.back())))
      e.remove_suffix(1);
    if (classifyReturn(e) != ReturnClass::Zero)
      return false;
    any = true;
  }
  return any;
}

std::vector<std::string_view> calledNames(std::string_view code) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < code.size();) {
    if (code[i] == '/' || code[i] == '"' || code[i] == '\'') {
      size_t e = skipCommentOrLiteral(code, i);
      i = e == i ? i + 1 : e;
      continue;
    }
    if (!isIdentByte(code[i]) || (code[i] >= '0' && code[i] <= '9')) {
      // Skip a number whole (`0x1f(`is not a call).
      if (code[i] >= '0' && code[i] <= '9')
        while (i < code.size() && isIdentByte(code[i]))
          ++i;
      else
        ++i;
      continue;
    }
    size_t j = i;
    while (j < code.size() && isIdentByte(code[j]))
      ++j;
    size_t k = j;
    while (k < code.size() && (code[k] == ' ' || code[k] == '\t'))
      ++k;
    bool member =
        i >= 1 && (code[i - 1] == '.' || (i >= 2 && code[i - 1] == '>' && code[i - 2] == '-'));
    std::string_view name = code.substr(i, j - i);
    bool keyword = name == "if" || name == "while" || name == "for" || name == "switch" ||
                   name == "return" || name == "sizeof" || name == "typeof" || name == "do";
    if (k < code.size() && code[k] == '(' && !member && !keyword)
      out.push_back(name);
    i = j;
  }
  return out;
}

std::unordered_set<std::string> assignedFields(std::string_view code) {
  std::unordered_set<std::string> out;
  auto blank = [&](size_t k) { return code[k] == ' ' || code[k] == '\t' || code[k] == '\n'; };
  // The last field of the member chain starting at `p` (`a->b.c`: "c"), or "" when it
  // names no member.
  auto lastField = [&](size_t p) -> std::string_view {
    bool member = false;
    for (;;) {
      while (p < code.size() && (code[p] == ' ' || code[p] == '('))
        ++p;
      size_t e = p;
      while (e < code.size() && isIdentByte(code[e]))
        ++e;
      if (e == p)
        return {};
      std::string_view name = code.substr(p, e - p);
      while (e < code.size() && (code[e] == ')' || code[e] == ' '))
        ++e;
      if (e + 1 < code.size() && code[e] == '-' && code[e + 1] == '>')
        p = e + 2;
      else if (e < code.size() && code[e] == '.')
        p = e + 1;
      else
        return member ? name : std::string_view();
      member = true;
    }
  };
  for (size_t i = 0; i < code.size();) {
    if (code[i] == '/' || code[i] == '"' || code[i] == '\'') {
      size_t e = skipCommentOrLiteral(code, i);
      i = e == i ? i + 1 : e;
      continue;
    }
    if (!isIdentByte(code[i])) {
      // `&x->f` (an address another function may write through), `++x->f`, `--x.f`.
      bool prefix = i + 1 < code.size() && ((code[i] == '+' && code[i + 1] == '+') ||
                                            (code[i] == '-' && code[i + 1] == '-'));
      bool address = false;
      if (code[i] == '&' && i + 1 < code.size() && code[i + 1] != '&' &&
          (i == 0 || code[i - 1] != '&')) {
        size_t b = i;
        while (b > 0 && blank(b - 1))
          --b;
        address = b == 0 || std::string_view("(,=").find(code[b - 1]) != std::string_view::npos;
      }
      if (prefix || address)
        if (std::string_view f = lastField(i + (prefix ? 2 : 1)); !f.empty())
          out.emplace(f);
      ++i;
      continue;
    }
    size_t j = i;
    while (j < code.size() && isIdentByte(code[j]))
      ++j;
    bool arrow = i >= 2 && code[i - 1] == '>' && code[i - 2] == '-';
    bool dot = i >= 1 && code[i - 1] == '.';
    if (dot) {
      // `.f` after an expression, not a designator after `{` or `,`.
      size_t b = i - 1;
      while (b > 0 && blank(b - 1))
        --b;
      dot = b > 0 && (isIdentByte(code[b - 1]) || code[b - 1] == ')' || code[b - 1] == ']');
    }
    if (arrow || dot) {
      size_t k = j;
      while (k < code.size() && blank(k))
        ++k;
      bool assigned = false;
      if (k + 1 < code.size() && ((code[k] == '+' && code[k + 1] == '+') ||
                                  (code[k] == '-' && code[k + 1] == '-')))
        assigned = true;
      else if (k < code.size() && code[k] == '=')
        assigned = k + 1 >= code.size() || code[k + 1] != '=';
      else if (k + 1 < code.size() && code[k + 1] == '=' &&
               std::string_view("+-*/%&|^").find(code[k]) != std::string_view::npos)
        assigned = true;
      else if (k + 2 < code.size() && code[k + 2] == '=' &&
               (code.substr(k, 2) == "<<" || code.substr(k, 2) == ">>"))
        assigned = true;
      if (assigned)
        out.emplace(code.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

std::vector<std::string> addressTaken(std::string_view code,
                                      const std::unordered_set<std::string_view> &names) {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;
  // Names by first byte and length (lengths from 63 share a slot): most identifiers of a
  // file are no function's, and one table load tells so without hashing them.
  std::vector<std::array<bool, 64>> firstAndLength(256);
  for (std::string_view n : names)
    if (!n.empty())
      firstAndLength[static_cast<unsigned char>(n[0])][std::min<size_t>(n.size(), 63)] = true;
  for (size_t i = 0; i < code.size();) {
    // Comments and literals name functions without taking their address.
    if (code[i] == '/' || code[i] == '"' || code[i] == '\'') {
      size_t e = skipCommentOrLiteral(code, i);
      i = e == i ? i + 1 : e;
      continue;
    }
    if (!isIdentByte(code[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < code.size() && isIdentByte(code[j]))
      ++j;
    std::string_view name = code.substr(i, j - i);
    if (!firstAndLength[static_cast<unsigned char>(name[0])][std::min<size_t>(name.size(), 63)]) {
      i = j;
      continue;
    }
    size_t k = j;
    while (k < code.size() && (code[k] == ' ' || code[k] == '\t' || code[k] == '\n'))
      ++k;
    bool call = k < code.size() && code[k] == '(';
    bool member =
        i >= 1 && (code[i - 1] == '.' || (i >= 2 && code[i - 1] == '>' && code[i - 2] == '-'));
    if (!call && !member && names.count(name) && !seen.count(name)) {
      size_t b = i;
      while (b > 0 && (code[b - 1] == ' ' || code[b - 1] == '('))
        --b;
      size_t w = b;
      while (w > 0 && isIdentByte(code[w - 1]))
        --w;
      // `struct vma_prepare vp;` names a type that shares the function's name.
      size_t t = i;
      while (t > 0 && (code[t - 1] == ' ' || code[t - 1] == '\t' || code[t - 1] == '\n'))
        --t;
      size_t tw = t;
      while (tw > 0 && isIdentByte(code[tw - 1]))
        --tw;
      std::string_view before = code.substr(tw, t - tw);
      bool tag = before == "struct" || before == "union" || before == "enum";
      if (!tag && code.substr(w, b - w).rfind("EXPORT_SYMBOL", 0) != 0) {
        seen.insert(name);
        out.emplace_back(name);
      }
    }
    i = j;
  }
  return out;
}

std::vector<std::vector<uint32_t>> bottomUp(const std::vector<std::vector<uint32_t>> &succ) {
  // Tarjan's algorithm, iterative: components come out callees first.
  uint32_t n = static_cast<uint32_t>(succ.size()), counter = 0;
  std::vector<uint32_t> index(n, UINT32_MAX), low(n, 0);
  std::vector<char> onStack(n, 0);
  std::vector<uint32_t> stack;
  std::vector<std::vector<uint32_t>> out;
  struct Frame {
    uint32_t v;
    size_t next;
  };
  for (uint32_t root = 0; root < n; ++root) {
    if (index[root] != UINT32_MAX)
      continue;
    std::vector<Frame> frames{{root, 0}};
    index[root] = low[root] = counter++;
    stack.push_back(root);
    onStack[root] = 1;
    while (!frames.empty()) {
      Frame &f = frames.back();
      if (f.next < succ[f.v].size()) {
        uint32_t w = succ[f.v][f.next++];
        if (index[w] == UINT32_MAX) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          onStack[w] = 1;
          frames.push_back({w, 0});
        } else if (onStack[w])
          low[f.v] = std::min(low[f.v], index[w]);
        continue;
      }
      uint32_t v = f.v;
      frames.pop_back();
      if (!frames.empty())
        low[frames.back().v] = std::min(low[frames.back().v], low[v]);
      if (low[v] == index[v]) {
        std::vector<uint32_t> comp;
        uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          onStack[w] = 0;
          comp.push_back(w);
        } while (w != v);
        std::sort(comp.begin(), comp.end());
        out.push_back(std::move(comp));
      }
    }
  }
  return out;
}

} // namespace lockspec::check
