#include "lexer.h"

#include <algorithm>
#include <cassert>
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
    "",           "acquire", "all",      "also",        "any",       "api",       "assert",
    "axis",       "column",  "config",   "constructor", "doc",       "downgrade", "else",
    "ends",       "fact",    "fallback", "field",       "forbidden", "from",      "group",
    "historical", "if",      "implies",  "in",          "include",   "kernel",    "killable",
    "let",        "link",    "lock",     "matrix",      "mode",      "none",      "note",
    "object",     "on",      "once",     "operation",   "order",     "owner",     "path",
    "pointer",    "publish", "read",     "reads",       "rejects",   "relation",  "release",
    "requires",   "role",    "row",      "source",      "split",     "subject",   "table",
    "title",      "topic",   "try",      "unless",      "var",       "warning",   "when",
    "while",      "with",    "write",    "writes",
};

/// Character classes for the lexer's loops: one table load per byte instead of a chain of
/// range tests.
enum : uint8_t {
  kSpace = 1,      // ' ' '\t' '\n' '\r'
  kIdentStart = 2, // [A-Za-z_]
  kIdentChar = 4,  // [A-Za-z_0-9]
};

struct CharTable {
  uint8_t cls[256] = {};
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

/// `0x1b` for the byte 0x1b.
std::string hexByte(unsigned char byte) {
  return std::string("0x") + "0123456789abcdef"[byte >> 4] + "0123456789abcdef"[byte & 15];
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
  auto found = std::lower_bound(std::begin(kKeywords) + 1, std::end(kKeywords), word);
  return found != std::end(kKeywords) && *found == word
             ? static_cast<Kw>(found - std::begin(kKeywords))
             : Kw::Plain;
}

std::string stringValue(const Token &tok) {
  if (tok.raw)
    return dedent(tok.text.substr(3, tok.text.size() - 6));
  std::string_view inner = tok.text.substr(1, tok.text.size() - 2);
  // Most strings have no escapes: one allocation and copy.
  return tok.escaped ? decodeEscapes(inner) : std::string(inner);
}

Lexer::Lexer(const SourceManager &sources, FileId file, Diagnostics &diags)
    : file_(file), diags_(diags) {
  std::string_view text = sources.text(file);
  begin_ = text.data();
  cur_ = begin_;
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
  if (diags_.stopped()) { // Past the error limit nothing more is reported: end here.
    cur_ = end_;
    return make(Tok::Eof, end_);
  }
  const char *p = cur_;
  for (;;) { // Trivia.
    if (charClass(*p) & kSpace) {
      ++p;
    } else if (*p == '/' && p[1] == '/') { // p[1] is at worst the sentinel.
      // A comment ends at a line feed or a carriage return: a file with old Mac line
      // endings must not be one comment.
      while (p < end_ && *p != '\n' && *p != '\r')
        ++p;
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

namespace {

/// Whether a token can start with `c` (the sentinel aside).
bool startsToken(char c) {
  return (charClass(c) & (kSpace | kIdentStart)) ||
         std::string_view("\"{}()[];:,.|&!@=/-*").find(c) != std::string_view::npos;
}

} // namespace

Token Lexer::lexBadCharacter(const char *begin) {
  // The whole run of bytes that start no token is one error (the rest of a multi-byte UTF-8
  // sequence included): a line of junk or a file of NUL bytes must not give an error a byte.
  while (cur_ < end_ && !startsToken(*cur_))
    ++cur_;
  Token tok = make(Tok::Error, begin);
  char c = *begin;
  unsigned char byte = static_cast<unsigned char>(c);
  std::string shown =
      byte >= 0x20 && byte < 0x7f ? std::string("'") + c + "'" : "byte " + hexByte(byte);
  size_t length = static_cast<size_t>(cur_ - begin);
  bool oneCharacter = length == 1 || (byte >= 0xC0 && length <= 4 && validUtf8(tok.text));
  if (oneCharacter)
    diags_.error(tok.span, "unexpected character " + shown);
  else
    diags_.error(tok.span, "unexpected characters starting with " + shown + " (" +
                               std::to_string(length) + " bytes)");
  return tok;
}

Token Lexer::lexString(const char *begin) {
  const char *p = begin + 1; // After the opening quote.
  bool escaped = false;
  // To the closing quote, a line break or the end (a NUL before the end is text, refused
  // below).
  while (p < end_ && *p != '"' && *p != '\n' && *p != '\r') {
    if (*p != '\\') {
      ++p;
      continue;
    }
    if (p + 1 >= end_) {
      p = end_;
      break;
    }
    char e = p[1];
    escaped = true;
    if (e != 'n' && e != 't' && e != '"' && e != '\\')
      diags_.error({file_, offset(p), offset(p + 2)},
                   std::string("unknown escape sequence '\\") + e + "'");
    p += 2;
  }
  cur_ = p;
  if (p == end_ || *p != '"') {
    Token tok = make(Tok::Error, begin);
    diags_.error(tok.span, "unterminated string");
    return tok;
  }
  cur_ = p + 1;
  Token tok = make(Tok::String, begin);
  tok.escaped = escaped;
  checkStringBytes(tok, std::string_view(begin + 1, static_cast<size_t>(p - begin - 1)));
  return tok;
}

void Lexer::checkStringBytes(const Token &tok, std::string_view body) {
  bool high = false;
  for (const char &c : body) {
    auto byte = static_cast<unsigned char>(c);
    high |= byte >= 0x80;
    // Strings end up in C headers and RST, where a NUL truncates and other control bytes
    // corrupt or hide text; a tab and the line breaks of a """ string are text.
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f) {
      diags_.error({file_, offset(&c), offset(&c) + 1},
                   byte ? "control byte " + hexByte(byte) + " in string" : "NUL byte in string");
      return;
    }
  }
  // Strings end up in docs, JSON and headers, all of which must be UTF-8.  ASCII always is.
  if (high && !validUtf8(stringValue(tok)))
    diags_.error(tok.span, "string is not valid UTF-8");
}

namespace {

/// Whether the text from `pos` on starts, after white space, with ';' or '{': what follows
/// every """ string that really ends there (`doc """...""";`, an order note before a body).
bool closesStatement(std::string_view text, size_t pos) {
  size_t next = text.find_first_not_of(" \t\r\n", pos);
  return next != std::string_view::npos && (text[next] == ';' || text[next] == '{');
}

/// The offset of the first line of `body`, after its first, that reads like a statement of
/// the language rather than prose: a keyword first and ';' or '{' last.  When a """ string
/// lost its closing quotes, this is where the spec goes on.
size_t firstStatementLine(std::string_view body) {
  size_t pos = body.find_first_of("\r\n");
  while (pos != std::string_view::npos) {
    size_t start = pos + 1;
    size_t stop = body.find_first_of("\r\n", start);
    std::string_view line =
        body.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start);
    size_t first = line.find_first_not_of(" \t");
    size_t last = line.find_last_not_of(" \t");
    if (first != std::string_view::npos && (line[last] == ';' || line[last] == '{')) {
      size_t word = first;
      while (word < line.size() && (charClass(line[word]) & kIdentChar))
        ++word;
      if (word > first && (word == line.size() || line[word] == ' ') &&
          keywordOf(line.substr(first, word - first)) != Kw::Plain)
        return start + first;
    }
    pos = stop;
  }
  return std::string_view::npos;
}

} // namespace

Token Lexer::lexRawString(const char *begin) {
  std::string_view rest(begin + 3, static_cast<size_t>(end_ - (begin + 3)));
  size_t close = rest.find("\"\"\"");
  // Quotes that do not end a statement are most likely the opening of the next doc string:
  // then the string lost its end, and the spec goes on at the first line that looks like a
  // statement.  Lexing on from the next quotes would read prose as code (hundreds of errors,
  // far from the mistake).
  if (close == std::string_view::npos || !closesStatement(rest, close + 3)) {
    size_t resume =
        firstStatementLine(rest.substr(0, close == std::string_view::npos ? rest.size() : close));
    if (close == std::string_view::npos || resume != std::string_view::npos) {
      cur_ = resume == std::string_view::npos ? end_ : rest.data() + resume;
      Token tok = make(Tok::Error, begin);
      tok.span.end = tok.span.begin + 3;
      diags_.error(tok.span, "unterminated \"\"\" string");
      return tok;
    }
  }
  cur_ = rest.data() + close + 3;
  Token tok = make(Tok::String, begin);
  tok.raw = true;
  checkStringBytes(tok, rest.substr(0, close));
  return tok;
}

std::string dedent(std::string_view raw) {
  // Lines end at LF, CRLF or a lone CR; the value always uses LF.
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (;;) {
    size_t nl = raw.find_first_of("\r\n", start);
    lines.push_back(raw.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos)
      break;
    start = nl + (raw[nl] == '\r' && nl + 1 < raw.size() && raw[nl + 1] == '\n' ? 2 : 1);
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
    if (!blank(line))
      out += line.substr(indent);
    if (i + 1 < lines.size())
      out += '\n';
  }
  return out;
}

} // namespace lockspec
