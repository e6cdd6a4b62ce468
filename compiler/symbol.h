// Symbol: an immutable string that copies as one pointer, for the names the model repeats.
#pragma once

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "flat_name_map.h"

namespace lockspec {

/// An immutable, reference-counted string.  The model repeats each lock, mode, role, C
/// instance and spec file name across many atoms and positions (a 100k-rule spec has 260k
/// atoms and 310k positions).  As std::string each repetition cost 32 bytes, plus a heap block
/// past 15 characters, and those copies were most of the model's memory and of sema's page
/// faults (issue 3).  A Symbol is 8 bytes; SymbolTable makes equal names share one node.
///
/// A Symbol built straight from a string (tests, hand-written models) owns a fresh node, so
/// equality and order are by content, with a pointer test first; two nodes of one SymbolTable
/// are unequal without reading their text.  That node's count is atomic because the checker
/// reads one model from several threads.  The empty string has no node.
///
/// A SymbolTable's nodes are not counted: they live as long as its SymbolStore, which the
/// model holds (Model::symbolStores).  Sema's two threads copy the same lock and mode names
/// into every atom, each copy bumping one count from both cores: a 100k-rule compile with no
/// counting at all ran 7-14% faster (alternating runs, issue 3).
class Symbol {
public:
  Symbol() noexcept = default;
  Symbol(std::string_view text);
  Symbol(const std::string &text) : Symbol(std::string_view(text)) {}
  Symbol(const char *text) : Symbol(std::string_view(text)) {}
  Symbol(const Symbol &other) noexcept : node_(other.node_) {
    if (counted())
      node_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  Symbol(Symbol &&other) noexcept : node_(std::exchange(other.node_, nullptr)) {}
  Symbol &operator=(const Symbol &other) noexcept {
    Symbol copy(other);
    std::swap(node_, copy.node_);
    return *this;
  }
  Symbol &operator=(Symbol &&other) noexcept {
    std::swap(node_, other.node_);
    return *this;
  }
  ~Symbol() {
    if (counted() && node_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
      delete node_;
  }

  /// The text; a reference to one shared empty string when empty.
  const std::string &str() const { return node_ ? node()->text : emptyString(); }
  /// Lets a Symbol go wherever a `const std::string &` is read, so readers of the model did
  /// not change when its names became Symbols.
  operator const std::string &() const { return str(); }
  std::string_view view() const { return str(); }
  bool empty() const { return !node_; }
  size_t size() const { return str().size(); }
  const char *c_str() const { return str().c_str(); }
  const char *data() const { return str().data(); }
  char operator[](size_t i) const { return str()[i]; }
  auto begin() const { return str().begin(); }
  auto end() const { return str().end(); }
  /// Makes this Symbol empty (the shared text is untouched).
  void clear() noexcept { Symbol().swap(*this); }
  void swap(Symbol &other) noexcept { std::swap(node_, other.node_); }
  /// The node's identity: equal for equal texts only among Symbols of one SymbolTable (memo
  /// keys use it); null when empty.
  const void *id() const { return node(); }
  /// True when both name one node: what SymbolTable guarantees for equal texts.
  bool sameNode(const Symbol &other) const { return node_ == other.node_; }

  friend bool operator==(const Symbol &a, const Symbol &b) {
    if (a.node_ == b.node_)
      return true;
    if (a.node_ && b.node_ && a.node()->table != 0 && a.node()->table == b.node()->table)
      return false; // One table never holds a text twice.
    return a.view() == b.view();
  }
  friend bool operator==(const Symbol &a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const Symbol &a, const std::string &b) { return a.view() == b; }
  friend bool operator==(const Symbol &a, const char *b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(const Symbol &a, const Symbol &b) {
    if (a.node_ == b.node_)
      return std::strong_ordering::equal;
    return a.view() <=> b.view();
  }
  friend std::strong_ordering operator<=>(const Symbol &a, std::string_view b) {
    return a.view() <=> b;
  }
  friend std::strong_ordering operator<=>(const Symbol &a, const std::string &b) {
    return a.view() <=> std::string_view(b);
  }
  friend std::strong_ordering operator<=>(const Symbol &a, const char *b) {
    return a.view() <=> std::string_view(b);
  }

private:
  friend class SymbolTable;
  friend class SymbolStore;
  struct Node {
    std::atomic<uint32_t> refs; ///< Unused when `table` is set: the store owns the node.
    uint64_t table;             ///< Id of the SymbolTable that made it, 0 for none.
    std::string text;
  };
  Symbol(std::string_view text, uint64_t table);
  static const std::string &emptyString();

  /// A table's node is marked in the pointer's low bit (nodes are aligned), so that copying
  /// and destroying a Symbol never reads the node: Symbols may then be destroyed after their
  /// store, in whatever order their holders' members go.
  static constexpr uintptr_t kStored = 1;
  Node *node() const {
    return reinterpret_cast<Node *>(reinterpret_cast<uintptr_t>(node_) & ~kStored);
  }
  /// Whether this Symbol counts a reference to its node (a node of no table).
  bool counted() const { return node_ && !(reinterpret_cast<uintptr_t>(node_) & kStored); }

  Node *node_ = nullptr; ///< Marked with kStored for a table's node.
};

// Concatenation as with std::string, whose operator+ is a template and so never converts.
inline std::string operator+(const Symbol &a, const std::string &b) {
  return a.str() + b;
}
inline std::string operator+(const std::string &a, const Symbol &b) {
  return a + b.str();
}
inline std::string operator+(std::string &&a, const Symbol &b) {
  return std::move(a) + b.str();
}
inline std::string operator+(const Symbol &a, const char *b) {
  return a.str() + b;
}
inline std::string operator+(const char *a, const Symbol &b) {
  return a + b.str();
}
inline std::string operator+(const Symbol &a, char b) {
  return a.str() + b;
}
inline std::string operator+(char a, const Symbol &b) {
  return a + b.str();
}
inline std::string operator+(const Symbol &a, const Symbol &b) {
  return a.str() + b.str();
}
std::ostream &operator<<(std::ostream &out, const Symbol &symbol);

/// The nodes of one SymbolTable: its Symbols read them for as long as the store lives.
class SymbolStore {
private:
  friend class SymbolTable;
  std::vector<std::unique_ptr<Symbol::Node>> nodes_;
};

/// Hands out one Symbol per distinct text, so equal names share a node (and their memory).
/// Sema owns one for the model it builds; the model keeps its store(), so its Symbols outlive
/// the table.
class SymbolTable {
public:
  SymbolTable();
  // Its id marks its nodes, so a copy would break Symbol's unequal-without-reading test.
  SymbolTable(const SymbolTable &) = delete;
  SymbolTable &operator=(const SymbolTable &) = delete;

  Symbol intern(std::string_view text) {
    if (text.empty())
      return Symbol();
    // Callers often intern one text several times running (the source of consecutive rules),
    // and the check is cheaper than a probe into a large table.
    if (last_.view() == text)
      return last_;
    if (const Symbol *found = map_.find(text))
      return last_ = *found;
    Symbol symbol(text, id_);
    store_->nodes_.emplace_back(symbol.node());
    // The key views the node's own text, which lives as long as the store.
    return last_ = *map_.emplace(symbol.view(), symbol).first;
  }
  size_t size() const { return map_.size(); }
  /// What keeps this table's Symbols readable once the table is gone.
  std::shared_ptr<const SymbolStore> store() const { return store_; }

private:
  uint64_t id_;
  std::shared_ptr<SymbolStore> store_ = std::make_shared<SymbolStore>();
  FlatNameMap<Symbol> map_;
  Symbol last_;
};

} // namespace lockspec

template <> struct std::hash<lockspec::Symbol> {
  size_t operator()(const lockspec::Symbol &symbol) const noexcept {
    return std::hash<std::string_view>{}(symbol.view());
  }
};
