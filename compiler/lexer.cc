#include "lexer.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <iterator>

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

namespace {

/// Spellings of the keywords, indexed by Kw (alphabetical, after Kw::Plain).
constexpr std::string_view kKeywords[] = {
    "",          "acquire", "all",       "any",        "api",      "assert",  "axis",     "column",
    "config",    "doc",     "downgrade", "else",       "ends",     "fact",    "fallback", "field",
    "forbidden", "from",    "group",     "historical", "if",       "implies", "in",       "include",
    "kernel",    "killable", "let",      "link",       "lock",     "matrix",  "mode",     "none",
    "note",      "object",  "on",        "once",       "operation", "order",  "owner",    "path",
    "read",      "reads",   "rejects",   "relation",   "release",  "requires", "role",    "row",
    "source",    "split",   "subject",   "table",      "title",    "topic",   "try",      "var",
    "warning",   "when",    "while",     "with",       "write",    "writes",
};

/// Character classes for the lexer's loops: one table load per byte instead of a chain of
/// range tests.
enum : uint8_t {
  kSpace = 1,      // ' ' '\t' '\n' '\r'
  kIdentStart = 2, // [A-Za-z_]
  kIdentChar = 4,  // [A-Za-z_0-9]
  kStringStop = 8, // Ends a run of plain string text: '"' '\n' '\\' and the NUL sentinel.
};

/// Hash of a non-empty identifier for the keyword table.
constexpr unsigned keywordHash(std::string_view word) {
  return (static_cast<unsigned char>(word[0]) * 7u + static_cast<unsigned char>(word.back()) * 3u +
          static_cast<unsigned>(word.size()) * 31u) %
         256;
}

struct CharTable {
  uint8_t cls[256] = {};
  /// Open-addressed hash of the keywords (linear probing; 0 marks an empty slot).  Looking up
  /// every identifier by first letter and string compares cost 7M instructions at 10k rules.
  uint8_t kwSlot[256] = {};
  constexpr CharTable() {
    for (int c : {' ', '\t', '\n', '\r'})
      cls[c] |= kSpace;
    for (int c = 0; c < 256; ++c) {
      bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (alpha)
        cls[c] |= kIdentStart | kIdentChar;
      if (c >= '0' && c <= '9')
        cls[c] |= kIdentChar;
    }
    for (int c : {'"', '\n', '\\', '\0'})
      cls[c] |= kStringStop;
    for (size_t i = 1; i < std::size(kKeywords); ++i) {
      unsigned h = keywordHash(kKeywords[i]);
      while (kwSlot[h])
        h = (h + 1) % 256;
      kwSlot[h] = static_cast<uint8_t>(i);
    }
  }
};
constexpr CharTable kChars;

inline uint8_t charClass(char c) {
  return kChars.cls[static_cast<unsigned char>(c)];
}

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool validUtf8(std::string_view text) {
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

/// Whether some byte of `word` is zero (exact as to whether; not as to which).
constexpr uint64_t hasZeroByte(uint64_t word) {
  return (word - 0x0101010101010101u) & ~word & 0x8080808080808080u;
}
constexpr uint64_t hasByte(uint64_t word, unsigned char byte) {
  return hasZeroByte(word ^ (0x0101010101010101u * byte));
}

/// True when some byte of `text` is >= 0x80; pure ASCII is valid UTF-8 and needs no decoding.
bool hasHighBytes(std::string_view text) {
  unsigned char any = 0;
  for (char c : text)
    any |= static_cast<unsigned char>(c);
  return any & 0x80;
}

/// Decodes the text between the quotes of a "..." string.  Unknown escapes (reported by the
/// lexer) decode to nothing.
std::string decodeEscapes(std::string_view inner) {
  std::string value;
  value.reserve(inner.size());
  for (size_t i = 0; i < inner.size();) {
    size_t slash = inner.find('\\', i);
    if (slash == std::string_view::npos)
      slash = inner.size();
    value.append(inner.data() + i, slash - i);
    if (slash + 1 >= inner.size())
      break;
    switch (inner[slash + 1]) {
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
    default:
      break;
    }
    i = slash + 2;
  }
  return value;
}

} // namespace

std::string_view keywordSpelling(Kw kw) {
  return kKeywords[static_cast<size_t>(kw)];
}

Kw keywordOf(std::string_view word) {
  // Keywords are 2 to 10 bytes; most longer names (obj12_update, rw3_read_trylock) skip the hash.
  if (word.size() < 2 || word.size() > 10)
    return Kw::Plain;
  for (unsigned h = keywordHash(word);; h = (h + 1) % 256) {
    unsigned i = kChars.kwSlot[h];
    if (i == 0)
      return Kw::Plain;
    if (kKeywords[i] == word)
      return static_cast<Kw>(i);
  }
}

std::string stringValue(const Token &tok) {
  if (tok.raw)
    return dedent(tok.text.substr(3, tok.text.size() - 6));
  std::string_view inner = tok.text.substr(1, tok.text.size() - 2);
  // Most strings have no escapes: one allocation and copy.
  return tok.escaped ? decodeEscapes(inner) : std::string(inner);
}

Lexer::Lexer(const SourceManager &sources, FileId file, Diagnostics &diags, uint32_t start)
    : file_(file), diags_(diags) {
  std::string_view text = sources.text(file);
  assert(start <= text.size());
  begin_ = text.data();
  cur_ = begin_ + start;
  end_ = text.data() + text.size();
  assert(*end_ == '\0' && "the lexer's sentinel: SourceManager buffers are std::strings");
}

std::vector<Token> Lexer::lexAll() {
  std::vector<Token> tokens;
  for (;;) {
    tokens.push_back(next());
    if (tokens.back().kind == Tok::Eof)
      break;
  }
  return tokens;
}

Token Lexer::make(Tok kind, const char *begin) const {
  Token tok;
  tok.kind = kind;
  tok.span = {file_, offset(begin), offset(cur_)};
  tok.text = std::string_view(begin, static_cast<size_t>(cur_ - begin));
  return tok;
}

Token Lexer::next() {
  const char *p = cur_;
  for (;;) { // Trivia.
    if (charClass(*p) & kSpace) {
      ++p;
    } else if (*p == '/' && p[1] == '/') { // p[1] is at worst the sentinel.
      const void *nl = std::memchr(p, '\n', static_cast<size_t>(end_ - p));
      p = nl ? static_cast<const char *>(nl) : end_;
    } else {
      break;
    }
  }
  const char *begin = p;
  char c = *p;
  if (charClass(c) & kIdentStart) {
    do
      ++p;
    while (charClass(*p) & kIdentChar); // Stops at the sentinel.
    cur_ = p;
    Token tok = make(Tok::Ident, begin);
    tok.kw = keywordOf(tok.text);
    return tok;
  }
  if (p == end_) {
    cur_ = p;
    return make(Tok::Eof, begin);
  }
  if (c == '"') {
    cur_ = p;
    return p[1] == '"' && p[2] == '"' ? lexRawString(begin) : lexString(begin);
  }
  cur_ = ++p;
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
    if (*cur_ == '>') {
      ++cur_;
      return make(Tok::Arrow, begin);
    }
    return make(Tok::Minus, begin);
  default:
    return lexBadCharacter(begin);
  }
}

Token Lexer::lexBadCharacter(const char *begin) {
  // Swallow the rest of a multi-byte UTF-8 sequence so one bad character is one error.
  while (cur_ < end_ && (static_cast<unsigned char>(*cur_) & 0xC0) == 0x80)
    ++cur_;
  Token tok = make(Tok::Error, begin);
  char c = *begin;
  unsigned char byte = static_cast<unsigned char>(c);
  std::string shown = byte >= 0x20 && byte < 0x7f
                          ? std::string("'") + c + "'"
                          : "byte 0x" + std::string(1, "0123456789abcdef"[byte >> 4]) +
                                "0123456789abcdef"[byte & 15];
  diags_.error(tok.span, "unexpected character " + shown);
  return tok;
}

Token Lexer::lexString(const char *begin) {
  // One pass finds the end, reports bad escapes and notes whether decoding or UTF-8
  // validation is needed at all (rarely: neither for any string of rules/ or the bench).
  const char *p = begin + 1; // After the opening quote.
  bool escaped = false;
  unsigned char high = 0; // OR of all bytes: bit 7 set when some byte is >= 0x80.
  uint64_t highWords = 0;
  for (;;) {
    // Eight bytes at a time while none of them ends a plain run: a byte loop over docs cost
    // 10 instructions a byte.
    while (end_ - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if (hasByte(word, '"') | hasByte(word, '\\') | hasByte(word, '\n') | hasZeroByte(word))
        break;
      highWords |= word;
      p += 8;
    }
    // Then bytes up to the stop, which is within eight bytes unless the end is.
    while (!(charClass(*p) & kStringStop)) {
      high |= static_cast<unsigned char>(*p);
      ++p;
    }
    char c = *p;
    if (c == '\\') {
      if (p + 1 >= end_) {
        p = end_;
        break;
      }
      char e = p[1];
      p += 2;
      escaped = true;
      high |= static_cast<unsigned char>(e);
      if (e != 'n' && e != 't' && e != '"' && e != '\\') {
        Span span{file_, offset(p - 2), offset(p)};
        diags_.error(span, std::string("unknown escape sequence '\\") + e + "'");
      }
    } else if (c == '\0' && p != end_) {
      ++p; // A NUL byte inside the buffer is ordinary string text.
    } else {
      break; // '"', '\n' or the end.
    }
  }
  if (highWords & 0x8080808080808080u)
    high |= 0x80;
  cur_ = p;
  if (p == end_ || *p != '"') {
    Token tok = make(Tok::Error, begin);
    diags_.error(tok.span, "unterminated string");
    return tok;
  }
  cur_ = p + 1;
  Token tok = make(Tok::String, begin);
  tok.escaped = escaped;
  // Strings end up in docs, JSON and headers, all of which must be UTF-8.  ASCII always is.
  if ((high & 0x80) && !validUtf8(stringValue(tok)))
    diags_.error(tok.span, "string is not valid UTF-8");
  return tok;
}

Token Lexer::lexRawString(const char *begin) {
  std::string_view rest(begin + 3, static_cast<size_t>(end_ - (begin + 3)));
  size_t close = rest.find("\"\"\"");
  if (close == std::string_view::npos) {
    cur_ = end_;
    Token tok = make(Tok::Error, begin);
    tok.span.end = tok.span.begin + 3;
    diags_.error(tok.span, "unterminated \"\"\" string");
    return tok;
  }
  cur_ = rest.data() + close + 3;
  Token tok = make(Tok::String, begin);
  tok.raw = true;
  if (hasHighBytes(rest.substr(0, close)) && !validUtf8(stringValue(tok)))
    diags_.error(tok.span, "string is not valid UTF-8");
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
