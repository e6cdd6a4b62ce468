// Turns a spec buffer into tokens with byte spans.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"

namespace lockspec {

enum class Tok {
  Eof,
  Ident,
  String, // Value holds the decoded text.
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Semi,
  Colon,
  Comma,
  Dot,
  Pipe,
  Amp,
  Bang,
  At,
  Equal,
  Slash,
  Minus,
  Arrow,
  Star,
  Error, // An invalid character; already reported.
};

/// A token: kind, span, and for strings the decoded value.
struct Token {
  Tok kind = Tok::Eof;
  Span span;
  std::string_view text; ///< Raw source text of the token.
  std::string value;     ///< Decoded string literal (Tok::String).
};

/// A hand-written lexer; errors go to `diags` and lexing goes on.
class Lexer {
public:
  Lexer(const SourceManager &sources, FileId file, Diagnostics &diags);
  /// Lexes the whole buffer; the last token is Tok::Eof.
  std::vector<Token> lexAll();
  /// The next token; Tok::Eof at the end, and again on every later call.
  Token next();

private:
  Token make(Tok kind, uint32_t begin);
  Token lexString(uint32_t begin);
  Token lexRawString(uint32_t begin);
  Token checkUtf8(Token tok);
  void skipTrivia();

  FileId file_;
  std::string_view text_;
  Diagnostics &diags_;
  uint32_t pos_ = 0;
};

const char *toString(Tok kind);

/// Removes common leading indentation and the first and last blank lines of a """ string.
std::string dedent(std::string_view raw);

} // namespace lockspec
