// Turns a spec buffer into tokens with byte spans.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"

namespace lockspec {

enum class Tok : uint8_t {
  Eof,
  Ident,
  String, // stringValue() decodes it.
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

/// Keywords of the grammar, alphabetical; kKeywords in lexer.cc spells them in this order.
/// The lexer tags each identifier once, so the parser tests a keyword with one byte compare
/// instead of a string compare per alternative.
enum class Kw : uint8_t {
  Plain, ///< Not a keyword (or not an identifier).
  Acquire,
  All,
  Also,
  Any,
  Api,
  Assert,
  Axis,
  Column,
  Config,
  Constructor,
  Doc,
  Downgrade,
  Else,
  Ends,
  Fact,
  Fallback,
  Field,
  Forbidden,
  From,
  Group,
  Historical,
  If,
  Implies,
  In,
  Include,
  Kernel,
  Killable,
  Let,
  Link,
  Lock,
  Matrix,
  Mode,
  None,
  Note,
  Object,
  On,
  Once,
  Operation,
  Order,
  Owner,
  Path,
  Pointer,
  Publish,
  Read,
  Reads,
  Rejects,
  Relation,
  Release,
  Requires,
  Role,
  Row,
  Source,
  Split,
  Subject,
  Table,
  Title,
  Topic,
  Try,
  Unless,
  Var,
  Warning,
  When,
  While,
  With,
  Write,
  Writes,
};

/// The source spelling of a keyword ("" for Kw::Plain).
std::string_view keywordSpelling(Kw kw);
/// The keyword `word` spells, or Kw::Plain.
Kw keywordOf(std::string_view word);

/// A token: kind, span and raw text.  Trivially copyable (32 bytes) so the parser's lookahead
/// copies it freely; a string's decoded value is built only when the parser stores it
/// (stringValue()), straight into the AST.
struct Token {
  Tok kind = Tok::Eof;
  Kw kw = Kw::Plain;    ///< Keyword id of an identifier.
  bool escaped = false; ///< A "..." string holding backslash escapes.
  bool raw = false;     ///< A """...""" string (dedented).
  Span span;
  std::string_view text; ///< Raw source text of the token, quotes included.
};

/// The decoded value of a Tok::String token (escapes decoded, or a """ string dedented).
/// The lexer has already reported bad escapes; they decode to nothing.
std::string stringValue(const Token &tok);

/// A hand-written lexer; errors go to `diags` and lexing goes on.
class Lexer {
public:
  /// Lexes `file`.
  Lexer(const SourceManager &sources, FileId file, Diagnostics &diags);
  /// Lexes the whole buffer; the last token is Tok::Eof.
  std::vector<Token> lexAll();
  /// The next token; Tok::Eof at the end, and again on every later call.
  Token next();

private:
  /// A token of `kind` from `begin` to the current position.
  Token make(Tok kind, const char *begin) const;
  Token lexString(const char *begin);
  Token lexRawString(const char *begin);
  Token lexBadCharacter(const char *begin);
  /// Reports the first control byte of a string's `body`, or text that is not UTF-8.
  void checkStringBytes(const Token &tok, std::string_view body);
  uint32_t offset(const char *p) const { return static_cast<uint32_t>(p - begin_); }

  FileId file_;
  Diagnostics &diags_;
  // The buffer is a std::string, so *end_ is '\0': scanning loops stop on it without a bounds
  // check per byte and test for the end only when they meet a NUL.
  const char *begin_;
  const char *end_;
  const char *cur_;
};

const char *toString(Tok kind);

/// Removes common leading indentation and the first and last blank lines of a """ string.
std::string dedent(std::string_view raw);

} // namespace lockspec
