// The syntax tree: what the parser read, with spans, before any name is resolved.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "source_manager.h"

namespace lockspec::ast {

/// The text of an identifier: a view into its source buffer, which the SourceManager keeps for
/// as long as any tree of it.  A std::string per name made every name 48 bytes plus a heap copy
/// for names over 15 characters; names are most of a tree (issue 3).  Converts to std::string
/// where one is wanted and concatenates like one, so diagnostics read as before.
class Text : public std::string_view {
public:
  using std::string_view::basic_string_view;
  constexpr Text(std::string_view view) : std::string_view(view) {}
  operator std::string() const { return std::string(data(), size()); }
};
inline std::string operator+(std::string left, Text right) {
  return left.append(right);
}
inline std::string operator+(const char *left, Text right) {
  return std::string(left).append(right);
}
inline std::string operator+(Text left, const std::string &right) {
  return std::string(left).append(right);
}
inline std::string operator+(Text left, const char *right) {
  return std::string(left).append(right);
}

/// An identifier with its span.
struct Name {
  Text text;
  Span span;
};

/// A string literal with its span (decoded value).
struct Str {
  std::string value;
  Span span;
  bool present = false;
};

/// The `doc` and `source` items every entity may carry.
struct Prose {
  Str doc;
  Str source;
};

/// `lock.mode` in relations and order trees.
struct LockMode {
  Name lock;
  Name mode; // Empty text when absent.
};

/// A requirement expression.
struct Expr {
  enum class Kind { Atom, And, Or, None, Any };
  Kind kind = Kind::Atom;
  Span span;
  // Atom.
  bool negated = false;
  Name name, mode, role, condition;
  // And / Or / Any: operands.  Any: labels[i] names operands[i], docs[i] its doc.
  std::vector<std::unique_ptr<Expr>> operands;
  std::vector<Name> labels;
  std::vector<Str> docs;
};
using ExprPtr = std::unique_ptr<Expr>;

struct FieldRule {
  enum class Kind { Locks, Once, Owner };
  Kind kind = Kind::Locks;
  Span span;
  Str transition;
  Str owner;
  ExprPtr expr;
};

struct Field {
  Name name;
  Prose prose;
  Str table, config;
  std::vector<FieldRule> reads; // More than one is an error reported by sema.
  std::vector<FieldRule> writes;
};

struct Link {
  Name name, target;
  Str expr;
};

struct Object {
  Name name;
  Prose prose;
  Name var;
  std::vector<Link> links;
  std::vector<Field> fields;
};

struct Mode {
  Name name;
  Str abbrev;
  Name sharing;
  std::vector<Name> implies;
  Name from;
};

struct Param {
  Name name;
  bool instance = false, out = false;
};

struct Api {
  Name kind; // acquire / try / release / downgrade / assert
  Name name;
  std::vector<Param> params;
  bool returnsInstance = false;
  Name returnType;
  Name mode, toMode;
  Name success; // when ...
  bool killable = false, all = false;
  Name fallback;
  Str doc;
};

struct Lock {
  Name name, kind, owner;
  Prose prose;
  Str path;
  std::vector<Mode> modes;
  Str splitConfig;
  Name splitElse;
  std::vector<Api> apis;
};

struct Group {
  Name name;
  std::vector<Name> members;
  Prose prose;
};

struct Fact {
  Name name;
  Str test;
  Prose prose;
};

struct Let {
  Name name;
  ExprPtr expr;
  Prose prose;
};

struct RelationRule {
  enum class Kind { Requires, EndsWith, Forbidden };
  Kind kind = Kind::Requires;
  LockMode lock, other;
  Span span;
};

struct Relation {
  Name name;
  Prose prose;
  std::vector<RelationRule> rules; // Exactly one expected; sema checks.
};

struct OrderNode {
  std::vector<LockMode> locks;
  Str note;
  std::vector<OrderNode> children;
  Span span;
};

struct Order {
  Name name;
  Prose prose;
  Str historical;
  std::vector<OrderNode> roots;
};

struct Role {
  Name name, object;
  Str expr;
};

struct Rejection {
  ExprPtr expr;
  Str reason;
};

struct Operation {
  Name name;
  Prose prose;
  std::vector<Role> subjects; // Exactly one expected.
  std::vector<Role> roles;
  std::vector<ExprPtr> requires_;
  std::vector<Rejection> rejects;
  std::vector<Str> notes, warnings;
  std::vector<Name> apis;
};

struct Cell {
  std::vector<Name> modes; // "-" appears as a Name with text "-".
  Span span;
};

struct Row {
  std::vector<Cell> cells;
  std::vector<Name> values;
  Span span;
};

struct Column {
  Name name;
  Str title;
  enum class Kind { Satisfies, Reads, Writes };
  Kind kind = Kind::Satisfies;
  ExprPtr expr;
  Name object;
  std::vector<Str> tables;
};

struct Table {
  Name name;
  Prose prose;
  Name object;
  std::vector<Name> axes;
  std::vector<Str> axisTitles;
  std::vector<Column> columns;
  std::vector<Row> rows;
};

struct MatrixRow {
  Name mode;
  std::vector<Name> values;
  Span span;
};

struct Matrix {
  Name name;
  Prose prose;
  Name lock;
  std::vector<MatrixRow> rows;
};

struct Topic {
  Name name;
  Prose prose;
  Str title;
};

/// Everything parsed from a spec and its includes, in declaration order per kind.
struct Spec {
  std::vector<Object> objects;
  std::vector<Lock> locks;
  std::vector<Group> groups;
  std::vector<Fact> facts;
  std::vector<Let> lets;
  std::vector<Relation> relations;
  std::vector<Order> orders;
  std::vector<Operation> operations;
  std::vector<Table> tables;
  std::vector<Matrix> matrices;
  std::vector<Topic> topics;
};

} // namespace lockspec::ast
