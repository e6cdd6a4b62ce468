// The parser's productions for the things rules name: objects and their fields, locks with
// their modes and API functions, groups, facts and lets.  parser.cc holds the token access,
// error recovery, the declaration dispatch and expressions.
#include "parser.h"

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

} // namespace

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
    } else if (atWord(Kw::Constructor) || atWord(Kw::Publish)) {
      std::vector<ast::Name> &names =
          take().kw == Kw::Constructor ? object.constructors : object.publishers;
      bool ok = true;
      do {
        auto fn = expectName("naming a C function");
        if (!fn) {
          ok = false;
          break;
        }
        names.push_back(std::move(*fn));
      } while (accept(Tok::Comma));
      if (!ok || !expect(Tok::Semi, "after a function list"))
        recover();
    } else {
      errorHere("expected 'doc', 'source', 'var', 'link', 'field', 'constructor' or 'publish' in "
                "object");
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
      if (!rule || !parseKernelSuffix(rule->kernel) || !expect(Tok::Semi, "after field rule")) {
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
    } else if (atWord(Kw::Pointer)) {
      parsePointer(lock);
    } else {
      errorHere("expected 'doc', 'source', 'path', 'mode', 'split', 'pointer' or an API function "
                "in lock");
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
  // Parsed in place: an Api is ten strings, and nothing is gained by moving a local in.
  ast::Api &api = lock.apis.emplace_back();
  api.kind = kind;
  if (!parseApiInto(api))
    lock.apis.pop_back();
}

void Parser::parsePointer(ast::Lock &lock) {
  ast::Api &fn = lock.pointers.emplace_back();
  if (!parseApiInto(fn, false))
    lock.pointers.pop_back();
}

bool Parser::parseApiInto(ast::Api &api, bool withMode) {
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
      while (param.instance && accept(Tok::Arrow)) { // `@vmf->vma`
        auto member = expectName("after '->' in a parameter");
        if (!member) {
          recover();
          return false;
        }
        param.member += "->" + member->text;
      }
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
  if (!withMode) {
    if (at(Tok::String))
      api.doc = *expectString("");
    if (!expect(Tok::Semi, "after pointer function")) {
      recover();
      return false;
    }
    return true;
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
      api.extra().success = *success;
      api.extra().when.push_back(std::move(*success));
      while (accept(Tok::Pipe)) { // a release's result bits: `when VM_FAULT_RETRY | ...`
        auto bit = expectName("after '|' in 'when'");
        if (!bit) {
          recover();
          return false;
        }
        api.extra().when.push_back(std::move(*bit));
      }
    } else if (atWord(Kw::If) || atWord(Kw::Unless)) {
      bool unless = acceptWord(Kw::Unless);
      if (!unless)
        acceptWord(Kw::If);
      ast::FlagTest &test = unless ? api.extra().unlessFlag : api.extra().ifFlag;
      auto param = expectName("naming the parameter that holds the flags");
      if (!param) {
        recover();
        return false;
      }
      test.param = std::move(*param);
      while (accept(Tok::Arrow)) {
        auto member = expectName("after '->'");
        if (!member) {
          recover();
          return false;
        }
        test.member += "->" + member->text;
      }
      if (!expect(Tok::Amp, "between the flags and the flag bit")) {
        recover();
        return false;
      }
      auto flag = expectName("naming the flag bit");
      if (!flag) {
        recover();
        return false;
      }
      test.flag = std::move(*flag);
      if (!unless && acceptWord(Kw::Else)) {
        auto other = expectName("naming the lock released when the flag is clear");
        if (!other) {
          recover();
          return false;
        }
        api.extra().elseLock = std::move(*other);
      }
    } else if (acceptWord(Kw::Killable)) {
      api.killable = true;
    } else if (acceptWord(Kw::Also)) {
      auto other = expectName("naming the lock also released");
      if (!other) {
        recover();
        return false;
      }
      api.extra().alsoLock = std::move(*other);
    } else if (acceptWord(Kw::All)) {
      api.all = true;
    } else if (atWord(Kw::Kernel)) {
      if (!parseKernelSuffix(api.extra().kernel)) {
        recover();
        return false;
      }
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

} // namespace lockspec
