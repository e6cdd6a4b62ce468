#include "cfg.h"

#include <gtest/gtest.h>

namespace lockspec::check {
namespace {

/// The dump of the CFG of the first function in `code`.
std::string graph(const std::string &code) {
  ts::Parser parser;
  ts::Tree tree = parser.parse(code);
  ts::Node fn = tree.root().namedChild(0);
  EXPECT_STREQ(fn.type(), "function_definition");
  EXPECT_FALSE(fn.hasError());
  return Cfg::build(fn.child("body")).dump();
}

TEST(Cfg, IfElseJoins) {
  EXPECT_EQ(graph("void f(void) { a(); if (x) b(); else c(); d(); }"),
            "B0: [a()] if (x) -> B1 B2\n"
            "B1: [b()] -> B3\n"
            "B2: [c()] -> B3\n"
            "B3: [d()] end\n");
}

TEST(Cfg, ReturnEndsThePathAndLeavesDeadCode) {
  EXPECT_EQ(graph("int f(void) { if (x) return 1; return 2; e(); }"),
            "B0: if (x) -> B1 B2\n"
            "B1: return 1;\n"
            "B2: -> B3\n"
            "B3: return 2;\n"
            "B5 (dead): [e()] end\n");
}

TEST(Cfg, WhileLoopHasABackEdgeAndBreakLeaves) {
  EXPECT_EQ(graph("void f(void) { while (c) { if (d) break; g(); } h(); }"),
            "B0: -> B1\n"
            "B1: if (c) -> B2 B4\n"
            "B2: if (d) -> B5 B6\n"
            "B3: -> B1\n"
            "B4: [h()] end\n"
            "B5: -> B4\n"
            "B6: -> B7\n"
            "B7: [g()] -> B3\n");
}

TEST(Cfg, ForLoopContinueGoesToTheUpdate) {
  EXPECT_EQ(graph("void f(void) { for (i = 0; i < n; i++) { if (s) continue; g(); } }"),
            "B0: [i = 0] -> B1\n"
            "B1: if i < n -> B2 B4\n"
            "B2: if (s) -> B5 B6\n"
            "B3: [i++] -> B1\n"
            "B4: end\n"
            "B5: -> B3\n"
            "B6: -> B7\n"
            "B7: [g()] -> B3\n");
}

TEST(Cfg, InfiniteLoopLeavesOnlyByBreak) {
  std::string g = graph("void f(void) { for (;;) { g(); } h(); }");
  EXPECT_EQ(g, "B0: -> B1\n"
               "B1: -> B2\n"
               "B2: [g()] -> B3\n"
               "B3: -> B1\n"
               "B4 (dead): [h()] end\n");
}

TEST(Cfg, DoWhileTestsAfterTheBody) {
  EXPECT_EQ(graph("void f(void) { do { g(); } while (c); }"),
            "B0: -> B2\n"
            "B2: [g()] -> B3\n"
            "B3: if (c) -> B2 B4\n"
            "B4: end\n");
}

TEST(Cfg, SwitchFallsThroughAndWithoutDefaultSkips) {
  EXPECT_EQ(graph("void f(void) { switch (k) { case 1: a(); case 2: b(); break; } c(); }"),
            "B0: [(k)] -> B3 B4 B1\n"
            "B1: [c()] end\n"
            "B3: [a()] -> B4\n"
            "B4: [b()] -> B1\n");
  std::string withDefault =
      graph("void f(void) { switch (k) { case 1: return; default: b(); } c(); }");
  EXPECT_EQ(withDefault, "B0: [(k)] -> B3 B5\n"
                         "B1: [c()] end\n"
                         "B3: return;\n"
                         "B5: [b()] -> B1\n");
}

TEST(Cfg, ContinueInsideSwitchBelongsToTheLoop) {
  std::string g = graph("void f(void) { while (c) { switch (k) { case 1: continue; } g(); } }");
  // The continue (B7) jumps to the loop head B1, not to the switch's exit B5 (where g() runs;
  // the dispatch reaches it directly, as there is no default).
  EXPECT_EQ(g, "B0: -> B1\n"
               "B1: if (c) -> B2 B4\n"
               "B2: [(k)] -> B7 B5\n"
               "B3: -> B1\n"
               "B4: end\n"
               "B5: [g()] -> B3\n"
               "B7: -> B1\n");
}

TEST(Cfg, GotoForwardAndBackward) {
  EXPECT_EQ(graph("int f(void) { retry: a(); if (x) goto out; if (y) goto retry; b(); "
                  "out: return 0; }"),
            "B0: -> B1\n"
            "B1: [a()] if (x) -> B2 B3\n"
            "B2: -> B5\n"
            "B3: -> B4\n"
            "B4: if (y) -> B7 B8\n"
            "B5: return 0;\n"
            "B7: -> B1\n"
            "B8: -> B9\n"
            "B9: [b()] -> B5\n");
}

TEST(Cfg, ReversePostOrderVisitsPredecessorsFirstExceptBackEdges) {
  ts::Parser parser;
  ts::Tree tree = parser.parse(
      "int f(void) { again: if (a) { b(); goto again; } while (c) d(); return 0; }");
  Cfg g = Cfg::build(tree.root().namedChild(0).child("body"));
  std::vector<uint32_t> rpo = g.reversePostOrder();
  std::vector<int> position(g.blocks().size(), -1);
  for (size_t i = 0; i < rpo.size(); ++i)
    position[rpo[i]] = static_cast<int>(i);
  ASSERT_EQ(rpo.front(), 0u);
  int backEdges = 0;
  for (uint32_t b : rpo)
    for (uint32_t s : g.blocks()[b].succ)
      if (position[s] <= position[b]) {
        ++backEdges;
        // Every back edge enters a block that starts no later in the source: a loop head
        // or a label.
        EXPECT_LE(g.blocks()[s].begin, g.blocks()[b].begin);
      }
  EXPECT_EQ(backEdges, 2) << g.dump(); // the goto and the while loop
}

} // namespace
} // namespace lockspec::check
