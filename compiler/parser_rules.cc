// The parser's productions for the rules and what the docs lay out: relations, lock-order
// trees, operations and their roles, state tables, exclusivity matrices and topics.
#include "parser.h"

#include <string_view>

namespace lockspec {

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
      ast::Str reason;
      if (expr && at(Tok::String))
        reason = *expectString("");
      if (!expr || !expect(Tok::Semi, "after requirement")) {
        recover();
        continue;
      }
      op.requires_.push_back(std::move(expr));
      op.requireReasons.resize(op.requires_.size() - 1);
      op.requireReasons.push_back(std::move(reason));
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
      size_t first = op.apis.size();
      do {
        auto fn = expectName("naming an API function");
        if (!fn) {
          ok = false;
          break;
        }
        op.apis.push_back(std::move(*fn));
      } while (accept(Tok::Comma));
      ast::Str kernel;
      ok = ok && parseKernelSuffix(kernel);
      op.apiKernels.resize(first); // Names before this list; then one entry per name of it.
      op.apiKernels.resize(op.apis.size(), kernel);
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
        if (acceptWord(Kw::In)) {
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

} // namespace lockspec
