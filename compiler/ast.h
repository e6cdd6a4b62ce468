// The syntax tree: what the parser read, with spans, before any name is resolved.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "source_manager.h"

namespace lockspec::ast {

/// The text of an identifier: a view into its source buffer, which the SourceManager keeps for
/// as long as any tree of it, so the tree copies no name.  Converts to std::string where one is
/// wanted and concatenates like one, so diagnostics build messages as with strings.
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
/// What an optional name reads as when it is absent: empty text.
inline constexpr Name kNoName{};

/// `*extras`, created on first use: the parser's side of a node's rarely used parts.
template <typename Extras> Extras &createdOnUse(std::unique_ptr<Extras> &extras) {
  if (!extras)
    extras = std::make_unique<Extras>();
  return *extras;
}

/// A string literal with its span (decoded value).
struct Str {
  std::string value;
  Span span;
  bool present = false;
};

/// The `doc`, `source` and `kernel` items every entity may carry.
struct Prose {
  Str doc;
  Str source;
  Str kernel; ///< `kernel "7.0"`: the one kernel the entity holds for (absent: every kernel).
};

/// `lock.mode` in relations and order trees.
struct LockMode {
  Name lock;
  Name mode; // Empty text when absent.
};

/// A requirement expression: an atom (`!name.mode@role if condition`) or an operator over
/// operands.  A spec holds more of these than of anything else, so the parts few of them have
/// (role, condition, `any` branches) live apart, in Extras, and a plain atom stays small.
struct Expr {
  enum class Kind : uint8_t { Atom, And, Or, None, Any };
  /// An atom's `@role` and `if condition`; an `any`'s labels and docs.
  struct Extras {
    Name role, condition;
    std::vector<Name> labels; ///< Any: labels[i] names operands[i].
    std::vector<Str> docs;    ///< Any: docs[i] is operands[i]'s doc.
  };

  Kind kind = Kind::Atom;
  bool negated = false; ///< Atom: `!`.
  Span span;
  Name name, mode;                             ///< Atom; mode's text is empty when absent.
  std::vector<std::unique_ptr<Expr>> operands; ///< And / Or / Any.
  std::unique_ptr<Extras> extras;              ///< Null when there are none.

  const Name &role() const { return extras ? extras->role : kNoName; }
  const Name &condition() const { return extras ? extras->condition : kNoName; }
  Extras &extra() { return createdOnUse(extras); }
};
using ExprPtr = std::unique_ptr<Expr>;

struct FieldRule {
  enum class Kind { Locks, Once, Owner };
  Kind kind = Kind::Locks;
  Span span;
  Str transition;
  Str owner;
  Str kernel; ///< `... kernel "next";`: the one kernel this rule holds for.
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
  /// `constructor f, g;`: functions returning a new object no other thread can reach yet.
  std::vector<Name> constructors;
  /// `publish f, g;`: functions that make an object passed to them reachable by others.
  std::vector<Name> publishers;
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
  std::string member; ///< `@vmf->vma`: the path from the argument to the instance ("->vma").
};

/// `flags & FAULT_FLAG_VMA_LOCK`, `vmf->flags & FAULT_FLAG_VMA_LOCK`: a flag bit of an argument.
struct FlagTest {
  Name param;
  std::string member; ///< "->flags", or "" when the parameter is the flags word itself.
  Name flag;
};

/// An API function of a lock.  Like Expr, it keeps its rarer parts apart: a spec declares
/// several per lock, and most have none of them.
struct Api {
  /// In the order of the model's ApiKind, which sema converts it to.
  enum class Kind : uint8_t { Acquire, Try, Release, Downgrade, Assert };
  /// `-> type`, `-> to-mode`, `when ...` and `fallback ...`.
  struct Extras {
    Name returnType, toMode, success, fallback;
    Str kernel; ///< `kernel "..."` flag: the one kernel the function exists in.
    /// `when A | B`: every name after `when` (`success` is the first).
    std::vector<Name> when;
    /// A release's `if FLAG [else LOCK]` and `unless FLAG` (absent: empty param).
    FlagTest ifFlag, unlessFlag;
    Name elseLock;
    Name alsoLock; ///< `also rcu`: a release that also ends this lock's hold tied to an argument.
  };

  Kind kind = Kind::Acquire;
  bool returnsInstance = false, killable = false, all = false;
  Name name;
  std::vector<Param> params;
  Name mode;
  Str doc;
  std::unique_ptr<Extras> extras; ///< Null when there are none.

  const Name &returnType() const { return extras ? extras->returnType : kNoName; }
  const Name &toMode() const { return extras ? extras->toMode : kNoName; }
  const Name &success() const { return extras ? extras->success : kNoName; }
  const Name &fallback() const { return extras ? extras->fallback : kNoName; }
  Extras &extra() { return createdOnUse(extras); }
};

struct Lock {
  Name name, kind, owner;
  Prose prose;
  Str path;
  std::vector<Mode> modes;
  Str splitConfig;
  Name splitElse;
  std::vector<Api> apis;
  /// `pointer` functions: they find the lock (`-> @` or an `@*` out parameter) and take
  /// nothing; kind and mode are unused.
  std::vector<Api> pointers;
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
  std::vector<Str> requireReasons; ///< requireReasons[i]: why requires_[i] is needed ("" if unsaid).
  std::vector<Rejection> rejects;
  std::vector<Str> notes, warnings;
  std::vector<Name> apis;
  std::vector<Str> apiKernels; ///< apiKernels[i]: the kernel apis[i] exists in (absent: all).
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

/// Calls `fn(list, kind)` on each list of named declarations of `spec`, in the one order
/// sema declares them and the kernel filter keeps or drops them.
template <typename Fn> void forEachDeclarationList(Spec &spec, Fn &&fn) {
  fn(spec.objects, "object");
  fn(spec.locks, "lock");
  fn(spec.groups, "group");
  fn(spec.facts, "fact");
  fn(spec.lets, "let");
  fn(spec.relations, "relation");
  fn(spec.orders, "order");
  fn(spec.operations, "operation");
  fn(spec.tables, "table");
  fn(spec.matrices, "matrix");
  fn(spec.topics, "topic");
}

} // namespace lockspec::ast
