// What the checker does instead of a preprocessor: macro hints (kernel_macros.hints) and one
// branch of each conditional inside code, applied to the text before tree-sitter parses it.
//
// Every rewrite keeps the byte count and every newline, so spans into the rewritten text are
// spans into the file as written: lines, columns and carets stay exact.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lockspec::check {

/// The kinds of kernel_macros.hints.
enum class HintKind {
  Attribute,
  AttributeArgs,
  Iterator,
  TypeArg,
  Definer,
  Declarer,
  Scoped,
  Annotation, ///< A lock annotation (`__must_hold(x)`): blanked, and recorded for the checker.
};

/// A function's lock annotation, as compiler-context-analysis.h defines them.
struct LockAnnotation {
  enum class Kind { MustHold, Acquires, Releases, CondAcquires };
  Kind kind = Kind::MustHold;
  bool shared = false; ///< The `_shared` variant: the lock's shared mode.
  std::string lock;    ///< The lock expression as written (`&mm->mmap_lock`, `vmf->ptl`).
  std::string result;  ///< CondAcquires: the result that says it is held (`true`, `0`, ...).
  uint32_t offset = 0; ///< Where the annotation starts in the file.
};

/// One line of a hints file.  `name` may contain `*` (any run of identifier characters).
struct MacroHint {
  HintKind kind = HintKind::Attribute;
  std::string name;
  int argument = 0; ///< TypeArg: which argument (from 0) is a type.
  LockAnnotation::Kind annotation = LockAnnotation::Kind::MustHold; ///< Annotation: which.
  bool shared = false;                                              ///< Annotation: `_shared`.
};

/// A parsed hints file, looked up by identifier.
class MacroHints {
public:
  /// Parses `text` (the format is described in kernel_macros.hints).  Throws
  /// std::invalid_argument naming the line on a malformed one: the file is built in.
  explicit MacroHints(std::string_view text);
  MacroHints(const MacroHints &) = delete; // byName_ views the names of exact_
  MacroHints &operator=(const MacroHints &) = delete;
  /// The built-in hints (checker/kernel_macros.hints, embedded at build time).
  static const MacroHints &kernel();
  /// The hint for identifier `word`, or null.  Exact names win over patterns.
  const MacroHint *find(std::string_view word) const;
  /// The lock function a cleanup.h guard class takes (`guard(rcu)()` takes rcu_read_lock),
  /// or null.  Guards are not rewritten: the checker reads them.
  const std::string *guardLock(std::string_view guard) const {
    auto it = guards_.find(std::string(guard));
    return it == guards_.end() ? nullptr : &it->second;
  }

  /// What an `errptr` line says a macro of include/linux/err.h does with a pointer.
  enum class ErrorPointer {
    Make,       ///< `ERR_PTR(e)`: a nonzero pointer that is an error code, no object.
    Test,       ///< `IS_ERR(p)`: true when p is an error pointer.
    TestOrNull, ///< `IS_ERR_OR_NULL(p)`: true when p is NULL or an error pointer.
  };
  /// The role of an error-pointer macro, or null.  Not rewritten: the checker reads them.
  const ErrorPointer *errorPointer(std::string_view name) const {
    auto it = errorPointers_.find(std::string(name));
    return it == errorPointers_.end() ? nullptr : &it->second;
  }
  /// True for an `assertion` macro (`BUG_ON(cond)`, `WARN_ON(cond)`): the kernel stops or
  /// warns when its first argument is true, so as a statement it says the code after it
  /// runs where the argument is false.  Not rewritten: the checker reads them.
  bool assertion(std::string_view name) const {
    return assertions_.count(std::string(name)) != 0;
  }
  /// A macro that releases the lock a field of one of its arguments points at
  /// (`folio_walk_end(fw, vma)` is `spin_unlock(fw->ptl)` and more), as the key of that lock
  /// in a summary's terms (`*$0->ptl`), or null.
  const std::string *releasesThrough(std::string_view name) const {
    auto it = releases_.find(std::string(name));
    return it == releases_.end() ? nullptr : &it->second;
  }
  /// True when `text` contains the name of such a macro (a few names: one search each).
  bool mentionsReleaser(std::string_view text) const {
    for (const auto &[name, key] : releases_)
      if (text.find(name) != std::string_view::npos)
        return true;
    return false;
  }

  /// The function a header inline of that name calls with its own arguments, under a test
  /// of them the checker does not see (`inline` hints), or null.  Not rewritten: a call
  /// to the inline is analysed as a call to that function.
  const std::string *inlineTarget(std::string_view name) const {
    auto it = inlines_.find(std::string(name));
    return it == inlines_.end() ? nullptr : &it->second;
  }

private:
  std::unordered_map<std::string, std::string> guards_, releases_;
  std::unordered_map<std::string, ErrorPointer> errorPointers_;
  std::unordered_set<std::string> assertions_;
  std::unordered_map<std::string, std::string> inlines_;
  std::vector<MacroHint> exact_, patterns_;
  /// Per pattern, its longest run without `*`: a word that lacks it cannot match.
  std::vector<std::string> cores_;
  size_t shortestCore_ = SIZE_MAX; ///< A shorter word matches no pattern.
  /// Exact names by first byte and length (lengths from 64 share a slot), so most
  /// identifiers are rejected by one table load.
  bool firstAndLength_[256][64] = {};
  std::unordered_map<std::string_view, size_t> byName_; ///< Index into exact_.
};

/// Rewrites `text` in place as described above:
/// * each hint is applied where it fits (see kernel_macros.hints);
/// * a conditional group (`#if`/`#ifdef`/`#ifndef` ... `#endif`) between file-level items whose
///   branches each balance their braces is left to tree-sitter (each branch may hold whole
///   definitions); any other one (inside a function or an initializer, or one that opens a
///   function in each branch) keeps one branch, the first whose condition is not literally 0,
///   and its directive lines and the other branches become blanks;
/// * other directives (`#define`, `#undef`, ...) inside braces become blanks.
/// `definers`, when given, receives the offset of each definer rewrite (a SYSCALL_DEFINEn
/// definition now starting `long`).
/// `annotations`, when given, receives each lock annotation blanked, in file order.
void preprocess(std::string &text, const MacroHints &hints, std::vector<size_t> *definers = nullptr,
                std::vector<LockAnnotation> *annotations = nullptr);

} // namespace lockspec::check
