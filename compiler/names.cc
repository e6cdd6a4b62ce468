#include "names.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace lockspec {

namespace {

/// C++20 keywords and alternative tokens (the standard's [lex.key] and [lex.digraph]).
constexpr std::string_view kCxxKeywords[] = {
    "alignas",  "alignof",      "and",        "and_eq",    "asm",       "auto",
    "bitand",   "bitor",        "bool",       "break",     "case",      "catch",
    "char",     "char8_t",      "char16_t",   "char32_t",  "class",     "compl",
    "concept",  "const",        "consteval",  "constexpr", "constinit", "const_cast",
    "continue", "co_await",     "co_return",  "co_yield",  "decltype",  "default",
    "delete",   "do",           "double",     "dynamic_cast", "else",   "enum",
    "explicit", "export",       "extern",     "false",     "float",     "for",
    "friend",   "goto",         "if",         "inline",    "int",       "long",
    "mutable",  "namespace",    "new",        "noexcept",  "not",       "not_eq",
    "nullptr",  "operator",     "or",         "or_eq",     "private",   "protected",
    "public",   "register",     "reinterpret_cast", "requires", "return", "short",
    "signed",   "sizeof",       "static",     "static_assert", "static_cast", "struct",
    "switch",   "template",     "this",       "thread_local", "throw",  "true",
    "try",      "typedef",      "typeid",     "typename",  "union",     "unsigned",
    "using",    "virtual",      "void",       "volatile",  "wchar_t",   "while",
    "xor",      "xor_eq",
};

/// Rust keywords, strict and reserved (the Reference, "Keywords", editions up to 2024).
constexpr std::string_view kRustKeywords[] = {
    "abstract", "as",     "async", "await", "become", "box",     "break", "const",  "continue",
    "crate",    "do",     "dyn",   "else",  "enum",   "extern",  "false", "final",  "fn",
    "for",      "gen",    "if",    "impl",  "in",     "let",     "loop",  "macro",  "match",
    "mod",      "move",   "mut",   "override", "priv", "pub",    "ref",   "return", "self",
    "Self",     "static", "struct", "super", "trait", "true",    "try",   "type",   "typeof",
    "unsafe",   "unsized", "use",  "virtual", "where", "while",  "yield",
};

template <size_t N> bool among(const std::string_view (&words)[N], std::string_view name) {
  return std::find(std::begin(words), std::end(words), name) != std::end(words);
}

} // namespace

std::string reservedNameReason(std::string_view what, std::string_view name) {
  std::string head = "'" + std::string(name) + "' cannot name " + std::string(what) + ": ";
  if (among(kCxxKeywords, name))
    return head + "it is a C++ keyword";
  if (among(kRustKeywords, name))
    return head + "it is a Rust keyword";
  // Names with a double underscore stay allowed: kernel fields have them (__vm_flags), and the
  // backends only use field names inside longer identifiers.
  if (name.size() >= 2 && name[0] == '_' && name[1] >= 'A' && name[1] <= 'Z')
    return head + "C++ reserves names that start with '_' and a capital letter";
  if (name == "index" && (what == "an operation" || what == "a topic"))
    return head + "its docs page would replace the section's index page";
  return "";
}

namespace {

/// Walks the declarations and collects each refused name, where it is declared.
class NameChecker {
public:
  void check(std::string_view what, const ast::Name &name) {
    if (name.text.empty())
      return;
    std::string reason = reservedNameReason(what, name.text);
    if (!reason.empty())
      found_.push_back({name.span, std::move(reason)});
  }

  /// Reports what was found in source order, as a reader meets it.
  void report(Diagnostics &diags) {
    std::stable_sort(found_.begin(), found_.end(), [](const auto &a, const auto &b) {
      return a.first.file != b.first.file ? a.first.file < b.first.file
                                          : a.first.begin < b.first.begin;
    });
    for (auto &[span, reason] : found_)
      diags.error(span, std::move(reason));
  }

  void expr(const ast::Expr *e) {
    if (!e)
      return;
    if (e->extras)
      for (const ast::Name &label : e->extras->labels)
        check("a label", label);
    for (const ast::ExprPtr &operand : e->operands)
      expr(operand.get());
  }

private:
  std::vector<std::pair<Span, std::string>> found_;
};

} // namespace

void checkNames(const ast::Spec &spec, Diagnostics &diags) {
  NameChecker c;
  for (const ast::Object &o : spec.objects) {
    c.check("an object", o.name);
    c.check("a variable", o.var);
    for (const ast::Link &link : o.links)
      c.check("a link", link.name);
    for (const ast::Field &f : o.fields) {
      c.check("a field", f.name);
      for (const auto *rules : {&f.reads, &f.writes})
        for (const ast::FieldRule &rule : *rules)
          c.expr(rule.expr.get());
    }
  }
  for (const ast::Lock &l : spec.locks) {
    c.check("a lock", l.name);
    for (const ast::Mode &m : l.modes)
      c.check("a mode", m.name);
    for (const ast::Api &api : l.apis) {
      c.check("a function", api.name);
      for (const ast::Param &p : api.params)
        c.check("a parameter", p.name);
    }
  }
  for (const ast::Group &g : spec.groups)
    c.check("a group", g.name);
  for (const ast::Fact &f : spec.facts)
    c.check("a fact", f.name);
  for (const ast::Let &l : spec.lets) {
    c.check("a requirement", l.name);
    c.expr(l.expr.get());
  }
  for (const ast::Relation &r : spec.relations)
    c.check("a relation", r.name);
  for (const ast::Order &o : spec.orders)
    c.check("an order", o.name);
  for (const ast::Operation &op : spec.operations) {
    c.check("an operation", op.name);
    for (const auto *roles : {&op.subjects, &op.roles})
      for (const ast::Role &r : *roles)
        c.check("a role", r.name);
    for (const ast::ExprPtr &e : op.requires_)
      c.expr(e.get());
    for (const ast::Rejection &r : op.rejects)
      c.expr(r.expr.get());
  }
  for (const ast::Table &t : spec.tables) {
    c.check("a table", t.name);
    for (const ast::Column &col : t.columns) {
      c.check("a column", col.name);
      c.expr(col.expr.get());
    }
  }
  for (const ast::Matrix &m : spec.matrices)
    c.check("a matrix", m.name);
  for (const ast::Topic &t : spec.topics)
    c.check("a topic", t.name);
  c.report(diags);
}

} // namespace lockspec
