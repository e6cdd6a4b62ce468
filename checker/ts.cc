#include "ts.h"

#include <cstring>
#include <stdexcept>
#include <tree_sitter/api.h>
#include <utility>

extern "C" const TSLanguage *tree_sitter_c();

namespace lockspec::ts {
namespace {

static_assert(sizeof(TSNode) == sizeof(uint32_t[4]) + 2 * sizeof(void *),
              "ts::Node::Raw must mirror TSNode");

TSNode toTs(const void *raw) {
  TSNode node;
  std::memcpy(&node, raw, sizeof node);
  return node;
}

} // namespace

// Node --------------------------------------------------------------------------------------

#define TS_NODE toTs(&raw_)

static Node::Raw fromTs(TSNode node) {
  Node::Raw raw;
  std::memcpy(static_cast<void *>(&raw), &node, sizeof node); // Raw is trivially copyable
  return raw;
}

const char *Node::type() const {
  return isNull() ? "" : ts_node_type(TS_NODE);
}
bool Node::isNamed() const {
  return !isNull() && ts_node_is_named(TS_NODE);
}
bool Node::hasError() const {
  return !isNull() && ts_node_has_error(TS_NODE);
}
bool Node::isMissing() const {
  return !isNull() && ts_node_is_missing(TS_NODE);
}
bool Node::isError() const {
  return !isNull() && std::strcmp(type(), "ERROR") == 0;
}
uint32_t Node::begin() const {
  return isNull() ? 0 : ts_node_start_byte(TS_NODE);
}
uint32_t Node::end() const {
  return isNull() ? 0 : ts_node_end_byte(TS_NODE);
}

std::string_view Node::text() const {
  if (isNull() || !source_)
    return {};
  uint32_t b = begin(), e = end();
  if (b > source_->size() || e > source_->size() || e < b)
    return {};
  return std::string_view(*source_).substr(b, e - b);
}

Node Node::child(const char *field) const {
  if (isNull())
    return {};
  // Field names are string literals at the call sites: cache their ids by address, since
  // looking a name up compares it with every field name of the grammar.  A slot per address
  // hash; two literals that share one take turns.
  struct Slot {
    const char *name = nullptr;
    TSFieldId id = 0;
  };
  thread_local Slot cache[64];
  Slot &slot = cache[(reinterpret_cast<uintptr_t>(field) >> 3) % 64];
  if (slot.name != field) {
    TSFieldId fid =
        ts_language_field_id_for_name(tree_sitter_c(), field, static_cast<uint32_t>(strlen(field)));
    if (fid == 0)
      return {};
    slot = {field, fid};
  }
  TSFieldId id = slot.id;
  TSNode c = ts_node_child_by_field_id(TS_NODE, id);
  if (ts_node_is_null(c))
    return {};
  return Node(fromTs(c), source_);
}

// A tree cursor walks siblings in O(1) each; ts_node_child(i) would be quadratic on wide nodes.
// The analysis lists children at nearly every node it visits, so the cursor is reused (its
// stack stays allocated; reset only repoints it) and the result is sized once from the count
// the node stores: one allocation per call instead of the cursor's plus the vector's growth.
namespace {
struct ReusedCursor {
  TSTreeCursor cursor;
  bool live = false;
  ~ReusedCursor() {
    if (live)
      ts_tree_cursor_delete(&cursor);
  }
  TSTreeCursor *at(TSNode node) {
    if (live)
      ts_tree_cursor_reset(&cursor, node);
    else
      cursor = ts_tree_cursor_new(node), live = true;
    return &cursor;
  }
};
} // namespace

template <typename Keep>
static std::vector<Node> collect(TSNode node, uint32_t count, const std::string *src, Keep keep) {
  std::vector<Node> out;
  if (count == 0)
    return out;
  out.reserve(count);
  thread_local ReusedCursor reused;
  TSTreeCursor *cursor = reused.at(node);
  if (ts_tree_cursor_goto_first_child(cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(cursor);
      if (keep(c))
        out.push_back(Node(fromTs(c), src));
    } while (ts_tree_cursor_goto_next_sibling(cursor));
  }
  return out;
}

// Up to this many children, asking for each by index (each walks from the first child) is
// cheaper than resetting and stepping the cursor, whose steps cost several index steps each.
constexpr uint32_t kIndexedChildren = 6;

std::vector<Node> Node::children() const {
  if (isNull())
    return {};
  TSNode node = TS_NODE;
  uint32_t count = ts_node_child_count(node);
  if (count > kIndexedChildren)
    return collect(node, count, source_, [](TSNode) { return true; });
  std::vector<Node> out;
  out.reserve(count);
  for (uint32_t i = 0; i < count; ++i)
    out.push_back(Node(fromTs(ts_node_child(node, i)), source_));
  return out;
}

std::vector<Node> Node::namedChildren() const {
  if (isNull())
    return {};
  TSNode node = TS_NODE;
  uint32_t count = ts_node_named_child_count(node);
  if (count > kIndexedChildren)
    return collect(node, count, source_, [](TSNode c) { return ts_node_is_named(c); });
  std::vector<Node> out;
  out.reserve(count);
  for (uint32_t i = 0; i < count; ++i)
    out.push_back(Node(fromTs(ts_node_named_child(node, i)), source_));
  return out;
}

unsigned Node::namedChildCount() const {
  return isNull() ? 0 : ts_node_named_child_count(TS_NODE);
}

Node Node::namedChild(unsigned index) const {
  if (isNull() || index >= namedChildCount())
    return {};
  return Node(fromTs(ts_node_named_child(TS_NODE, index)), source_);
}

Node Node::parent() const {
  if (isNull())
    return {};
  TSNode p = ts_node_parent(TS_NODE);
  return ts_node_is_null(p) ? Node() : Node(fromTs(p), source_);
}

Node Node::firstError() const {
  if (!hasError() && !isMissing())
    return {};
  if (isError() || isMissing())
    return *this;
  for (const Node &c : children())
    if (Node e = c.firstError(); !e.isNull())
      return e;
  return {};
}

#undef TS_NODE

// Tree and Parser ---------------------------------------------------------------------------

void Tree::Deleter::operator()(TSTree *tree) const {
  ts_tree_delete(tree);
}

Node Tree::root() const {
  return Node(fromTs(ts_tree_root_node(tree_.get())), source_.get());
}

void Parser::Deleter::operator()(TSParser *parser) const {
  ts_parser_delete(parser);
}

Parser::Parser() : parser_(ts_parser_new()) {
  // The grammar is compiled in; a version mismatch is a build error, not a runtime condition.
  if (!ts_parser_set_language(parser_.get(), tree_sitter_c()))
    throw std::logic_error("tree-sitter runtime rejects the tree-sitter-c grammar (ABI mismatch)");
}

Tree Parser::parse(std::string source) {
  Tree tree;
  tree.source_ = std::make_unique<std::string>(std::move(source));
  tree.tree_.reset(ts_parser_parse_string(parser_.get(), nullptr, tree.source_->data(),
                                          static_cast<uint32_t>(tree.source_->size())));
  return tree;
}

// Queries -----------------------------------------------------------------------------------

void Query::Deleter::operator()(TSQuery *query) const {
  ts_query_delete(query);
}

Query::Query(std::string_view source) {
  uint32_t offset = 0;
  TSQueryError kind = TSQueryErrorNone;
  query_.reset(ts_query_new(tree_sitter_c(), source.data(), static_cast<uint32_t>(source.size()),
                            &offset, &kind));
  if (!query_)
    error_ = "query error kind " + std::to_string(static_cast<int>(kind)) + " at byte " +
             std::to_string(offset);
}

int Query::captureIndex(std::string_view name) const {
  if (!query_)
    return -1;
  uint32_t n = ts_query_capture_count(query_.get());
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t len = 0;
    const char *s = ts_query_capture_name_for_id(query_.get(), i, &len);
    if (std::string_view(s, len) == name)
      return static_cast<int>(i);
  }
  return -1;
}

void QueryCursor::Deleter::operator()(TSQueryCursor *cursor) const {
  ts_query_cursor_delete(cursor);
}

QueryCursor::QueryCursor() : cursor_(ts_query_cursor_new()) {}

std::vector<Match> QueryCursor::matches(const Query &query, Node node) {
  std::vector<Match> out;
  if (!query.ok() || node.isNull())
    return out;
  uint32_t captures = ts_query_capture_count(query.query_.get());
  ts_query_cursor_exec(cursor_.get(), query.query_.get(), toTs(&node.raw_));
  TSQueryMatch match;
  while (ts_query_cursor_next_match(cursor_.get(), &match)) {
    Match m;
    m.captures.resize(captures);
    for (uint16_t i = 0; i < match.capture_count; ++i)
      m.captures[match.captures[i].index] = Node(fromTs(match.captures[i].node), node.source_);
    out.push_back(std::move(m));
  }
  return out;
}

} // namespace lockspec::ts
