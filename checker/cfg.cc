#include "cfg.h"

#include <algorithm>
#include <map>

#include "c_expr.h"

namespace lockspec::check {
namespace {

/// A non-zero number or `true`, perhaps in parentheses: a loop that leaves only by break,
/// goto or return.
bool isTrueLiteral(ts::Node e) {
  while (!e.isNull() && std::string_view(e.type()) == "parenthesized_expression" &&
         e.namedChildCount() == 1)
    e = e.namedChild(0);
  std::string_view t = e.type();
  return (t == "number_literal" && !isNullLiteral(e.text())) || t == "true";
}

class Builder {
public:
  Builder(std::vector<CfgBlock> &blocks, int maxDepth) : b_(blocks), maxDepth_(maxDepth) {}

  void body(ts::Node body) {
    cur_ = block(body.begin());
    statement(body, 0);
    b_[cur_].exit = CfgBlock::Exit::Return;
    b_[cur_].terminator = body;
  }

private:
  struct Targets {
    uint32_t breaks;
    uint32_t continues;
    bool loop; ///< A switch takes `break` but leaves `continue` to the enclosing loop.
  };

  uint32_t block(uint32_t begin) {
    b_.emplace_back();
    b_.back().begin = begin;
    return static_cast<uint32_t>(b_.size() - 1);
  }
  void edge(uint32_t from, uint32_t to) {
    b_[from].succ.push_back(to);
    b_[to].pred.push_back(from);
  }
  /// After a return, goto, break or continue: what follows is reached only through a label.
  void deadEnd(uint32_t at) { cur_ = block(at); }
  void item(CfgItem::Kind kind, ts::Node n) {
    if (!n.isNull())
      b_[cur_].items.push_back({kind, n});
  }
  void branch(ts::Node condition, uint32_t yes, uint32_t no) {
    b_[cur_].exit = CfgBlock::Exit::Branch;
    b_[cur_].condition = condition;
    edge(cur_, yes);
    edge(cur_, no);
  }
  /// The block of a label; `definition`: at the label itself, which a forward goto may have
  /// named first.
  uint32_t label(std::string_view name, uint32_t begin, bool definition) {
    auto [it, fresh] = labels_.try_emplace(std::string(name), 0);
    if (fresh)
      it->second = block(begin);
    else if (definition)
      b_[it->second].begin = begin;
    return it->second;
  }

  void statement(ts::Node s, int depth) {
    if (s.isNull() || depth > maxDepth_)
      return;
    std::string_view t = s.type();
    if (t == "compound_statement") {
      for (const ts::Node &c : s.namedChildren())
        statement(c, depth + 1);
    } else if (t == "labeled_statement") {
      ts::Node name = s.child("label");
      uint32_t l = label(name.text(), s.begin(), true);
      edge(cur_, l);
      cur_ = l;
      for (const ts::Node &c : s.namedChildren())
        if (c.begin() != name.begin())
          statement(c, depth + 1);
    } else if (t == "expression_statement") {
      for (const ts::Node &c : s.namedChildren())
        item(CfgItem::Kind::Eval, c);
    } else if (t == "declaration") {
      item(CfgItem::Kind::Declare, s);
    } else if (t == "if_statement") {
      uint32_t yes = block(s.child("consequence").begin()), no = block(s.end()),
               done = block(s.end());
      branch(s.child("condition"), yes, no);
      cur_ = yes;
      statement(s.child("consequence"), depth + 1);
      edge(cur_, done);
      cur_ = no;
      ts::Node alt = s.child("alternative");
      if (!alt.isNull()) // else_clause wraps the statement
        for (const ts::Node &c : alt.namedChildren())
          statement(c, depth + 1);
      edge(cur_, done);
      cur_ = done;
    } else if (t == "return_statement") {
      b_[cur_].exit = CfgBlock::Exit::Return;
      b_[cur_].terminator = s;
      deadEnd(s.end());
    } else if (t == "goto_statement") {
      edge(cur_, label(s.child("label").text(), s.begin(), false));
      deadEnd(s.end());
    } else if (t == "break_statement" || t == "continue_statement") {
      bool isBreak = t == "break_statement";
      for (auto it = targets_.rbegin(); it != targets_.rend(); ++it)
        if (isBreak || it->loop) {
          edge(cur_, isBreak ? it->breaks : it->continues);
          break;
        }
      deadEnd(s.end());
    } else if (t == "while_statement" || t == "for_statement" || t == "do_statement") {
      loop(s, t, depth);
    } else if (t == "switch_statement") {
      sw(s, depth);
    } else {
      // Anything else (a statement the grammar names otherwise): evaluate what it contains.
      for (const ts::Node &c : s.namedChildren())
        item(CfgItem::Kind::Eval, c);
    }
  }

  void loop(ts::Node s, std::string_view t, int depth) {
    if (t == "for_statement") {
      ts::Node init = s.child("initializer");
      item(std::string_view(init.type()) == "declaration" ? CfgItem::Kind::Declare
                                                          : CfgItem::Kind::Eval,
           init);
    }
    ts::Node condition = s.child("condition");
    bool infinite = condition.isNull() || isTrueLiteral(condition);
    uint32_t head = block(s.begin()), body = block(s.child("body").begin()),
             next = block(s.end()), exit = block(s.end());
    // `continue` goes to the update (for), the test (do) or the head (while).
    uint32_t test = t == "do_statement" ? next : head;
    uint32_t continues = t == "for_statement" ? next : test;
    edge(cur_, t == "do_statement" ? body : head);
    auto test_ = [&](uint32_t at) {
      cur_ = at;
      if (infinite) {
        item(CfgItem::Kind::Eval, condition);
        edge(cur_, body);
      } else {
        branch(condition, body, exit);
      }
    };
    if (t != "do_statement")
      test_(head);
    targets_.push_back({exit, continues, true});
    cur_ = body;
    statement(s.child("body"), depth + 1);
    targets_.pop_back();
    edge(cur_, next);
    cur_ = next;
    if (t == "for_statement") {
      item(CfgItem::Kind::Eval, s.child("update"));
      edge(cur_, head);
    } else if (t == "do_statement") {
      test_(next);
    } else {
      edge(cur_, head);
    }
    cur_ = exit;
  }

  void sw(ts::Node s, int depth) {
    item(CfgItem::Kind::Eval, s.child("condition"));
    uint32_t head = cur_, exit = block(s.end());
    targets_.push_back({exit, 0, false});
    deadEnd(s.begin()); // code before the first case label is unreachable
    bool hasDefault = false;
    for (const ts::Node &c : s.child("body").namedChildren()) {
      if (std::string_view(c.type()) != "case_statement") {
        statement(c, depth + 1);
        continue;
      }
      uint32_t k = block(c.begin());
      edge(head, k);
      edge(cur_, k); // fall-through from the case before
      cur_ = k;
      ts::Node value = c.child("value");
      hasDefault = hasDefault || value.isNull();
      for (const ts::Node &cc : c.namedChildren())
        if (value.isNull() || cc.begin() != value.begin())
          statement(cc, depth + 1);
    }
    targets_.pop_back();
    edge(cur_, exit);
    if (!hasDefault)
      edge(head, exit);
    cur_ = exit;
  }

  std::vector<CfgBlock> &b_;
  int maxDepth_;
  uint32_t cur_ = 0;
  std::map<std::string, uint32_t, std::less<>> labels_;
  std::vector<Targets> targets_;
};

std::string oneLine(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!blank)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

} // namespace

Cfg Cfg::build(ts::Node body, int maxDepth) {
  Cfg g;
  Builder(g.blocks_, maxDepth).body(body);
  return g;
}

std::vector<uint32_t> Cfg::reversePostOrder() const {
  std::vector<uint32_t> post;
  std::vector<char> seen(blocks_.size(), 0);
  // Iterative depth-first search: deep nesting must not exhaust the stack.
  std::vector<std::pair<uint32_t, size_t>> stack;
  if (!blocks_.empty()) {
    stack.push_back({0, 0});
    seen[0] = 1;
  }
  while (!stack.empty()) {
    auto &[b, i] = stack.back();
    if (i < blocks_[b].succ.size()) {
      uint32_t s = blocks_[b].succ[i++];
      if (!seen[s]) {
        seen[s] = 1;
        stack.push_back({s, 0});
      }
    } else {
      post.push_back(b);
      stack.pop_back();
    }
  }
  std::reverse(post.begin(), post.end());
  return post;
}

std::string Cfg::dump() const {
  std::vector<char> live(blocks_.size(), 0);
  for (uint32_t b : reversePostOrder())
    live[b] = 1;
  std::string out;
  for (size_t i = 0; i < blocks_.size(); ++i) {
    const CfgBlock &b = blocks_[i];
    if (!live[i] && b.items.empty())
      continue; // unreachable and evaluating nothing: nothing to show
    out += "B" + std::to_string(i) + (live[i] ? ":" : " (dead):");
    for (const CfgItem &it : b.items)
      out += " [" + oneLine(it.node.text()) + "]";
    if (b.exit == CfgBlock::Exit::Return)
      out += std::string_view(b.terminator.type()) == "return_statement"
                 ? " " + oneLine(b.terminator.text())
                 : std::string(" end");
    else if (b.exit == CfgBlock::Exit::Branch)
      out += " if " + oneLine(b.condition.text());
    if (!b.succ.empty()) {
      out += " ->";
      for (uint32_t s : b.succ)
        out += " B" + std::to_string(s);
    }
    out += "\n";
  }
  return out;
}

} // namespace lockspec::check
