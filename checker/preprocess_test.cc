#include "preprocess.h"

#include <gtest/gtest.h>

#include "ts.h"

namespace lockspec::check {
namespace {

std::string run(std::string text) {
  std::string before = text;
  preprocess(text, MacroHints::kernel());
  // The invariant every rewrite keeps: same length, newlines where they were.
  EXPECT_EQ(text.size(), before.size());
  for (size_t i = 0; i < text.size() && i < before.size(); ++i)
    if (before[i] == '\n' || text[i] == '\n')
      EXPECT_EQ(text[i], before[i]) << "at byte " << i;
  return text;
}

bool parses(const std::string &text) {
  ts::Parser parser;
  ts::Tree tree = parser.parse(text);
  return !tree.root().hasError();
}

TEST(Preprocess, ErrorPointerAndAssertionHintsAreReadNotRewritten) {
  MacroHints hints("errptr ERR_PTR make\nerrptr IS_ERR test\nerrptr IS_ERR_OR_NULL test_or_null\n"
                   "assertion BUG_ON\n");
  ASSERT_NE(hints.errorPointer("ERR_PTR"), nullptr);
  EXPECT_EQ(*hints.errorPointer("ERR_PTR"), MacroHints::ErrorPointer::Make);
  EXPECT_EQ(*hints.errorPointer("IS_ERR"), MacroHints::ErrorPointer::Test);
  EXPECT_EQ(*hints.errorPointer("IS_ERR_OR_NULL"), MacroHints::ErrorPointer::TestOrNull);
  EXPECT_EQ(hints.errorPointer("PTR_ERR"), nullptr);
  EXPECT_TRUE(hints.assertion("BUG_ON"));
  EXPECT_FALSE(hints.assertion("WARN_ON"));
  std::string text = "void f(void) { BUG_ON(IS_ERR(p)); }";
  std::string before = text;
  preprocess(text, hints);
  EXPECT_EQ(text, before);
  EXPECT_THROW(MacroHints("errptr IS_ERR maybe\n"), std::invalid_argument);
  EXPECT_THROW(MacroHints("assertion\n"), std::invalid_argument);
  // The built-in hints name the v7.0 macros.
  EXPECT_NE(MacroHints::kernel().errorPointer("IS_ERR_OR_NULL"), nullptr);
  EXPECT_TRUE(MacroHints::kernel().assertion("VM_BUG_ON"));
}

TEST(Preprocess, IteratorBecomesWhileLoop) {
  std::string in = "void f(void)\n{\n\tfor_each_vma(vmi, vma) {\n\t\tg(vma);\n\t}\n}\n";
  std::string out = run(in);
  EXPECT_NE(out.find("while       (vmi, vma) {"), std::string::npos) << out;
  EXPECT_FALSE(parses(in));
  EXPECT_TRUE(parses(out)) << out;
}

TEST(Preprocess, ScopedGuardBecomesIfOnTheGuard) {
  // The arguments stay where they were when a blank follows the `)`.
  std::string in = "void f(void)\n{\n\tscoped_guard(mmap_read_lock, mm) {\n\t\tg(mm);\n\t}\n}\n";
  std::string out = run(in);
  EXPECT_NE(out.find("\tif    (guard(mmap_read_lock)(mm)){\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("mm)"), in.find("mm)"));
  EXPECT_FALSE(parses(in));
  EXPECT_TRUE(parses(out)) << out;
  // No arguments, a statement without braces, and arguments over two lines.
  out = run("void f(void)\n{\n\tscoped_guard(rcu)\n\t\tg();\n"
            "\tscoped_guard(spinlock, &mm->page_table_lock,\n\t\t\tx) g();\n}\n");
  EXPECT_NE(out.find("\tif (guard(rcu)())\n"), std::string::npos) << out;
  EXPECT_NE(out.find("(guard(spinlock)(&mm->page_table_lock,\n\t\t\tx))g();"), std::string::npos)
      << out;
  EXPECT_TRUE(parses(out)) << out;
}

TEST(Preprocess, IteratorWithoutBracesAndAfterIf) {
  std::string out = run("void f(void)\n{\n\tif (x)\n\t\tlist_for_each_entry(a, &h, l)\n"
                        "\t\t\tg(a);\n\tvma_interval_tree_foreach(v, r, 0, 1)\n\t\tg(v);\n}\n");
  EXPECT_NE(out.find("while              (a, &h, l)"), std::string::npos) << out;
  EXPECT_NE(out.find("while                    (v, r, 0, 1)"), std::string::npos) << out;
  EXPECT_TRUE(parses(out)) << out;
}

TEST(Preprocess, IteratorNamedFunctionsAndCallsAreLeftAlone) {
  // A definition, a declaration, a call as a value and a #define are not loops.
  std::string in = "static int for_each_thing(int a)\n{\n\treturn a;\n}\n"
                   "void for_each_other(int a);\n"
                   "int g(void)\n{\n\treturn for_each_thing(1) + 2;\n}\n"
                   "#define for_each_x(a) for (;;)\n";
  EXPECT_EQ(run(in), in);
}

TEST(Preprocess, AttributesAndAnnotationsVanish) {
  std::string out = run("static void __init f(struct mm_struct *mm) __releases(&mm->lock)\n{\n}\n");
  EXPECT_EQ(out, "static void        f(struct mm_struct *mm)" + std::string(22, ' ') + "\n{\n}\n");
}

TEST(Preprocess, TypeArgumentBecomesAnExpression) {
  std::string out = run("void f(void)\n{\n\tp = container_of(q, struct page, lru);\n"
                        "\tn = min_t(unsigned int, a, b);\n}\n");
  EXPECT_NE(out.find("container_of(q, 0          , lru)"), std::string::npos) << out;
  EXPECT_NE(out.find("min_t(0           , a, b)"), std::string::npos) << out;
  EXPECT_TRUE(parses(out)) << out;
}

TEST(Preprocess, SyscallDefinitionBecomesAFunction) {
  std::string out = run("SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)\n{\n}\n");
  EXPECT_EQ(out, "long            munmap( unsigned long  addr, size_t  len)\n{\n}\n");
  EXPECT_TRUE(parses(out)) << out;
}

TEST(Preprocess, StaticDeclarerIsBlanked) {
  std::string out = run("static DEFINE_RATELIMIT_STATE(rs, 5, 10);\nint x;\n");
  EXPECT_EQ(out, std::string(41, ' ') + "\nint x;\n");
}

TEST(Preprocess, DeclarerWithInitializerIsBlankedButNotInAnExpression) {
  std::string in = "DEFINE_PER_CPU(struct s, v) = {{{0}}};\nint f(void)\n{\n"
                   "\tconst struct range r = DEFINE_RANGE(0, 1);\n\treturn 0;\n}\n";
  std::string out = run(in);
  EXPECT_EQ(out.substr(0, 38), std::string(38, ' '));
  EXPECT_NE(out.find("= DEFINE_RANGE(0, 1);"), std::string::npos) << out;
  EXPECT_TRUE(parses(out)) << out;
}

TEST(Preprocess, ConditionalInsideFunctionKeepsFirstBranch) {
  // The label before #endif and the half statements in each branch do not parse as written.
  std::string in = "int f(int a)\n{\n#ifdef CONFIG_X\n\tif (a) {\n#else\n\tif (!a) {\n#endif\n"
                   "\t\ta++;\n\t}\n#ifdef CONFIG_Y\nout:\n#endif\n\treturn a;\n}\n";
  std::string out = run(in);
  EXPECT_EQ(out, "int f(int a)\n{\n               \n\tif (a) {\n     \n\t         \n      \n"
                 "\t\ta++;\n\t}\n               \nout:\n      \n\treturn a;\n}\n");
  EXPECT_FALSE(parses(in));
  EXPECT_TRUE(parses(out)) << out;
}

TEST(Preprocess, IfZeroTakesTheElseBranch) {
  std::string out = run("int f(void)\n{\n#if 0\n\treturn 1;\n#elif 0\n\treturn 2;\n#else\n"
                        "\treturn 3;\n#endif\n}\n");
  EXPECT_EQ(out.find("return 1"), std::string::npos);
  EXPECT_EQ(out.find("return 2"), std::string::npos);
  EXPECT_NE(out.find("return 3"), std::string::npos);
}

TEST(Preprocess, FileLevelAlternativesStayForTreeSitter) {
  // Both definitions are kept: each branch is balanced and sits between file-level items.
  std::string in = "#ifdef CONFIG_X\nvoid f(void)\n{\n}\n#else\nvoid f(void)\n{\n}\n#endif\n";
  EXPECT_EQ(run(in), in);
}

TEST(Preprocess, FileLevelBranchesOpeningAFunctionKeepOne) {
  std::string in = "#ifdef CONFIG_X\nvoid f(int a) {\n#else\nvoid f(void) {\n#endif\n}\n";
  std::string out = run(in);
  EXPECT_NE(out.find("void f(int a) {"), std::string::npos);
  EXPECT_EQ(out.find("void f(void)"), std::string::npos);
  EXPECT_TRUE(parses(out)) << out;
}

TEST(Preprocess, InitializerConditionalKeepsOneBranch) {
  std::string out = run("unsigned long flags =\n#ifdef A\n\t(1 << 2) |\n#endif\n\t(1 << 3);\n");
  EXPECT_TRUE(parses(out)) << out;
}

TEST(Preprocess, DirectivesInCommentsAndStringsAreText) {
  std::string in = "int f(void)\n{\n\t/*\n#else\n\t*/\n\treturn \"#if\" [0];\n}\n";
  EXPECT_EQ(run(in), in);
}

TEST(MacroHints, MalformedLineIsRejected) {
  EXPECT_THROW(MacroHints("typearg min_t\n"), std::invalid_argument);
  EXPECT_THROW(MacroHints("frobnicate x\n"), std::invalid_argument);
  MacroHints h("# comment\niterator *_walk\nattribute __x\n");
  ASSERT_NE(h.find("tree_walk"), nullptr);
  EXPECT_EQ(h.find("tree_walk")->kind, HintKind::Iterator);
  EXPECT_EQ(h.find("walker"), nullptr);
  EXPECT_EQ(h.find("__x")->kind, HintKind::Attribute);
}

TEST(MacroHints, ReleasingMacroNamesTheLockByItsArgumentsField) {
  EXPECT_THROW(MacroHints("releases folio_walk_end ptl\n"), std::invalid_argument);
  EXPECT_THROW(MacroHints("releases folio_walk_end x ptl\n"), std::invalid_argument);
  MacroHints h("releases folio_walk_end 0 ptl\n");
  ASSERT_NE(h.releasesThrough("folio_walk_end"), nullptr);
  EXPECT_EQ(*h.releasesThrough("folio_walk_end"), "*$0->ptl");
  EXPECT_EQ(h.releasesThrough("folio_walk_start"), nullptr);
  EXPECT_TRUE(h.mentionsReleaser("\tfolio_walk_end(&fw, vma);"));
  EXPECT_FALSE(h.mentionsReleaser("\tfolio_walk_start(&fw, vma, addr, 0);"));
  // The built-in hints know v7.0's.
  EXPECT_NE(MacroHints::kernel().releasesThrough("folio_walk_end"), nullptr);
}

TEST(MacroHints, InlineNamesTheFunctionItCalls) {
  EXPECT_THROW(MacroHints("inline hugetlb_zap_begin\n"), std::invalid_argument);
  MacroHints h("inline hugetlb_zap_begin __hugetlb_zap_begin\n");
  ASSERT_NE(h.inlineTarget("hugetlb_zap_begin"), nullptr);
  EXPECT_EQ(*h.inlineTarget("hugetlb_zap_begin"), "__hugetlb_zap_begin");
  EXPECT_EQ(h.inlineTarget("__hugetlb_zap_begin"), nullptr);
  // Not a rewrite: the text is left as written.
  EXPECT_EQ(h.find("hugetlb_zap_begin"), nullptr);
}

} // namespace
} // namespace lockspec::check
