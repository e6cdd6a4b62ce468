#include "parser.h"

#include <algorithm>
#include <cassert>
#include <iterator>
#include <new>
#include <string_view>

namespace lockspec {

Parser::Parser(const SourceManager &sources, Diagnostics &diags, IncludeResolver resolve)
    : sources_(sources), diags_(diags), resolve_(std::move(resolve)) {}

void Parser::parseFile(FileId file, ast::Spec &spec) {
  // Save and restore the token stream so includes can recurse.
  std::unique_ptr<Lexer> savedLexer = std::move(lexer_);
  Token savedRing[kLookahead];
  std::copy(std::begin(ring_), std::end(ring_), savedRing);
  unsigned savedHead = head_, savedCount = count_;
  uint32_t savedTakenEnd = takenEnd_;
  FileId savedFile = file_;
  lexer_ = std::make_unique<Lexer>(sources_, file, diags_);
  head_ = count_ = 0;
  takenEnd_ = 0;
  file_ = file;
  while (!at(Tok::Eof))
    parseDecl(spec);
  lexer_ = std::move(savedLexer);
  std::copy(std::begin(savedRing), std::end(savedRing), ring_);
  head_ = savedHead;
  count_ = savedCount;
  takenEnd_ = savedTakenEnd;
  file_ = savedFile;
}

const Token &Parser::lexUpTo(unsigned ahead) const {
  // The lexer returns Eof again at the end, so the ring never runs dry.  One slot stays free
  // for the token take() returned.
  assert(ahead < kLookahead - 1);
  while (count_ <= ahead) {
    // Placement new so the lexer builds the token in its slot (guaranteed copy elision) rather
    // than copying it in.  Token is trivially destructible, so reusing its storage needs no
    // destructor call.
    ::new (static_cast<void *>(&ring_[(head_ + count_) % kLookahead])) Token(lexer_->next());
    ++count_;
  }
  return ring_[(head_ + ahead) % kLookahead];
}

static std::string describe(const Token &tok) {
  switch (tok.kind) {
  case Tok::Ident:
    return "'" + std::string(tok.text) + "'";
  case Tok::String:
    return "string";
  default:
    return toString(tok.kind);
  }
}

void Parser::errorHere(const std::string &message) {
  // An invalid character was reported by the lexer; do not pile a parse error on it.
  if (at(Tok::Error))
    return;
  diags_.error(peek().span, message + ", found " + describe(peek()));
}

bool Parser::expected(Tok kind, std::string_view context) {
  errorHere(std::string("expected ") + toString(kind) + " " + std::string(context));
  return false;
}

bool Parser::expectWord(Kw word, std::string_view context) {
  if (acceptWord(word))
    return true;
  errorHere("expected '" + std::string(keywordSpelling(word)) + "' " + std::string(context));
  return false;
}

std::optional<ast::Name> Parser::expectName(std::string_view context) {
  if (!at(Tok::Ident)) {
    errorHere("expected identifier " + std::string(context));
    return std::nullopt;
  }
  const Token &tok = take();
  return ast::Name{tok.text, tok.span};
}

std::optional<ast::Str> Parser::expectString(std::string_view context) {
  if (!at(Tok::String)) {
    errorHere("expected string " + std::string(context));
    return std::nullopt;
  }
  // Decoded straight into the tree: one allocation, and none of a second copy.
  const Token &tok = take();
  return ast::Str{stringValue(tok), tok.span, true};
}

void Parser::recover() {
  unsigned nesting = 0;
  while (!at(Tok::Eof)) {
    if (at(Tok::LBrace)) {
      ++nesting;
    } else if (at(Tok::RBrace)) {
      if (nesting == 0)
        return;
      if (--nesting == 0) {
        take();
        return;
      }
    } else if (at(Tok::Semi) && nesting == 0) {
      take();
      return;
    }
    take();
  }
}

Span Parser::spanFrom(Span begin) const {
  return {begin.file, begin.begin, std::max(begin.end, takenEnd_)};
}

void Parser::parseDecl(ast::Spec &spec) {
  if (atWord(Kw::Include)) {
    Span begin = take().span;
    auto path = expectString("after 'include'");
    if (!path || !expect(Tok::Semi, "after include"))
      return recover();
    if (depth_ >= kMaxDepth) {
      diags_.error(spanFrom(begin), "includes nested too deeply");
      return;
    }
    if (auto file = resolve_(file_, path->value, path->span)) {
      ++depth_;
      parseFile(*file, spec);
      --depth_;
    }
    return;
  }
  switch (peek().kw) { // One keyword test, not a string compare per kind of declaration.
  case Kw::Object:
    return parseObject(spec);
  case Kw::Lock:
    return parseLock(spec);
  case Kw::Group:
    return parseGroup(spec);
  case Kw::Fact:
    return parseFact(spec);
  case Kw::Let:
    return parseLet(spec);
  case Kw::Relation:
    return parseRelation(spec);
  case Kw::Order:
    return parseOrder(spec);
  case Kw::Operation:
    return parseOperation(spec);
  case Kw::Table:
    return parseTable(spec);
  case Kw::Matrix:
    return parseMatrix(spec);
  case Kw::Topic:
    return parseTopic(spec);
  default:
    break;
  }
  errorHere("expected a declaration (object, lock, group, fact, let, relation, order, operation, "
            "table, matrix, topic or include)");
  // Skip the whole bad declaration, braces included, so one mistake is one error.
  bool sawBrace = false;
  while (!at(Tok::Eof)) {
    if (at(Tok::LBrace))
      sawBrace = true;
    if (!sawBrace && at(Tok::Semi)) {
      take();
      return;
    }
    if (sawBrace) {
      recover();
      accept(Tok::RBrace);
      return;
    }
    take();
  }
}

bool Parser::parseProseItem(ast::Prose &prose) {
  bool isDoc = atWord(Kw::Doc), isKernel = atWord(Kw::Kernel);
  ast::Str *target = isDoc ? &prose.doc : isKernel ? &prose.kernel : &prose.source;
  // Context strings are literals: building them on every doc and source was ~2 allocations
  // each.
  Token keyword = take();
  auto value = expectString(isDoc ? "after 'doc'" : isKernel ? "after 'kernel'" : "after 'source'");
  if (!value) {
    recover();
    return true;
  }
  if (target->present) {
    Diagnostic &diag = diags_.error(keyword.span, "duplicate '" + std::string(keyword.text) + "'");
    Diagnostics::note(diag, target->span, "previous '" + std::string(keyword.text) + "' here");
  }
  *target = std::move(*value);
  if (!expect(Tok::Semi, isDoc ? "after doc string" : "after source string"))
    recover();
  return true;
}

bool Parser::parseKernelSuffix(ast::Str &kernel) {
  if (!acceptWord(Kw::Kernel))
    return true;
  auto value = expectString("after 'kernel'");
  if (!value)
    return false;
  kernel = std::move(*value);
  return true;
}

void Parser::parseBody(ast::Prose &prose, std::string_view what) {
  if (accept(Tok::Semi))
    return;
  if (!accept(Tok::LBrace)) { // The message is built only when it is needed.
    expect(Tok::LBrace, "or ';' to end " + std::string(what));
    return recover();
  }
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (!parseProse(prose)) {
      errorHere("expected 'doc' or 'source' in " + std::string(what));
      recover();
    }
  }
  if (!accept(Tok::RBrace))
    expect(Tok::RBrace, "to end " + std::string(what));
}

ast::ExprPtr Parser::parseExpr() {
  if (depth_ >= kMaxDepth) {
    errorHere("expression nested too deeply");
    return nullptr;
  }
  ++depth_;
  Span begin = peek().span;
  ast::ExprPtr first = parseAnd();
  if (!first || !at(Tok::Pipe)) {
    --depth_;
    return first;
  }
  auto expr = std::make_unique<ast::Expr>();
  expr->kind = ast::Expr::Kind::Or;
  // An operator has at least two operands, nearly always exactly two: one allocation.
  expr->operands.reserve(2);
  expr->operands.push_back(std::move(first));
  while (accept(Tok::Pipe)) {
    ast::ExprPtr next = parseAnd();
    if (!next) {
      --depth_;
      return nullptr;
    }
    expr->operands.push_back(std::move(next));
  }
  expr->span = spanFrom(begin);
  --depth_;
  return expr;
}

ast::ExprPtr Parser::parseAnd() {
  Span begin = peek().span;
  ast::ExprPtr first = parseUnary();
  if (!first || !at(Tok::Amp))
    return first;
  auto expr = std::make_unique<ast::Expr>();
  expr->kind = ast::Expr::Kind::And;
  expr->operands.reserve(2); // As in parseExpr.
  expr->operands.push_back(std::move(first));
  while (accept(Tok::Amp)) {
    ast::ExprPtr next = parseUnary();
    if (!next)
      return nullptr;
    expr->operands.push_back(std::move(next));
  }
  expr->span = spanFrom(begin);
  return expr;
}

ast::ExprPtr Parser::parseUnary() {
  Span begin = peek().span;
  if (accept(Tok::LParen)) {
    ast::ExprPtr inner = parseExpr();
    if (!inner || !expect(Tok::RParen, "to close '('"))
      return nullptr;
    return inner;
  }
  if (atWord(Kw::None) && peek(1).kind != Tok::Dot && peek(1).kind != Tok::At) {
    auto expr = std::make_unique<ast::Expr>();
    expr->kind = ast::Expr::Kind::None;
    expr->span = take().span;
    return expr;
  }
  if (atWord(Kw::Any) && peek(1).kind == Tok::LBrace) {
    take();
    take();
    auto expr = std::make_unique<ast::Expr>();
    expr->kind = ast::Expr::Kind::Any;
    while (!at(Tok::RBrace) && !at(Tok::Eof)) {
      auto label = expectName("labelling an alternative in 'any'");
      if (!label || !expect(Tok::Colon, "after alternative label"))
        return nullptr;
      ast::ExprPtr branch = parseExpr();
      if (!branch)
        return nullptr;
      ast::Str doc;
      if (at(Tok::String))
        doc = *expectString("");
      if (!expect(Tok::Semi, "after alternative"))
        return nullptr;
      expr->extra().labels.push_back(std::move(*label));
      expr->operands.push_back(std::move(branch));
      expr->extra().docs.push_back(doc);
    }
    if (!expect(Tok::RBrace, "to end 'any'"))
      return nullptr;
    expr->span = spanFrom(begin);
    if (expr->operands.empty()) {
      diags_.error(expr->span, "'any' needs at least one alternative");
      return nullptr;
    }
    return expr;
  }
  return parseAtom();
}

ast::ExprPtr Parser::parseAtom() {
  Span begin = peek().span;
  auto expr = std::make_unique<ast::Expr>();
  expr->kind = ast::Expr::Kind::Atom;
  expr->negated = accept(Tok::Bang);
  auto name = expectName("naming a lock, group, let or fact in requirement");
  if (!name)
    return nullptr;
  expr->name = std::move(*name);
  if (accept(Tok::Dot)) {
    auto mode = expectName("naming a mode after '.'");
    if (!mode)
      return nullptr;
    expr->mode = std::move(*mode);
  }
  if (accept(Tok::At)) {
    auto role = expectName("naming a role after '@'");
    if (!role)
      return nullptr;
    expr->extra().role = std::move(*role);
  }
  if (acceptWord(Kw::If)) {
    auto condition = expectName("naming a fact after 'if'");
    if (!condition)
      return nullptr;
    expr->extra().condition = std::move(*condition);
  }
  expr->span = spanFrom(begin);
  return expr;
}

} // namespace lockspec
