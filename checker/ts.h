// A thin RAII layer over the tree-sitter C library, the only file that includes its API.
//
// Parsing never fails: a syntax error yields ERROR and MISSING nodes, which `Node::hasError`
// reports.  A Tree keeps the source text it was parsed from alive, so Nodes can hand out views
// of it; a Node is only valid while its Tree lives.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct TSParser;
struct TSTree;
struct TSQuery;
struct TSQueryCursor;

namespace lockspec::ts {

// ---------------------------------------------------------------------------------------------
// Node
// ---------------------------------------------------------------------------------------------

/// A syntax node: a small value, valid while its Tree lives.  A null node (`isNull()`) stands
/// for an absent child; every accessor on it returns an empty result.
class Node {
public:
  Node() = default;

  bool isNull() const { return raw_.id == nullptr; } // ts_node_is_null, without the call.
  /// The grammar's node type ("call_expression"); "" for a null node.
  const char *type() const;
  bool isNamed() const;
  /// True when this node or any descendant is an ERROR or MISSING node.
  bool hasError() const;
  bool isError() const;
  bool isMissing() const;

  uint32_t begin() const;
  uint32_t end() const;
  /// The source bytes the node spans.
  std::string_view text() const;

  /// The child in grammar field `field` ("function", "condition"), or a null node.  `field`
  /// must be a string literal (its address is cached).
  Node child(const char *field) const;
  /// Every child (named and anonymous) in source order.
  std::vector<Node> children() const;
  /// Named children only, in source order.
  std::vector<Node> namedChildren() const;
  unsigned namedChildCount() const;
  Node namedChild(unsigned index) const;
  Node parent() const;

  /// The first ERROR or MISSING node at or below this one (pre-order), or a null node.
  Node firstError() const;

  /// Implementation detail of ts.cc: the same layout as TSNode, so this header stays free of
  /// the tree-sitter API.
  struct Raw {
    uint32_t context[4] = {0, 0, 0, 0};
    const void *id = nullptr;
    const void *tree = nullptr;
  };
  Node(Raw raw, const std::string *source) : raw_(raw), source_(source) {}

private:
  friend class QueryCursor;
  Raw raw_;
  const std::string *source_ = nullptr; // Owned by the Tree.
};

// ---------------------------------------------------------------------------------------------
// Tree and Parser
// ---------------------------------------------------------------------------------------------

/// A parsed C translation unit together with its source text.
class Tree {
public:
  Node root() const;
  const std::string &source() const { return *source_; }

private:
  friend class Parser;
  struct Deleter {
    void operator()(TSTree *tree) const;
  };
  std::unique_ptr<TSTree, Deleter> tree_;
  std::unique_ptr<std::string> source_; // Stable address: Nodes point at it.
};

/// A parser for C (the tree-sitter-c grammar).  Not thread-safe: one per thread.
class Parser {
public:
  Parser();
  /// Parses `source` (any bytes); never fails.
  Tree parse(std::string source);

private:
  struct Deleter {
    void operator()(TSParser *parser) const;
  };
  std::unique_ptr<TSParser, Deleter> parser_;
};

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/// A compiled query over the C grammar.  Immutable after construction, so one Query may be
/// shared by threads, each with its own QueryCursor.
class Query {
public:
  /// Compiles `source`; on a syntax error `error` holds its byte offset and kind, and `ok()`
  /// is false.
  explicit Query(std::string_view source);
  bool ok() const { return query_ != nullptr; }
  const std::string &error() const { return error_; }
  /// Index of capture `name`, or -1.
  int captureIndex(std::string_view name) const;

private:
  friend class QueryCursor;
  struct Deleter {
    void operator()(TSQuery *query) const;
  };
  std::unique_ptr<TSQuery, Deleter> query_;
  std::string error_;
};

/// One match: the captured nodes by capture index (null when a capture did not take part).
struct Match {
  std::vector<Node> captures;
};

/// Runs a Query over a node.
class QueryCursor {
public:
  QueryCursor();
  /// Every match of `query` below `node`, in source order.
  std::vector<Match> matches(const Query &query, Node node);

private:
  struct Deleter {
    void operator()(TSQueryCursor *cursor) const;
  };
  std::unique_ptr<TSQueryCursor, Deleter> cursor_;
};

} // namespace lockspec::ts
