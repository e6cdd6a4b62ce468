#include "kernel_filter.h"

#include <gtest/gtest.h>

#include "parser.h"

namespace lockspec {
namespace {

/// Parses a spec and filters it for one kernel.
class KernelFilterTest : public ::testing::Test {
protected:
  std::vector<VersionedRule> filter(const std::string &text, std::string_view kernel) {
    FileId file = sources_.addBuffer("test.rules", text);
    Parser parser(sources_, diags_, [](FileId, const std::string &, Span) { return std::nullopt; });
    parser.parseFile(file, spec_);
    EXPECT_FALSE(diags_.hadErrors()) << diags_.renderAll();
    return filterForKernel(spec_, kernel, sources_, diags_);
  }
  SourceManager sources_;
  Diagnostics diags_{sources_};
  ast::Spec spec_;
};

constexpr const char *kSpec = R"(
object o { var x;
  field f { read a; write a kernel "7.0"; write b kernel "next"; write["t"] a; }
  field g { kernel "next"; read a; }
}
lock a: mutex on o { acquire a_lock(@x) held; acquire a_new(@x) held kernel "next"; }
operation op { kernel "7.0"; subject x: o; requires a; api both; api old kernel "7.0"; }
operation op { kernel "next"; subject x: o; requires b; api new kernel "next"; }
)";

TEST_F(KernelFilterTest, KeepsWhatHoldsForTheTarget) {
  auto versioned = filter(kSpec, "7.0");
  ASSERT_EQ(spec_.objects[0].fields.size(), 1u); // g is the newer tree's
  const ast::Field &f = spec_.objects[0].fields[0];
  ASSERT_EQ(f.writes.size(), 2u); // the 7.0 rule and the unmarked one
  EXPECT_EQ(f.writes[0].expr->name.text, "a");
  EXPECT_EQ(f.writes[1].transition.value, "t");
  ASSERT_EQ(spec_.locks[0].apis.size(), 1u);
  EXPECT_EQ(spec_.locks[0].apis[0].name.text, "a_lock");
  ASSERT_EQ(spec_.operations.size(), 1u);
  ASSERT_EQ(spec_.operations[0].apis.size(), 2u);
  EXPECT_EQ(spec_.operations[0].apis[1].text, "old");
  // Listed kind by kind (fields, field rules, APIs, operations, their api names), kept or not;
  // the api names of an operation left out are not listed.
  std::vector<std::string> seen;
  for (const VersionedRule &v : versioned)
    seen.push_back(v.kind + " " + v.name + " " + v.kernel + (v.kept ? " kept" : ""));
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "field o.g next", "field rule o.f write 7.0 kept", "field rule o.f write next",
                      "api a_new next", "operation op 7.0 kept", "operation op next",
                      "operation api op.old 7.0 kept"}));
  EXPECT_EQ(versioned[0].line, 4u);
  EXPECT_FALSE(diags_.hadErrors());
}

TEST_F(KernelFilterTest, TheOtherKernelKeepsTheOtherForms) {
  filter(kSpec, "next");
  ASSERT_EQ(spec_.objects[0].fields.size(), 2u);
  EXPECT_EQ(spec_.objects[0].fields[0].writes[0].expr->name.text, "b");
  EXPECT_EQ(spec_.locks[0].apis.size(), 2u);
  ASSERT_EQ(spec_.operations.size(), 1u);
  EXPECT_EQ(spec_.operations[0].requires_[0]->name.text, "b");
  ASSERT_EQ(spec_.operations[0].apis.size(), 1u);
  EXPECT_EQ(spec_.operations[0].apis[0].text, "new");
}

TEST_F(KernelFilterTest, AnUnknownKernelIsAnError) {
  filter("fact f { kernel \"6.1\"; }", "7.0");
  ASSERT_TRUE(diags_.hadErrors());
  EXPECT_NE(diags_.renderAll().find("test.rules:1:17: error: unknown kernel '6.1'"),
            std::string::npos)
      << diags_.renderAll();
}

} // namespace
} // namespace lockspec
