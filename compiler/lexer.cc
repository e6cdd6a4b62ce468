#include "lexer.h"

#include <algorithm>

namespace lockspec {

const char *toString(Tok kind) {
  switch (kind) {
  case Tok::Eof:
    return "end of file";
  case Tok::Ident:
    return "identifier";
  case Tok::String:
    return "string";
  case Tok::LBrace:
    return "'{'";
  case Tok::RBrace:
    return "'}'";
  case Tok::LParen:
    return "'('";
  case Tok::RParen:
    return "')'";
  case Tok::LBracket:
    return "'['";
  case Tok::RBracket:
    return "']'";
  case Tok::Semi:
    return "';'";
  case Tok::Colon:
    return "':'";
  case Tok::Comma:
    return "','";
  case Tok::Dot:
    return "'.'";
  case Tok::Pipe:
    return "'|'";
  case Tok::Amp:
    return "'&'";
  case Tok::Bang:
    return "'!'";
  case Tok::At:
    return "'@'";
  case Tok::Equal:
    return "'='";
  case Tok::Slash:
    return "'/'";
  case Tok::Minus:
    return "'-'";
  case Tok::Arrow:
    return "'->'";
  case Tok::Star:
    return "'*'";
  case Tok::Error:
    return "invalid character";
  }
  return "?";
}

Lexer::Lexer(const SourceManager &sources, FileId file, Diagnostics &diags)
    : file_(file), text_(sources.text(file)), diags_(diags) {}

std::vector<Token> Lexer::lexAll() {
  std::vector<Token> tokens;
  for (;;) {
    tokens.push_back(next());
    if (tokens.back().kind == Tok::Eof)
      break;
  }
  return tokens;
}

Token Lexer::make(Tok kind, uint32_t begin) {
  Token tok;
  tok.kind = kind;
  tok.span = {file_, begin, pos_};
  tok.text = text_.substr(begin, pos_ - begin);
  return tok;
}

void Lexer::skipTrivia() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++pos_;
    } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
      while (pos_ < text_.size() && text_[pos_] != '\n')
        ++pos_;
    } else {
      break;
    }
  }
}

static bool isIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool isIdentChar(char c) {
  return isIdentStart(c) || (c >= '0' && c <= '9');
}

Token Lexer::next() {
  skipTrivia();
  uint32_t begin = pos_;
  if (pos_ >= text_.size())
    return make(Tok::Eof, begin);
  char c = text_[pos_];
  if (isIdentStart(c)) {
    while (pos_ < text_.size() && isIdentChar(text_[pos_]))
      ++pos_;
    return make(Tok::Ident, begin);
  }
  if (c == '"') {
    if (text_.substr(pos_, 3) == "\"\"\"")
      return checkUtf8(lexRawString(begin));
    return checkUtf8(lexString(begin));
  }
  ++pos_;
  switch (c) {
  case '{':
    return make(Tok::LBrace, begin);
  case '}':
    return make(Tok::RBrace, begin);
  case '(':
    return make(Tok::LParen, begin);
  case ')':
    return make(Tok::RParen, begin);
  case '[':
    return make(Tok::LBracket, begin);
  case ']':
    return make(Tok::RBracket, begin);
  case ';':
    return make(Tok::Semi, begin);
  case ':':
    return make(Tok::Colon, begin);
  case ',':
    return make(Tok::Comma, begin);
  case '.':
    return make(Tok::Dot, begin);
  case '|':
    return make(Tok::Pipe, begin);
  case '&':
    return make(Tok::Amp, begin);
  case '!':
    return make(Tok::Bang, begin);
  case '@':
    return make(Tok::At, begin);
  case '=':
    return make(Tok::Equal, begin);
  case '/':
    return make(Tok::Slash, begin);
  case '*':
    return make(Tok::Star, begin);
  case '-':
    if (pos_ < text_.size() && text_[pos_] == '>') {
      ++pos_;
      return make(Tok::Arrow, begin);
    }
    return make(Tok::Minus, begin);
  default:
    break;
  }
  // Swallow the rest of a multi-byte UTF-8 sequence so one bad character is one error.
  while (pos_ < text_.size() && (static_cast<unsigned char>(text_[pos_]) & 0xC0) == 0x80)
    ++pos_;
  Token tok = make(Tok::Error, begin);
  unsigned char byte = static_cast<unsigned char>(c);
  std::string shown = byte >= 0x20 && byte < 0x7f
                          ? std::string("'") + c + "'"
                          : "byte 0x" + std::string(1, "0123456789abcdef"[byte >> 4]) +
                                "0123456789abcdef"[byte & 15];
  diags_.error(tok.span, "unexpected character " + shown);
  return tok;
}

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
static bool validUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) { // Nearly every byte of a spec.
      ++i;
      continue;
    }
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > text.size())
      return false;
    uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

Token Lexer::checkUtf8(Token tok) {
  // Strings end up in docs, JSON and headers, all of which must be UTF-8.
  if (tok.kind == Tok::String && !validUtf8(tok.value))
    diags_.error(tok.span, "string is not valid UTF-8");
  return tok;
}

Token Lexer::lexString(uint32_t begin) {
  ++pos_; // Opening quote.
  std::string value;
  while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\n') {
    // Plain characters in one append (docs are long); only escapes go one at a time.
    uint32_t run = pos_;
    while (run < text_.size() && text_[run] != '"' && text_[run] != '\n' && text_[run] != '\\')
      ++run;
    value.append(text_.data() + pos_, run - pos_);
    pos_ = run;
    if (pos_ >= text_.size() || text_[pos_] != '\\')
      continue; // The loop condition ends the string.
    if (++pos_ >= text_.size())
      break;
    char e = text_[pos_++];
    switch (e) {
    case 'n':
      value += '\n';
      break;
    case 't':
      value += '\t';
      break;
    case '"':
      value += '"';
      break;
    case '\\':
      value += '\\';
      break;
    default: {
      Span span{file_, pos_ - 2, pos_};
      diags_.error(span, std::string("unknown escape sequence '\\") + e + "'");
    }
    }
  }
  if (pos_ >= text_.size() || text_[pos_] != '"') {
    Token tok = make(Tok::Error, begin);
    diags_.error(tok.span, "unterminated string");
    return tok;
  }
  ++pos_;
  Token tok = make(Tok::String, begin);
  tok.value = std::move(value);
  return tok;
}

Token Lexer::lexRawString(uint32_t begin) {
  pos_ += 3;
  size_t close = text_.find("\"\"\"", pos_);
  if (close == std::string_view::npos) {
    pos_ = static_cast<uint32_t>(text_.size());
    Token tok = make(Tok::Error, begin);
    tok.span.end = begin + 3;
    diags_.error(tok.span, "unterminated \"\"\" string");
    return tok;
  }
  std::string_view raw = text_.substr(pos_, close - pos_);
  pos_ = static_cast<uint32_t>(close + 3);
  Token tok = make(Tok::String, begin);
  tok.value = dedent(raw);
  return tok;
}

std::string dedent(std::string_view raw) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (;;) {
    size_t nl = raw.find('\n', start);
    lines.push_back(raw.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos)
      break;
    start = nl + 1;
  }
  auto blank = [](std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
  };
  while (!lines.empty() && blank(lines.front()))
    lines.erase(lines.begin());
  while (!lines.empty() && blank(lines.back()))
    lines.pop_back();
  size_t indent = std::string_view::npos;
  for (auto line : lines)
    if (!blank(line))
      indent = std::min(indent, line.find_first_not_of(" \t"));
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (!blank(line))
      out += line.substr(indent);
    if (i + 1 < lines.size())
      out += '\n';
  }
  return out;
}

} // namespace lockspec
