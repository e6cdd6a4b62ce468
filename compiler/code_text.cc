#include "code_text.h"

#include <cctype>

namespace lockspec {

std::string pascalCase(std::string_view snake) {
  std::string out;
  bool up = true;
  for (char c : snake) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

std::string prose(const std::string &rst) {
  std::string para = rst.substr(0, rst.find("\n\n"));
  std::string out;
  for (size_t i = 0; i < para.size(); ++i) {
    char c = para[i];
    if (c == ':' && i + 1 < para.size() && std::isalpha(static_cast<unsigned char>(para[i + 1]))) {
      // An RST role (:c:func:`!x`): keep only its content.
      size_t tick = para.find('`', i);
      size_t space = para.find_first_of(" \n", i);
      if (tick != std::string::npos && (space == std::string::npos || tick < space)) {
        i = tick;
        out += '`';
        if (i + 1 < para.size() && para[i + 1] == '!')
          ++i;
        continue;
      }
    }
    if (c == '`' && i + 1 < para.size() && para[i + 1] == '`') {
      out += '`';
      ++i;
      continue;
    }
    out += c == '\n' ? ' ' : c;
  }
  std::string squeezed;
  for (char c : out)
    if (!(c == ' ' && !squeezed.empty() && squeezed.back() == ' '))
      squeezed += c;
  while (!squeezed.empty() && squeezed.back() == ' ')
    squeezed.pop_back();
  return squeezed;
}

} // namespace lockspec
