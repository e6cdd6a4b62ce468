#include "parser.h"

#include <algorithm>
#include <cassert>
#include <iterator>
#include <new>
#include <string_view>


namespace lockspec {
namespace {

/// The kind of API function the keyword `word` starts, when it is one of the five that do.
std::optional<ast::Api::Kind> apiKindOf(Kw word) {
  switch (word) {
  case Kw::Acquire:
    return ast::Api::Kind::Acquire;
  case Kw::Try:
    return ast::Api::Kind::Try;
  case Kw::Release:
    return ast::Api::Kind::Release;
  case Kw::Downgrade:
    return ast::Api::Kind::Downgrade;
  case Kw::Assert:
    return ast::Api::Kind::Assert;
  default:
    return std::nullopt;
  }
}

constexpr unsigned kMaxDepth = 200; // Deeper nesting is certainly a mistake (or a fuzzer).

} // namespace

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
    // Placement new so the lexer builds the token in its slot (guaranteed copy elision);
    // assigning copied each token once more, 4M instructions at 10k rules.  Token is
    // trivially destructible, so reusing its storage needs no destructor call.
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
  bool isDoc = atWord(Kw::Doc);
  ast::Str *target = isDoc ? &prose.doc : &prose.source;
  // Context strings are literals: building them on every doc and source was ~2 allocations
  // each.
  Token keyword = take();
  auto value = expectString(isDoc ? "after 'doc'" : "after 'source'");
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

void Parser::parseObject(ast::Spec &spec) {
  take();
  auto name = expectName("after 'object'");
  if (!name || !expect(Tok::LBrace, "after object name"))
    return recover();
  // Built in place: moving a finished declaration into the spec, then destroying the local,
  // cost about as much as its fields' allocations.
  ast::Object &object = spec.objects.emplace_back();
  object.name = std::move(*name);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(object.prose))
      continue;
    if (acceptWord(Kw::Var)) {
      auto var = expectName("after 'var'");
      if (!var || !expect(Tok::Semi, "after var")) {
        recover();
        continue;
      }
      object.var = std::move(*var);
    } else if (acceptWord(Kw::Link)) {
      ast::Link link;
      auto linkName = expectName("after 'link'");
      if (!linkName || !expect(Tok::Colon, "after link name")) {
        recover();
        continue;
      }
      auto target = expectName("naming the linked object");
      if (!target || !expect(Tok::Equal, "after linked object")) {
        recover();
        continue;
      }
      auto expr = expectString("holding the link's C expression");
      if (!expr || !expect(Tok::Semi, "after link")) {
        recover();
        continue;
      }
      object.links.push_back({std::move(*linkName), std::move(*target), std::move(*expr)});
    } else if (atWord(Kw::Field)) {
      parseField(object);
    } else {
      errorHere("expected 'doc', 'source', 'var', 'link' or 'field' in object");
      recover();
    }
  }
  expect(Tok::RBrace, "to end object");
}

void Parser::parseField(ast::Object &object) {
  take();
  auto name = expectName("after 'field'");
  if (!name || !expect(Tok::LBrace, "after field name"))
    return recover();
  ast::Field &field = object.fields.emplace_back(); // In place, as in parseObject.
  field.name = std::move(*name);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(field.prose))
      continue;
    if (atWord(Kw::Table) || atWord(Kw::Config)) {
      bool isTable = take().kw == Kw::Table;
      auto value = expectString(isTable ? "after 'table'" : "after 'config'");
      if (!value || !expect(Tok::Semi, isTable ? "after table" : "after config")) {
        recover();
        continue;
      }
      (isTable ? field.table : field.config) = std::move(*value);
    } else if (atWord(Kw::Read) || atWord(Kw::Write)) {
      bool isWrite = take().kw == Kw::Write;
      ast::Str transition;
      if (isWrite && accept(Tok::LBracket)) {
        auto value = expectString("naming the transition");
        if (!value || !expect(Tok::RBracket, "after transition")) {
          recover();
          continue;
        }
        transition = std::move(*value);
      }
      auto rule = parseFieldRule();
      if (!rule || !expect(Tok::Semi, "after field rule")) {
        recover();
        continue;
      }
      rule->transition = transition;
      (isWrite ? field.writes : field.reads).push_back(std::move(*rule));
    } else {
      errorHere("expected 'doc', 'source', 'table', 'config', 'read' or 'write' in field");
      recover();
    }
  }
  expect(Tok::RBrace, "to end field");
}

std::optional<ast::FieldRule> Parser::parseFieldRule() {
  ast::FieldRule rule;
  Span begin = peek().span;
  if (atWord(Kw::Once) && peek(1).kind == Tok::Semi) {
    take();
    rule.kind = ast::FieldRule::Kind::Once;
  } else if (atWord(Kw::Owner) && peek(1).kind == Tok::String) {
    take();
    rule.kind = ast::FieldRule::Kind::Owner;
    rule.owner = *expectString("naming the owner");
  } else {
    rule.expr = parseExpr();
    if (!rule.expr)
      return std::nullopt;
  }
  rule.span = spanFrom(begin);
  return rule;
}

void Parser::parseLock(ast::Spec &spec) {
  take();
  auto name = expectName("after 'lock'");
  if (!name || !expect(Tok::Colon, "after lock name"))
    return recover();
  auto kind = expectName("naming the lock kind");
  if (!kind)
    return recover();
  std::optional<ast::Name> owner;
  if (acceptWord(Kw::On)) {
    owner = expectName("after 'on'");
    if (!owner)
      return recover();
  }
  if (!expect(Tok::LBrace, "to start the lock body"))
    return recover();
  ast::Lock &lock = spec.locks.emplace_back(); // In place, as in parseObject.
  lock.name = std::move(*name);
  lock.kind = std::move(*kind);
  if (owner)
    lock.owner = std::move(*owner);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(lock.prose))
      continue;
    if (acceptWord(Kw::Path)) {
      auto path = expectString("after 'path'");
      if (!path || !expect(Tok::Semi, "after path")) {
        recover();
        continue;
      }
      lock.path = std::move(*path);
    } else if (atWord(Kw::Mode)) {
      parseMode(lock);
    } else if (acceptWord(Kw::Split)) {
      auto config = expectString("naming the config option");
      if (!config || !expectWord(Kw::Else, "after split config")) {
        recover();
        continue;
      }
      auto other = expectName("naming the lock used otherwise");
      if (!other || !expect(Tok::Semi, "after split")) {
        recover();
        continue;
      }
      lock.splitConfig = std::move(*config);
      lock.splitElse = std::move(*other);
    } else if (auto kind = apiKindOf(peek().kw)) {
      parseApi(lock, *kind);
    } else {
      errorHere("expected 'doc', 'source', 'path', 'mode', 'split' or an API function in lock");
      recover();
    }
  }
  expect(Tok::RBrace, "to end lock");
}

void Parser::parseMode(ast::Lock &lock) {
  take();
  ast::Mode mode;
  auto name = expectName("after 'mode'");
  if (!name)
    return recover();
  mode.name = std::move(*name);
  if (accept(Tok::LParen)) {
    auto abbrev = expectString("holding the mode's abbreviation");
    if (!abbrev || !expect(Tok::RParen, "after abbreviation"))
      return recover();
    mode.abbrev = std::move(*abbrev);
  }
  auto sharing = expectName("('shared' or 'exclusive') after mode name");
  if (!sharing)
    return recover();
  mode.sharing = std::move(*sharing);
  if (acceptWord(Kw::Implies)) {
    do {
      auto implied = expectName("after 'implies'");
      if (!implied)
        return recover();
      mode.implies.push_back(std::move(*implied));
    } while (accept(Tok::Comma));
  }
  if (acceptWord(Kw::From)) {
    auto from = expectName("after 'from'");
    if (!from)
      return recover();
    mode.from = std::move(*from);
  }
  if (!expect(Tok::Semi, "after mode"))
    return recover();
  lock.modes.push_back(std::move(mode));
}

void Parser::parseApi(ast::Lock &lock, ast::Api::Kind kind) {
  // Parsed in place rather than into a local that is then moved: an Api is ten strings, and
  // the move and the moved-from destructor cost ~2M instructions at 10k rules.
  ast::Api &api = lock.apis.emplace_back();
  api.kind = kind;
  if (!parseApiInto(api))
    lock.apis.pop_back();
}

bool Parser::parseApiInto(ast::Api &api) {
  take(); // The kind's word, which the caller has read.
  auto name = expectName("naming the API function");
  if (!name || !expect(Tok::LParen, "after function name")) {
    recover();
    return false;
  }
  api.name = std::move(*name);
  if (!at(Tok::RParen)) {
    do {
      ast::Param param;
      param.instance = accept(Tok::At);
      param.out = accept(Tok::Star);
      auto paramName = expectName("naming a parameter");
      if (!paramName) {
        recover();
        return false;
      }
      param.name = std::move(*paramName);
      api.params.push_back(std::move(param));
    } while (accept(Tok::Comma));
  }
  if (!expect(Tok::RParen, "after parameters")) {
    recover();
    return false;
  }
  if (accept(Tok::Arrow)) {
    if (accept(Tok::At)) {
      api.returnsInstance = true;
    } else {
      auto type = expectName("or '@' after '->'");
      if (!type) {
        recover();
        return false;
      }
      api.extra().returnType = std::move(*type);
    }
  }
  auto mode = expectName("naming the mode");
  if (!mode) {
    recover();
    return false;
  }
  api.mode = std::move(*mode);
  if (accept(Tok::Arrow)) {
    auto to = expectName("naming the mode converted to");
    if (!to) {
      recover();
      return false;
    }
    api.extra().toMode = std::move(*to);
  }
  for (;;) {
    if (acceptWord(Kw::When)) {
      auto success = expectName("('true', 'zero' or 'nonnull') after 'when'");
      if (!success) {
        recover();
        return false;
      }
      api.extra().success = std::move(*success);
    } else if (acceptWord(Kw::Killable)) {
      api.killable = true;
    } else if (acceptWord(Kw::All)) {
      api.all = true;
    } else if (acceptWord(Kw::Fallback)) {
      auto fallback = expectName("after 'fallback'");
      if (!fallback) {
        recover();
        return false;
      }
      api.extra().fallback = std::move(*fallback);
    } else {
      break;
    }
  }
  if (at(Tok::String))
    api.doc = *expectString("");
  if (!expect(Tok::Semi, "after API function")) {
    recover();
    return false;
  }
  return true;
}

void Parser::parseGroup(ast::Spec &spec) {
  take();
  ast::Group group;
  auto name = expectName("after 'group'");
  if (!name || !expect(Tok::Equal, "after group name"))
    return recover();
  group.name = std::move(*name);
  do {
    auto member = expectName("naming a group member");
    if (!member)
      return recover();
    group.members.push_back(std::move(*member));
  } while (accept(Tok::Pipe));
  parseBody(group.prose, "group");
  spec.groups.push_back(std::move(group));
}

void Parser::parseFact(ast::Spec &spec) {
  take();
  ast::Fact fact;
  auto name = expectName("after 'fact'");
  if (!name)
    return recover();
  fact.name = std::move(*name);
  if (accept(Tok::Equal)) {
    auto test = expectString("holding the fact's C test");
    if (!test)
      return recover();
    fact.test = std::move(*test);
  }
  parseBody(fact.prose, "fact");
  spec.facts.push_back(std::move(fact));
}

void Parser::parseLet(ast::Spec &spec) {
  take();
  ast::Let let;
  auto name = expectName("after 'let'");
  if (!name || !expect(Tok::Equal, "after let name"))
    return recover();
  let.name = std::move(*name);
  let.expr = parseExpr();
  if (!let.expr)
    return recover();
  parseBody(let.prose, "let");
  spec.lets.push_back(std::move(let));
}

std::optional<ast::LockMode> Parser::parseLockMode(std::string_view context) {
  auto lock = expectName(context);
  if (!lock)
    return std::nullopt;
  ast::LockMode lm{std::move(*lock), {}};
  if (accept(Tok::Dot)) {
    auto mode = expectName("naming a mode after '.'");
    if (!mode)
      return std::nullopt;
    lm.mode = std::move(*mode);
  }
  return lm;
}

void Parser::parseRelation(ast::Spec &spec) {
  take();
  ast::Relation relation;
  auto name = expectName("after 'relation'");
  if (!name || !expect(Tok::LBrace, "after relation name"))
    return recover();
  relation.name = std::move(*name);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(relation.prose))
      continue;
    ast::RelationRule rule;
    Span begin = peek().span;
    bool ok = false;
    if (acceptWord(Kw::Acquire)) {
      auto lock = parseLockMode("naming the lock acquired");
      if (lock) {
        rule.lock = std::move(*lock);
        if (acceptWord(Kw::Requires)) {
          rule.kind = ast::RelationRule::Kind::Requires;
          auto other = parseLockMode("naming the lock required");
          if (other)
            rule.other = *other, ok = true;
        } else if (acceptWord(Kw::Forbidden)) {
          rule.kind = ast::RelationRule::Kind::Forbidden;
          if (expectWord(Kw::While, "after 'forbidden'")) {
            auto other = parseLockMode("naming the lock held");
            if (other)
              rule.other = *other, ok = true;
          }
        } else {
          errorHere("expected 'requires' or 'forbidden' after the acquired lock");
        }
      }
    } else if (at(Tok::Ident)) {
      auto lock = parseLockMode("");
      if (lock && expectWord(Kw::Ends, "after lock in relation") &&
          expectWord(Kw::With, "after 'ends'")) {
        rule.kind = ast::RelationRule::Kind::EndsWith;
        rule.lock = std::move(*lock);
        auto other = parseLockMode("naming the lock it ends with");
        if (other)
          rule.other = *other, ok = true;
      }
    } else {
      errorHere("expected 'doc', 'source', 'acquire' or a lock in relation");
    }
    if (!ok || !expect(Tok::Semi, "after relation rule")) {
      recover();
      continue;
    }
    rule.span = spanFrom(begin);
    relation.rules.push_back(rule);
  }
  expect(Tok::RBrace, "to end relation");
  spec.relations.push_back(std::move(relation));
}

void Parser::parseOrder(ast::Spec &spec) {
  take();
  ast::Order order;
  auto name = expectName("after 'order'");
  if (!name || !expect(Tok::LBrace, "after order name"))
    return recover();
  order.name = std::move(*name);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(order.prose))
      continue;
    if (atWord(Kw::Historical) && peek(1).kind == Tok::String) {
      take();
      order.historical = *expectString("");
      if (!expect(Tok::Semi, "after historical"))
        recover();
      continue;
    }
    if (auto node = parseOrderNode())
      order.roots.push_back(std::move(*node));
    else
      recover();
  }
  expect(Tok::RBrace, "to end order");
  spec.orders.push_back(std::move(order));
}

std::optional<ast::OrderNode> Parser::parseOrderNode() {
  if (depth_ >= kMaxDepth) {
    errorHere("order tree nested too deeply");
    return std::nullopt;
  }
  ast::OrderNode node;
  Span begin = peek().span;
  do {
    auto lock = parseLockMode("naming a lock in the order tree");
    if (!lock)
      return std::nullopt;
    node.locks.push_back(std::move(*lock));
  } while (accept(Tok::Pipe));
  if (at(Tok::String))
    node.note = *expectString("");
  node.span = spanFrom(begin);
  if (accept(Tok::Semi))
    return node;
  if (!expect(Tok::LBrace, "or ';' after order node"))
    return std::nullopt;
  ++depth_;
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (auto child = parseOrderNode())
      node.children.push_back(std::move(*child));
    else
      recover();
  }
  --depth_;
  if (!expect(Tok::RBrace, "to end order node"))
    return std::nullopt;
  return node;
}

std::optional<ast::Role> Parser::parseRole() {
  auto name = expectName("naming the role");
  if (!name || !expect(Tok::Colon, "after role name"))
    return std::nullopt;
  auto object = expectName("naming the role's object");
  if (!object)
    return std::nullopt;
  ast::Role role{std::move(*name), std::move(*object), {}};
  if (accept(Tok::Equal)) {
    auto expr = expectString("holding the role's C expression");
    if (!expr)
      return std::nullopt;
    role.expr = std::move(*expr);
  }
  if (!expect(Tok::Semi, "after role"))
    return std::nullopt;
  return role;
}

void Parser::parseOperation(ast::Spec &spec) {
  take();
  auto name = expectName("after 'operation'");
  if (!name || !expect(Tok::LBrace, "after operation name"))
    return recover();
  ast::Operation &op = spec.operations.emplace_back(); // In place, as in parseObject.
  op.name = std::move(*name);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(op.prose))
      continue;
    if (atWord(Kw::Subject) || atWord(Kw::Role)) {
      bool isSubject = take().kw == Kw::Subject;
      auto role = parseRole();
      if (!role) {
        recover();
        continue;
      }
      (isSubject ? op.subjects : op.roles).push_back(std::move(*role));
    } else if (acceptWord(Kw::Requires)) {
      auto expr = parseExpr();
      if (!expr || !expect(Tok::Semi, "after requirement")) {
        recover();
        continue;
      }
      op.requires_.push_back(std::move(expr));
    } else if (acceptWord(Kw::Rejects)) {
      auto expr = parseExpr();
      if (!expr) {
        recover();
        continue;
      }
      auto reason = expectString("giving the reason the lock set is not enough");
      if (!reason || !expect(Tok::Semi, "after rejects")) {
        recover();
        continue;
      }
      op.rejects.push_back({std::move(expr), std::move(*reason)});
    } else if (atWord(Kw::Note) || atWord(Kw::Warning)) {
      bool isNote = take().kw == Kw::Note;
      auto text = expectString("after note or warning");
      if (!text || !expect(Tok::Semi, "after note or warning")) {
        recover();
        continue;
      }
      (isNote ? op.notes : op.warnings).push_back(std::move(*text));
    } else if (acceptWord(Kw::Api)) {
      bool ok = true;
      do {
        auto fn = expectName("naming an API function");
        if (!fn) {
          ok = false;
          break;
        }
        op.apis.push_back(std::move(*fn));
      } while (accept(Tok::Comma));
      if (!ok || !expect(Tok::Semi, "after api list"))
        recover();
    } else {
      errorHere("expected 'doc', 'source', 'subject', 'role', 'requires', 'rejects', 'note', "
                "'warning' or 'api' in operation");
      recover();
    }
  }
  expect(Tok::RBrace, "to end operation");
}

void Parser::parseTable(ast::Spec &spec) {
  take();
  ast::Table table;
  auto name = expectName("after 'table'");
  if (!name || !expect(Tok::LBrace, "after table name"))
    return recover();
  table.name = std::move(*name);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(table.prose))
      continue;
    if (acceptWord(Kw::Object)) {
      auto object = expectName("after 'object'");
      if (!object || !expect(Tok::Semi, "after object")) {
        recover();
        continue;
      }
      table.object = std::move(*object);
    } else if (acceptWord(Kw::Axis)) {
      auto lock = expectName("naming the axis lock");
      if (!lock) {
        recover();
        continue;
      }
      auto title = expectString("holding the axis heading");
      if (!title || !expect(Tok::Semi, "after axis")) {
        recover();
        continue;
      }
      table.axes.push_back(std::move(*lock));
      table.axisTitles.push_back(std::move(*title));
    } else if (acceptWord(Kw::Column)) {
      ast::Column column;
      auto colName = expectName("naming the column");
      if (!colName) {
        recover();
        continue;
      }
      column.name = std::move(*colName);
      auto title = expectString("holding the column heading");
      if (!title || !expect(Tok::Equal, "after column heading")) {
        recover();
        continue;
      }
      column.title = std::move(*title);
      bool ok = true;
      if ((atWord(Kw::Reads) || atWord(Kw::Writes)) && peek(1).kind == Tok::Ident &&
          peek(2).kind != Tok::Dot && peek(2).kind != Tok::Amp && peek(2).kind != Tok::Pipe) {
        column.kind = take().kw == Kw::Reads ? ast::Column::Kind::Reads : ast::Column::Kind::Writes;
        column.object = *expectName("");
        if (column.kind == ast::Column::Kind::Writes && acceptWord(Kw::In)) {
          do {
            auto t = expectString("naming a field table");
            if (!t) {
              ok = false;
              break;
            }
            column.tables.push_back(std::move(*t));
          } while (accept(Tok::Comma));
        }
      } else {
        column.expr = parseExpr();
        ok = column.expr != nullptr;
      }
      if (!ok || !expect(Tok::Semi, "after column")) {
        recover();
        continue;
      }
      table.columns.push_back(std::move(column));
    } else if (atWord(Kw::Row)) {
      ast::Row row;
      Span begin = take().span;
      bool ok = true;
      do {
        ast::Cell cell;
        Span cellBegin = peek().span;
        do {
          if (at(Tok::Minus)) {
            const Token &tok = take();
            cell.modes.push_back({"-", tok.span});
          } else if (auto mode = expectName("or '-' in table cell")) {
            cell.modes.push_back(std::move(*mode));
          } else {
            ok = false;
            break;
          }
        } while (accept(Tok::Slash));
        cell.span = spanFrom(cellBegin);
        row.cells.push_back(std::move(cell));
      } while (ok && accept(Tok::Comma));
      if (ok && expect(Tok::Colon, "between row cells and values")) {
        do {
          auto value = expectName("('Y' or 'N') as a row value");
          if (!value) {
            ok = false;
            break;
          }
          row.values.push_back(std::move(*value));
        } while (accept(Tok::Comma));
      } else {
        ok = false;
      }
      if (!ok || !expect(Tok::Semi, "after row")) {
        recover();
        continue;
      }
      row.span = spanFrom(begin);
      table.rows.push_back(std::move(row));
    } else {
      errorHere("expected 'doc', 'source', 'object', 'axis', 'column' or 'row' in table");
      recover();
    }
  }
  expect(Tok::RBrace, "to end table");
  spec.tables.push_back(std::move(table));
}

void Parser::parseMatrix(ast::Spec &spec) {
  take();
  ast::Matrix matrix;
  auto name = expectName("after 'matrix'");
  if (!name || !expect(Tok::LBrace, "after matrix name"))
    return recover();
  matrix.name = std::move(*name);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(matrix.prose))
      continue;
    if (atWord(Kw::Lock) && peek(1).kind == Tok::Ident) {
      take();
      matrix.lock = *expectName("");
      if (!expect(Tok::Semi, "after lock"))
        recover();
      continue;
    }
    ast::MatrixRow row;
    Span begin = peek().span;
    auto mode = expectName("naming a mode (matrix row)");
    if (!mode || !expect(Tok::Colon, "after matrix row mode")) {
      recover();
      continue;
    }
    row.mode = std::move(*mode);
    bool ok = true;
    do {
      auto value = expectName("('Y' or 'N') in matrix row");
      if (!value) {
        ok = false;
        break;
      }
      row.values.push_back(std::move(*value));
    } while (accept(Tok::Comma));
    if (!ok || !expect(Tok::Semi, "after matrix row")) {
      recover();
      continue;
    }
    row.span = spanFrom(begin);
    matrix.rows.push_back(std::move(row));
  }
  expect(Tok::RBrace, "to end matrix");
  spec.matrices.push_back(std::move(matrix));
}

void Parser::parseTopic(ast::Spec &spec) {
  take();
  ast::Topic topic;
  auto name = expectName("after 'topic'");
  if (!name || !expect(Tok::LBrace, "after topic name"))
    return recover();
  topic.name = std::move(*name);
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(topic.prose))
      continue;
    if (acceptWord(Kw::Title)) {
      auto title = expectString("after 'title'");
      if (!title || !expect(Tok::Semi, "after title")) {
        recover();
        continue;
      }
      topic.title = std::move(*title);
      continue;
    }
    errorHere("expected 'title', 'doc' or 'source' in topic");
    recover();
  }
  expect(Tok::RBrace, "to end topic");
  spec.topics.push_back(std::move(topic));
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
  // An operator has at least two operands, nearly always exactly two: one allocation, not a
  // second one to grow from one (3M instructions of vector growth at 10k rules).
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
