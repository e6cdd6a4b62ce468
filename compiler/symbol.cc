#include "symbol.h"

#include <ostream>

namespace lockspec {

Symbol::Symbol(std::string_view text) : Symbol(text, 0) {}

Symbol::Symbol(std::string_view text, uint64_t table)
    : node_(text.empty() ? nullptr : new Node{{1}, table, std::string(text)}) {
  static_assert(alignof(Node) > kStored);
  if (node_ && table)
    node_ = reinterpret_cast<Node *>(reinterpret_cast<uintptr_t>(node_) | kStored);
}

SymbolTable::SymbolTable() {
  // Ids are never reused, unlike addresses: a table made where a dead one was must not share
  // its id, or their nodes of equal text would compare unequal.
  static std::atomic<uint64_t> next{1};
  id_ = next.fetch_add(1, std::memory_order_relaxed);
}

const std::string &Symbol::emptyString() {
  static const std::string empty;
  return empty;
}

std::ostream &operator<<(std::ostream &out, const Symbol &symbol) {
  return out << symbol.str();
}

} // namespace lockspec
