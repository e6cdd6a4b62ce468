#include "parser.h"

#include <gtest/gtest.h>

namespace lockspec {
namespace {

class ParserTest : public ::testing::Test {
protected:
  ast::Spec parse(const std::string &text) {
    FileId file = sources_.addBuffer("test.rules", text);
    Parser parser(sources_, diags_, [](FileId, const std::string &, Span) { return std::nullopt; });
    ast::Spec spec;
    parser.parseFile(file, spec);
    return spec;
  }
  SourceManager sources_;
  Diagnostics diags_{sources_};
};

TEST_F(ParserTest, ExpressionPrecedenceAndIsTighterThanOr) {
  auto spec = parse("let x = a | b & c.write@r if f;");
  ASSERT_EQ(spec.lets.size(), 1u);
  const ast::Expr &e = *spec.lets[0].expr;
  ASSERT_EQ(e.kind, ast::Expr::Kind::Or);
  ASSERT_EQ(e.operands[1]->kind, ast::Expr::Kind::And);
  const ast::Expr &atom = *e.operands[1]->operands[1];
  EXPECT_EQ(atom.name.text, "c");
  EXPECT_EQ(atom.mode.text, "write");
  EXPECT_EQ(atom.role().text, "r");
  EXPECT_EQ(atom.condition().text, "f");
  // An atom without them allocates no extras.
  EXPECT_EQ(e.operands[0]->extras, nullptr);
  EXPECT_FALSE(diags_.hadErrors()) << diags_.renderAll();
}

TEST_F(ParserTest, AnyBranchesKeepLabels) {
  auto spec = parse("operation op { subject v: o; requires any { one: a; two: b & c \"doc\"; }; }");
  ASSERT_EQ(spec.operations.size(), 1u);
  const ast::Expr &any = *spec.operations[0].requires_[0];
  ASSERT_EQ(any.kind, ast::Expr::Kind::Any);
  EXPECT_EQ(any.extras->labels[1].text, "two");
  EXPECT_EQ(any.extras->docs[1].value, "doc");
}

TEST_F(ParserTest, OrderTreeNesting) {
  auto spec = parse("order o { doc \"d\"; a { b | c \"note\" { d; } e; } }");
  ASSERT_EQ(spec.orders[0].roots.size(), 1u);
  const auto &root = spec.orders[0].roots[0];
  ASSERT_EQ(root.children.size(), 2u);
  EXPECT_EQ(root.children[0].locks.size(), 2u);
  EXPECT_EQ(root.children[0].note.value, "note");
  EXPECT_EQ(root.children[0].children[0].locks[0].lock.text, "d");
}

TEST_F(ParserTest, RecoversAndReportsEveryError) {
  auto spec = parse("object a { var ; }\nobject b { bogus; }\nlock c: rwsem { mode read shared; }");
  EXPECT_EQ(diags_.errorCount(), 2u) << diags_.renderAll();
  EXPECT_EQ(spec.objects.size(), 2u);
  ASSERT_EQ(spec.locks.size(), 1u); // The good declaration after the errors still parses.
  EXPECT_EQ(diags_.renderAll(),
            "test.rules:1:16: error: expected identifier after 'var', found ';'\n"
            "object a { var ; }\n"
            "               ^\n"
            "test.rules:2:12: error: expected 'doc', 'source', 'var', 'link', 'field', "
            "'constructor' or 'publish' in object, found 'bogus'\n"
            "object b { bogus; }\n"
            "           ^~~~~\n");
}

TEST_F(ParserTest, ObjectConstructorsAndPublishers) {
  auto spec = parse("object v { var vma; constructor v_alloc, v_dup; publish v_store;\n"
                    "  constructor v_new; }");
  ASSERT_EQ(diags_.errorCount(), 0u) << diags_.renderAll();
  ASSERT_EQ(spec.objects.size(), 1u);
  const ast::Object &o = spec.objects[0];
  ASSERT_EQ(o.constructors.size(), 3u); // Lists add up, in order.
  EXPECT_EQ(o.constructors[0].text, "v_alloc");
  EXPECT_EQ(o.constructors[2].text, "v_new");
  ASSERT_EQ(o.publishers.size(), 1u);
  EXPECT_EQ(o.publishers[0].text, "v_store");
  EXPECT_EQ(o.publishers[0].span.begin, 56u);
}

TEST_F(ParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string text = "let x = " + std::string(5000, '(') + "a" + std::string(5000, ')') + ";";
  parse(text);
  EXPECT_TRUE(diags_.hadErrors());
}

} // namespace
} // namespace lockspec
