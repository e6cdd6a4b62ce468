// A control-flow graph of one C function body, over tree-sitter statement nodes.
//
// Blocks hold what is evaluated in order (expressions and declarations) and end in one exit:
// a jump to one or more successors (every successor gets the same state: a fall-through, a
// goto, a switch's dispatch), a two-way branch on a condition, or a return.  Expressions keep
// their own control flow (`&&`, `?:`): the analysis that runs over the graph evaluates them.
// Labels are blocks of their own, so a backward goto is an ordinary edge and a forward
// analysis iterated to a fixed point analyses retry loops like any loop.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ts.h"

namespace lockspec::check {

/// One thing a block evaluates.
struct CfgItem {
  enum class Kind {
    Eval,    ///< An expression, evaluated for its effects.
    Declare, ///< A declaration statement (initialisers, then the declared names).
  };
  Kind kind = Kind::Eval;
  ts::Node node;
};

struct CfgBlock {
  enum class Exit {
    Jump,   ///< To every successor with the same state (none: the block is a dead end).
    Branch, ///< On `condition`: succ[0] when true, succ[1] when false.
    Return, ///< `terminator` is the return_statement, or the body for its closing brace.
  };
  std::vector<CfgItem> items;
  Exit exit = Exit::Jump;
  ts::Node condition;
  ts::Node terminator;
  std::vector<uint32_t> succ, pred;
  uint32_t begin = 0; ///< Source offset where the block starts (for ordering and dumps).
};

class Cfg {
public:
  /// Builds the graph of a function body (a compound_statement).  Block 0 is the entry.
  /// Statements nested deeper than `maxDepth` are evaluated as plain items.
  static Cfg build(ts::Node body, int maxDepth = 400);

  const std::vector<CfgBlock> &blocks() const { return blocks_; }
  /// Blocks reachable from the entry, in reverse post-order: a forward analysis that visits
  /// them in this order sees every predecessor first except along back edges.
  std::vector<uint32_t> reversePostOrder() const;
  /// One line per block, for tests: `B1 [items] -> B2 B3` with the exit kind; blocks not
  /// reachable from the entry are marked `(dead)`.
  std::string dump() const;

private:
  std::vector<CfgBlock> blocks_;
};

} // namespace lockspec::check
