// C expressions as the checker compares them: canonical text, so that `vma -> vm_mm`,
// `(vma)->vm_mm` and `vma->vm_mm` name the same object.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "ts.h"

namespace lockspec::check {

/// Canonical text of an expression: no whitespace, no redundant parentheses or casts,
/// `&*x` and `*&x` folded, `(&x)->f` written `x.f`.  Anything the checker does not
/// understand keeps its source text minus whitespace.
std::string canonical(ts::Node expr);

/// The same canonicalisation for expression text from the spec (link and path expressions).
std::string canonicalText(std::string_view expr);

/// Replaces the identifier `var` (whole tokens only) in `expr` by `replacement`, bracketing
/// the replacement when it is not a postfix expression ("&init_mm" -> "(&init_mm)").
std::string substitute(std::string_view expr, std::string_view var, std::string_view replacement);

/// The identifier `expr` starts with ("vma" for "vma->vm_mm->mmap_lock"), or "".
std::string_view rootIdentifier(std::string_view expr);

/// True when `expr` is a single identifier.
bool isIdentifier(std::string_view expr);

/// The C literal for "no object": 0, NULL, false.
bool isNullLiteral(std::string_view expr);

/// Calls `fn(word)` on every identifier-like word of `code` in order (a byte scan, no
/// parsing; `word` views `code`); stops and returns true as soon as `fn` does.
/// Identifier bytes ([A-Za-z0-9_]) as a table: anyIdentifier scans every byte of every file.
inline constexpr std::array<bool, 256> kIdentifierByte = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  return t;
}();

template <typename Fn> bool anyIdentifier(std::string_view code, Fn fn) {
  auto ident = [](char c) { return kIdentifierByte[static_cast<unsigned char>(c)]; };
  for (size_t i = 0; i < code.size();) {
    if (!ident(code[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < code.size() && ident(code[j]))
      ++j;
    if (fn(code.substr(i, j - i)))
      return true;
    i = j;
  }
  return false;
}

} // namespace lockspec::check
