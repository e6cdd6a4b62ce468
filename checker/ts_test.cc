#include "ts.h"

#include <gtest/gtest.h>


namespace lockspec::ts {
namespace {

TEST(TsTest, ParsesCAndNamesNodes) {
  Parser parser;
  Tree tree = parser.parse("int f(void) { return g(1); }");
  Node root = tree.root();
  EXPECT_STREQ(root.type(), "translation_unit");
  EXPECT_FALSE(root.hasError());
  Node fn = root.namedChild(0);
  EXPECT_STREQ(fn.type(), "function_definition");
  EXPECT_EQ(fn.child("body").text(), "{ return g(1); }");
  EXPECT_TRUE(fn.child("nosuchfield").isNull());
  EXPECT_EQ(fn.child("nosuchfield").text(), "");
}

TEST(TsTest, SyntaxErrorsAreNodesNotFailures) {
  Parser parser;
  Tree tree = parser.parse("int f( { ) }} \x01\xff");
  EXPECT_TRUE(tree.root().hasError());
  Node e = tree.root().firstError();
  ASSERT_FALSE(e.isNull());
  EXPECT_TRUE(e.isError() || e.isMissing());
}

TEST(TsTest, QueryCapturesStructParameters) {
  Query query("(parameter_declaration type: (struct_specifier name: (type_identifier) @struct) "
              "declarator: (_) @declarator)");
  ASSERT_TRUE(query.ok()) << query.error();
  Parser parser;
  Tree tree = parser.parse("void f(struct mm_struct *mm, int n, struct vm_area_struct **pvma) {}");
  QueryCursor cursor;
  auto matches = cursor.matches(query, tree.root());
  int s = query.captureIndex("struct"), d = query.captureIndex("declarator");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].captures[s].text(), "mm_struct");
  EXPECT_EQ(matches[0].captures[d].text(), "*mm");
  EXPECT_EQ(matches[1].captures[s].text(), "vm_area_struct");
}

TEST(TsTest, BadQueryIsAnErrorValue) {
  Query query("(function_definition");
  EXPECT_FALSE(query.ok());
  EXPECT_NE(query.error().find("at byte"), std::string::npos);
}

} // namespace
} // namespace lockspec::ts
