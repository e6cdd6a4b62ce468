#include "parser.h"

namespace lockspec {

namespace {
constexpr unsigned kMaxDepth = 200; // Deeper nesting is certainly a mistake (or a fuzzer).
}

Parser::Parser(const SourceManager &sources, Diagnostics &diags, IncludeResolver resolve)
    : sources_(sources), diags_(diags), resolve_(std::move(resolve)) {}

void Parser::parseFile(FileId file, ast::Spec &spec) {
  // Save and restore the token stream so includes can recurse.
  std::unique_ptr<Lexer> savedLexer = std::move(lexer_);
  std::deque<Token> savedAhead = std::move(ahead_);
  std::optional<Token> savedTaken = std::move(taken_);
  FileId savedFile = file_;
  lexer_ = std::make_unique<Lexer>(sources_, file, diags_);
  ahead_.clear();
  taken_.reset();
  file_ = file;
  while (!at(Tok::Eof))
    parseDecl(spec);
  lexer_ = std::move(savedLexer);
  ahead_ = std::move(savedAhead);
  taken_ = std::move(savedTaken);
  file_ = savedFile;
}

const Token &Parser::lexUpTo(size_t ahead) const {
  while (ahead_.size() <= ahead && (ahead_.empty() || ahead_.back().kind != Tok::Eof))
    ahead_.push_back(lexer_->next());
  return ahead_[std::min(ahead, ahead_.size() - 1)];
}

Token &Parser::takeToken() {
  peek();
  if (ahead_.front().kind == Tok::Eof) // Eof is never consumed: every later peek sees it.
    return ahead_.front();
  taken_ = std::move(ahead_.front());
  ahead_.pop_front();
  return *taken_;
}

const Token &Parser::take() {
  return takeToken();
}

bool Parser::accept(Tok kind) {
  if (!at(kind))
    return false;
  take();
  return true;
}

bool Parser::acceptWord(std::string_view word) {
  if (!atWord(word))
    return false;
  take();
  return true;
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

bool Parser::expect(Tok kind, std::string_view context) {
  if (accept(kind))
    return true;
  errorHere(std::string("expected ") + toString(kind) + " " + std::string(context));
  return false;
}

bool Parser::expectWord(std::string_view word, std::string_view context) {
  if (acceptWord(word))
    return true;
  errorHere("expected '" + std::string(word) + "' " + std::string(context));
  return false;
}

std::optional<ast::Name> Parser::expectName(std::string_view context) {
  if (!at(Tok::Ident)) {
    errorHere("expected identifier " + std::string(context));
    return std::nullopt;
  }
  const Token &tok = take();
  return ast::Name{std::string(tok.text), tok.span};
}

std::optional<ast::Str> Parser::expectString(std::string_view context) {
  if (!at(Tok::String)) {
    errorHere("expected string " + std::string(context));
    return std::nullopt;
  }
  // The parser never reads a string token twice, so its decoded value moves into the tree
  // instead of being allocated a second time.
  Token &tok = takeToken();
  return ast::Str{std::move(tok.value), tok.span, true};
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
  Span end = taken_ ? taken_->span : begin;
  return {begin.file, begin.begin, std::max(begin.end, end.end)};
}

void Parser::parseDecl(ast::Spec &spec) {
  if (atWord("include")) {
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
  if (atWord("object"))
    return parseObject(spec);
  if (atWord("lock"))
    return parseLock(spec);
  if (atWord("group"))
    return parseGroup(spec);
  if (atWord("fact"))
    return parseFact(spec);
  if (atWord("let"))
    return parseLet(spec);
  if (atWord("relation"))
    return parseRelation(spec);
  if (atWord("order"))
    return parseOrder(spec);
  if (atWord("operation"))
    return parseOperation(spec);
  if (atWord("table"))
    return parseTable(spec);
  if (atWord("matrix"))
    return parseMatrix(spec);
  if (atWord("topic"))
    return parseTopic(spec);
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

bool Parser::parseProse(ast::Prose &prose) {
  ast::Str *target = atWord("doc") ? &prose.doc : atWord("source") ? &prose.source : nullptr;
  if (!target)
    return false;
  Token keyword = take();
  auto value = expectString("after '" + std::string(keyword.text) + "'");
  if (!value) {
    recover();
    return true;
  }
  if (target->present) {
    Diagnostic &diag = diags_.error(keyword.span, "duplicate '" + std::string(keyword.text) + "'");
    Diagnostics::note(diag, target->span, "previous '" + std::string(keyword.text) + "' here");
  }
  *target = *value;
  if (!expect(Tok::Semi, "after " + std::string(keyword.text) + " string"))
    recover();
  return true;
}

void Parser::parseBody(ast::Prose &prose, std::string_view what) {
  if (accept(Tok::Semi))
    return;
  if (!expect(Tok::LBrace, "or ';' to end " + std::string(what)))
    return recover();
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (!parseProse(prose)) {
      errorHere("expected 'doc' or 'source' in " + std::string(what));
      recover();
    }
  }
  expect(Tok::RBrace, "to end " + std::string(what));
}

void Parser::parseObject(ast::Spec &spec) {
  take();
  auto name = expectName("after 'object'");
  if (!name || !expect(Tok::LBrace, "after object name"))
    return recover();
  ast::Object object;
  object.name = *name;
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(object.prose))
      continue;
    if (acceptWord("var")) {
      auto var = expectName("after 'var'");
      if (!var || !expect(Tok::Semi, "after var")) {
        recover();
        continue;
      }
      object.var = *var;
    } else if (acceptWord("link")) {
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
      object.links.push_back({*linkName, *target, *expr});
    } else if (atWord("field")) {
      parseField(object);
    } else {
      errorHere("expected 'doc', 'source', 'var', 'link' or 'field' in object");
      recover();
    }
  }
  expect(Tok::RBrace, "to end object");
  spec.objects.push_back(std::move(object));
}

void Parser::parseField(ast::Object &object) {
  take();
  auto name = expectName("after 'field'");
  if (!name || !expect(Tok::LBrace, "after field name"))
    return recover();
  ast::Field field;
  field.name = *name;
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(field.prose))
      continue;
    if (atWord("table") || atWord("config")) {
      Token keyword = take();
      auto value = expectString("after '" + std::string(keyword.text) + "'");
      if (!value || !expect(Tok::Semi, "after " + std::string(keyword.text))) {
        recover();
        continue;
      }
      (keyword.text == "table" ? field.table : field.config) = *value;
    } else if (atWord("read") || atWord("write")) {
      bool isWrite = take().text == "write";
      ast::Str transition;
      if (isWrite && accept(Tok::LBracket)) {
        auto value = expectString("naming the transition");
        if (!value || !expect(Tok::RBracket, "after transition")) {
          recover();
          continue;
        }
        transition = *value;
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
  object.fields.push_back(std::move(field));
}

std::optional<ast::FieldRule> Parser::parseFieldRule() {
  ast::FieldRule rule;
  Span begin = peek().span;
  if (atWord("once") && peek(1).kind == Tok::Semi) {
    take();
    rule.kind = ast::FieldRule::Kind::Once;
  } else if (atWord("owner") && peek(1).kind == Tok::String) {
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
  ast::Lock lock;
  auto name = expectName("after 'lock'");
  if (!name || !expect(Tok::Colon, "after lock name"))
    return recover();
  lock.name = *name;
  auto kind = expectName("naming the lock kind");
  if (!kind)
    return recover();
  lock.kind = *kind;
  if (acceptWord("on")) {
    auto owner = expectName("after 'on'");
    if (!owner)
      return recover();
    lock.owner = *owner;
  }
  if (!expect(Tok::LBrace, "to start the lock body"))
    return recover();
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(lock.prose))
      continue;
    if (acceptWord("path")) {
      auto path = expectString("after 'path'");
      if (!path || !expect(Tok::Semi, "after path")) {
        recover();
        continue;
      }
      lock.path = *path;
    } else if (atWord("mode")) {
      parseMode(lock);
    } else if (acceptWord("split")) {
      auto config = expectString("naming the config option");
      if (!config || !expectWord("else", "after split config")) {
        recover();
        continue;
      }
      auto other = expectName("naming the lock used otherwise");
      if (!other || !expect(Tok::Semi, "after split")) {
        recover();
        continue;
      }
      lock.splitConfig = *config;
      lock.splitElse = *other;
    } else if (atWord("acquire") || atWord("try") || atWord("release") || atWord("downgrade") ||
               atWord("assert")) {
      parseApi(lock);
    } else {
      errorHere("expected 'doc', 'source', 'path', 'mode', 'split' or an API function in lock");
      recover();
    }
  }
  expect(Tok::RBrace, "to end lock");
  spec.locks.push_back(std::move(lock));
}

void Parser::parseMode(ast::Lock &lock) {
  take();
  ast::Mode mode;
  auto name = expectName("after 'mode'");
  if (!name)
    return recover();
  mode.name = *name;
  if (accept(Tok::LParen)) {
    auto abbrev = expectString("holding the mode's abbreviation");
    if (!abbrev || !expect(Tok::RParen, "after abbreviation"))
      return recover();
    mode.abbrev = *abbrev;
  }
  auto sharing = expectName("('shared' or 'exclusive') after mode name");
  if (!sharing)
    return recover();
  mode.sharing = *sharing;
  if (acceptWord("implies")) {
    do {
      auto implied = expectName("after 'implies'");
      if (!implied)
        return recover();
      mode.implies.push_back(*implied);
    } while (accept(Tok::Comma));
  }
  if (acceptWord("from")) {
    auto from = expectName("after 'from'");
    if (!from)
      return recover();
    mode.from = *from;
  }
  if (!expect(Tok::Semi, "after mode"))
    return recover();
  lock.modes.push_back(std::move(mode));
}

void Parser::parseApi(ast::Lock &lock) {
  ast::Api api;
  const Token &kind = take();
  api.kind = {std::string(kind.text), kind.span};
  auto name = expectName("naming the API function");
  if (!name || !expect(Tok::LParen, "after function name"))
    return recover();
  api.name = *name;
  if (!at(Tok::RParen)) {
    do {
      ast::Param param;
      param.instance = accept(Tok::At);
      param.out = accept(Tok::Star);
      auto paramName = expectName("naming a parameter");
      if (!paramName)
        return recover();
      param.name = *paramName;
      api.params.push_back(std::move(param));
    } while (accept(Tok::Comma));
  }
  if (!expect(Tok::RParen, "after parameters"))
    return recover();
  if (accept(Tok::Arrow)) {
    if (accept(Tok::At)) {
      api.returnsInstance = true;
    } else {
      auto type = expectName("or '@' after '->'");
      if (!type)
        return recover();
      api.returnType = *type;
    }
  }
  auto mode = expectName("naming the mode");
  if (!mode)
    return recover();
  api.mode = *mode;
  if (accept(Tok::Arrow)) {
    auto to = expectName("naming the mode converted to");
    if (!to)
      return recover();
    api.toMode = *to;
  }
  for (;;) {
    if (acceptWord("when")) {
      auto success = expectName("('true', 'zero' or 'nonnull') after 'when'");
      if (!success)
        return recover();
      api.success = *success;
    } else if (acceptWord("killable")) {
      api.killable = true;
    } else if (acceptWord("all")) {
      api.all = true;
    } else if (acceptWord("fallback")) {
      auto fallback = expectName("after 'fallback'");
      if (!fallback)
        return recover();
      api.fallback = *fallback;
    } else {
      break;
    }
  }
  if (at(Tok::String))
    api.doc = *expectString("");
  if (!expect(Tok::Semi, "after API function"))
    return recover();
  lock.apis.push_back(std::move(api));
}

void Parser::parseGroup(ast::Spec &spec) {
  take();
  ast::Group group;
  auto name = expectName("after 'group'");
  if (!name || !expect(Tok::Equal, "after group name"))
    return recover();
  group.name = *name;
  do {
    auto member = expectName("naming a group member");
    if (!member)
      return recover();
    group.members.push_back(*member);
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
  fact.name = *name;
  if (accept(Tok::Equal)) {
    auto test = expectString("holding the fact's C test");
    if (!test)
      return recover();
    fact.test = *test;
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
  let.name = *name;
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
  ast::LockMode lm{*lock, {}};
  if (accept(Tok::Dot)) {
    auto mode = expectName("naming a mode after '.'");
    if (!mode)
      return std::nullopt;
    lm.mode = *mode;
  }
  return lm;
}

void Parser::parseRelation(ast::Spec &spec) {
  take();
  ast::Relation relation;
  auto name = expectName("after 'relation'");
  if (!name || !expect(Tok::LBrace, "after relation name"))
    return recover();
  relation.name = *name;
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(relation.prose))
      continue;
    ast::RelationRule rule;
    Span begin = peek().span;
    bool ok = false;
    if (acceptWord("acquire")) {
      auto lock = parseLockMode("naming the lock acquired");
      if (lock) {
        rule.lock = *lock;
        if (acceptWord("requires")) {
          rule.kind = ast::RelationRule::Kind::Requires;
          auto other = parseLockMode("naming the lock required");
          if (other)
            rule.other = *other, ok = true;
        } else if (acceptWord("forbidden")) {
          rule.kind = ast::RelationRule::Kind::Forbidden;
          if (expectWord("while", "after 'forbidden'")) {
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
      if (lock && expectWord("ends", "after lock in relation") &&
          expectWord("with", "after 'ends'")) {
        rule.kind = ast::RelationRule::Kind::EndsWith;
        rule.lock = *lock;
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
  order.name = *name;
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(order.prose))
      continue;
    if (atWord("historical") && peek(1).kind == Tok::String) {
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
    node.locks.push_back(*lock);
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
  ast::Role role{*name, *object, {}};
  if (accept(Tok::Equal)) {
    auto expr = expectString("holding the role's C expression");
    if (!expr)
      return std::nullopt;
    role.expr = *expr;
  }
  if (!expect(Tok::Semi, "after role"))
    return std::nullopt;
  return role;
}

void Parser::parseOperation(ast::Spec &spec) {
  take();
  ast::Operation op;
  auto name = expectName("after 'operation'");
  if (!name || !expect(Tok::LBrace, "after operation name"))
    return recover();
  op.name = *name;
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(op.prose))
      continue;
    if (atWord("subject") || atWord("role")) {
      bool isSubject = take().text == "subject";
      auto role = parseRole();
      if (!role) {
        recover();
        continue;
      }
      (isSubject ? op.subjects : op.roles).push_back(*role);
    } else if (acceptWord("requires")) {
      auto expr = parseExpr();
      if (!expr || !expect(Tok::Semi, "after requirement")) {
        recover();
        continue;
      }
      op.requires_.push_back(std::move(expr));
    } else if (acceptWord("rejects")) {
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
      op.rejects.push_back({std::move(expr), *reason});
    } else if (atWord("note") || atWord("warning")) {
      bool isNote = take().text == "note";
      auto text = expectString("after note or warning");
      if (!text || !expect(Tok::Semi, "after note or warning")) {
        recover();
        continue;
      }
      (isNote ? op.notes : op.warnings).push_back(*text);
    } else if (acceptWord("api")) {
      bool ok = true;
      do {
        auto fn = expectName("naming an API function");
        if (!fn) {
          ok = false;
          break;
        }
        op.apis.push_back(*fn);
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
  spec.operations.push_back(std::move(op));
}

void Parser::parseTable(ast::Spec &spec) {
  take();
  ast::Table table;
  auto name = expectName("after 'table'");
  if (!name || !expect(Tok::LBrace, "after table name"))
    return recover();
  table.name = *name;
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(table.prose))
      continue;
    if (acceptWord("object")) {
      auto object = expectName("after 'object'");
      if (!object || !expect(Tok::Semi, "after object")) {
        recover();
        continue;
      }
      table.object = *object;
    } else if (acceptWord("axis")) {
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
      table.axes.push_back(*lock);
      table.axisTitles.push_back(*title);
    } else if (acceptWord("column")) {
      ast::Column column;
      auto colName = expectName("naming the column");
      if (!colName) {
        recover();
        continue;
      }
      column.name = *colName;
      auto title = expectString("holding the column heading");
      if (!title || !expect(Tok::Equal, "after column heading")) {
        recover();
        continue;
      }
      column.title = *title;
      bool ok = true;
      if ((atWord("reads") || atWord("writes")) && peek(1).kind == Tok::Ident &&
          peek(2).kind != Tok::Dot && peek(2).kind != Tok::Amp && peek(2).kind != Tok::Pipe) {
        column.kind = take().text == "reads" ? ast::Column::Kind::Reads : ast::Column::Kind::Writes;
        column.object = *expectName("");
        if (column.kind == ast::Column::Kind::Writes && acceptWord("in")) {
          do {
            auto t = expectString("naming a field table");
            if (!t) {
              ok = false;
              break;
            }
            column.tables.push_back(*t);
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
    } else if (atWord("row")) {
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
            cell.modes.push_back(*mode);
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
          row.values.push_back(*value);
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
  matrix.name = *name;
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(matrix.prose))
      continue;
    if (atWord("lock") && peek(1).kind == Tok::Ident) {
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
    row.mode = *mode;
    bool ok = true;
    do {
      auto value = expectName("('Y' or 'N') in matrix row");
      if (!value) {
        ok = false;
        break;
      }
      row.values.push_back(*value);
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
  topic.name = *name;
  while (!at(Tok::RBrace) && !at(Tok::Eof)) {
    if (parseProse(topic.prose))
      continue;
    if (acceptWord("title")) {
      auto title = expectString("after 'title'");
      if (!title || !expect(Tok::Semi, "after title")) {
        recover();
        continue;
      }
      topic.title = *title;
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
  if (atWord("none") && peek(1).kind != Tok::Dot && peek(1).kind != Tok::At) {
    auto expr = std::make_unique<ast::Expr>();
    expr->kind = ast::Expr::Kind::None;
    expr->span = take().span;
    return expr;
  }
  if (atWord("any") && peek(1).kind == Tok::LBrace) {
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
      expr->labels.push_back(*label);
      expr->operands.push_back(std::move(branch));
      expr->docs.push_back(doc);
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
  expr->name = *name;
  if (accept(Tok::Dot)) {
    auto mode = expectName("naming a mode after '.'");
    if (!mode)
      return nullptr;
    expr->mode = *mode;
  }
  if (accept(Tok::At)) {
    auto role = expectName("naming a role after '@'");
    if (!role)
      return nullptr;
    expr->role = *role;
  }
  if (acceptWord("if")) {
    auto condition = expectName("naming a fact after 'if'");
    if (!condition)
      return nullptr;
    expr->condition = *condition;
  }
  expr->span = spanFrom(begin);
  return expr;
}

} // namespace lockspec
