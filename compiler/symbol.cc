#include "symbol.h"

#include <ostream>

namespace lockspec {

Symbol::Symbol(std::string_view text)
    : node_(text.empty() ? nullptr : new Node{{1}, std::string(text)}) {}

const std::string &Symbol::empty_string() {
  static const std::string empty;
  return empty;
}

std::ostream &operator<<(std::ostream &out, const Symbol &symbol) { return out << symbol.str(); }

} // namespace lockspec
