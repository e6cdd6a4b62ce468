// Recursive-descent parser for *.rules files.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ast.h"
#include "diagnostics.h"
#include "lexer.h"

namespace lockspec {

/// Resolves an `include "path";` seen in `from` at `span`; returns the buffer to parse, or
/// nullopt when it cannot be read (the callback reports why) or was already included.
using IncludeResolver =
    std::function<std::optional<FileId>(FileId from, const std::string &path, Span span)>;

/// Parses one buffer into `spec`, following includes through `resolve`.
class Parser {
public:
  Parser(const SourceManager &sources, Diagnostics &diags, IncludeResolver resolve);

  /// Appends the declarations of `file` (and of its includes) to `spec`.
  void parseFile(FileId file, ast::Spec &spec);

private:
  // Token access.  Tokens are lexed as the parser reaches them, into a ring of kLookahead
  // slots: the grammar looks at most three tokens ahead, so no more are ever held.
  static constexpr unsigned kLookahead = 4;
  const Token &peek(unsigned ahead = 0) const {
    // Inline: the parser asks about the current token several times per token it takes.
    return ahead < count_ ? ring_[(head_ + ahead) % kLookahead] : lexUpTo(ahead);
  }
  /// Lexes until token `ahead` is buffered; returns it.
  const Token &lexUpTo(unsigned ahead) const;
  /// Consumes the current token (never Eof: every later peek sees it) and returns it.  The
  /// reference stays valid until the next take(): peeks fill the other kLookahead - 1 slots.
  const Token &take() {
    const Token &tok = peek();
    if (tok.kind != Tok::Eof) {
      takenEnd_ = tok.span.end;
      head_ = (head_ + 1) % kLookahead;
      --count_;
    }
    return tok;
  }
  bool at(Tok kind) const { return peek().kind == kind; }
  /// True at identifier `word` (the lexer tagged it; non-identifiers are Kw::Plain).
  bool atWord(Kw word) const { return peek().kw == word; }
  bool accept(Tok kind) {
    if (!at(kind))
      return false;
    take();
    return true;
  }
  bool acceptWord(Kw word) {
    if (!atWord(word))
      return false;
    take();
    return true;
  }
  // take, accept and expect are inline: the parser calls them several times per token.
  /// Consumes `kind` or reports "expected X <context>" and returns false.
  bool expect(Tok kind, std::string_view context) {
    return accept(kind) || expected(kind, context);
  }
  /// The error path of expect(): reports and returns false.
  bool expected(Tok kind, std::string_view context);
  bool expectWord(Kw word, std::string_view context);
  std::optional<ast::Name> expectName(std::string_view context);
  std::optional<ast::Str> expectString(std::string_view context);
  void errorHere(const std::string &message);
  /// Skips to just after the next ';' or to the next '}' at this nesting level.
  void recover();
  Span spanFrom(Span begin) const;

  /// decl := include | object | lock | group | fact | let | relation | order | operation
  ///       | table | matrix | topic
  void parseDecl(ast::Spec &spec);
  /// Parses `'doc' STRING ';'` or `'source' STRING ';'` into prose; false if neither.
  bool parseProse(ast::Prose &prose) {
    // Inline: every item of every block asks first, and nearly all answers are no.
    return (atWord(Kw::Doc) || atWord(Kw::Source) || atWord(Kw::Kernel)) &&
           parseProseItem(prose);
  }
  /// parseProse() at 'doc', 'source' or 'kernel'.
  bool parseProseItem(ast::Prose &prose);
  /// kernel_sel := 'kernel' STRING   (after a field rule or an api list, before the ';')
  /// Absent: an empty Str.  False after a syntax error, which it has reported.
  bool parseKernelSuffix(ast::Str &kernel);
  /// body := ';' | '{' ('doc' STRING ';' | 'source' STRING ';')* '}'
  void parseBody(ast::Prose &prose, std::string_view what);
  /// object := 'object' IDENT '{' object_item* '}'
  /// object_item := prose | 'var' IDENT ';' | 'link' IDENT ':' IDENT '=' STRING ';' | field
  ///              | ('constructor' | 'publish') IDENT (',' IDENT)* ';'
  void parseObject(ast::Spec &spec);
  /// field := 'field' IDENT '{' field_item* '}'
  void parseField(ast::Object &object);
  /// field_rule := expr | 'once' | 'owner' STRING
  std::optional<ast::FieldRule> parseFieldRule();
  /// lock := 'lock' IDENT ':' KIND ['on' IDENT] '{' lock_item* '}'
  void parseLock(ast::Spec &spec);
  /// mode := 'mode' IDENT ['(' STRING ')'] SHARING ['implies' IDENT,*] ['from' IDENT] ';'
  void parseMode(ast::Lock &lock);
  /// api := KIND IDENT '(' params ')' ['->' ('@'|IDENT)] IDENT ['->' IDENT] flags [STRING] ';'
  void parseApi(ast::Lock &lock, ast::Api::Kind kind);
  /// parseApi() into `api`, whose kind is set; false (after recovering) on a syntax error.
  /// A lock-pointer function (`pointer f(...)`) has no mode: `withMode` false.
  bool parseApiInto(ast::Api &api, bool withMode = true);
  /// `pointer f(mm, pmd) -> @ "...";`: a function that returns the lock without taking it.
  void parsePointer(ast::Lock &lock);
  /// group := 'group' IDENT '=' IDENT ('|' IDENT)* body
  void parseGroup(ast::Spec &spec);
  /// fact := 'fact' IDENT ['=' STRING] body
  void parseFact(ast::Spec &spec);
  /// let := 'let' IDENT '=' expr body
  void parseLet(ast::Spec &spec);
  /// relation := 'relation' IDENT '{' rel_item* '}'
  void parseRelation(ast::Spec &spec);
  /// lockmode := IDENT ['.' IDENT]
  std::optional<ast::LockMode> parseLockMode(std::string_view context);
  /// order := 'order' IDENT '{' order_item* '}'
  void parseOrder(ast::Spec &spec);
  /// node := lockmode ('|' lockmode)* [STRING] ('{' node* '}' | ';')
  std::optional<ast::OrderNode> parseOrderNode();
  /// operation := 'operation' IDENT '{' op_item* '}'
  void parseOperation(ast::Spec &spec);
  /// role := IDENT ':' IDENT ['=' STRING] ';'
  std::optional<ast::Role> parseRole();
  /// table := 'table' IDENT '{' tbl_item* '}'
  void parseTable(ast::Spec &spec);
  /// matrix := 'matrix' IDENT '{' mx_item* '}'
  void parseMatrix(ast::Spec &spec);
  /// topic := 'topic' IDENT '{' ('title' | 'doc' | 'source' STRING ';')* '}'
  void parseTopic(ast::Spec &spec);

  /// expr := and ('|' and)*
  ast::ExprPtr parseExpr();
  /// and := unary ('&' unary)*
  ast::ExprPtr parseAnd();
  /// unary := '(' expr ')' | 'none' | 'any' '{' (IDENT ':' expr [STRING] ';')+ '}' | atom
  ast::ExprPtr parseUnary();
  /// atom := ['!'] IDENT ['.' IDENT] ['@' IDENT] ['if' IDENT]
  ast::ExprPtr parseAtom();

  /// Deeper nesting of includes, order trees or expressions is certainly a mistake (or a
  /// fuzzer), and would exhaust the stack.
  static constexpr unsigned kMaxDepth = 200;

  const SourceManager &sources_;
  Diagnostics &diags_;
  IncludeResolver resolve_;
  std::unique_ptr<Lexer> lexer_;
  // Lexed, not yet taken: count_ tokens from ring_[head_], wrapping.
  mutable Token ring_[kLookahead];
  mutable unsigned head_ = 0, count_ = 0;
  uint32_t takenEnd_ = 0; ///< End of the last token taken from this file (0 before the first).
  FileId file_ = 0;
  unsigned depth_ = 0; // Expression / include nesting, bounded against stack exhaustion.
};

} // namespace lockspec
