#include "rst_backend.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace lockspec {
namespace {

const char *kDocsSpec = R"(
topic overview { title "Process addresses"; doc "Overview *body*."; source "a.rst"; }
topic extra { title "Extra topic"; doc "Not on the main page."; source "b.rst"; }
object thing {
  doc "A thing.";
  var t;
  link mm: mm_struct = "t->mm";
  field size {
    source "thing.h";
    doc """
      How big it is.

      A second paragraph stays out of the table.
      """;
    table "Thing fields";
    read mmap_lock.read;
    write mmap_lock.write;
  }
  field flags {
    source "thing.h";
    doc "Its flags.";
    table "Thing fields";
    read stable;
    write mmap_lock.write;
  }
}
let stable = mmap_lock.read { doc "Kept stable."; source "s.rst"; }
)";

Compiled compileDocsSpec() {
  return compileString(std::string(kBaseSpec) + kDocsSpec);
}

TEST(RstBackend, MainPageHasTheKernelDocumentsHeadings) {
  Compiled c = compileDocsSpec();
  ASSERT_TRUE(c.model) << c.diags;
  auto page = renderRstPage(*c.model, "process_addrs");
  ASSERT_TRUE(page);
  std::string text = page->text();
  EXPECT_NE(text.find("=================\nProcess Addresses\n=================\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("-------\nLocking\n-------\n"), std::string::npos);
  EXPECT_NE(text.find("Overview *body*."), std::string::npos);
  EXPECT_EQ(text.find("Not on the main page."), std::string::npos);
}

TEST(RstBackend, EveryLineMapsToTheSpecPositionItCameFrom) {
  Compiled c = compileDocsSpec();
  ASSERT_TRUE(c.model) << c.diags;
  for (const RstPage &page : renderRstPages(*c.model)) {
    ASSERT_EQ(page.lines.size(), page.origins.size()) << page.name;
    for (size_t i = 0; i < page.lines.size(); ++i)
      EXPECT_EQ(page.origins[i].file, "test.rules") << page.name << " line " << i;
  }
  auto page = renderRstPage(*c.model, "topics/extra");
  ASSERT_TRUE(page);
  const Topic &extra = c.model->topics[1];
  for (size_t i = 0; i < page->lines.size(); ++i)
    if (page->lines[i] == "Not on the main page.") { // Braced: gtest's macros end in an if.
      EXPECT_EQ(page->origins[i].line, extra.pos.line);
    }
}

TEST(RstBackend, FieldTableHasReadAndWriteRules) {
  Compiled c = compileDocsSpec();
  ASSERT_TRUE(c.model) << c.diags;
  auto table = renderRstFieldTable(*c.model, "thing", "Thing fields");
  ASSERT_TRUE(table);
  std::string text = table->text();
  EXPECT_NE(text.find(".. table:: Thing fields"), std::string::npos) << text;
  EXPECT_NE(text.find("Read lock"), std::string::npos);
  EXPECT_NE(text.find(":c:member:`!size`"), std::string::npos);
  EXPECT_NE(text.find("mmap_lock read."), std::string::npos) << text;
  EXPECT_NE(text.find("mmap_lock write."), std::string::npos) << text;
  EXPECT_EQ(text.find("second paragraph"), std::string::npos) << "cells hold the first paragraph";
  // A read rule that is exactly a named requirement shows the name, defined under the table.
  EXPECT_NE(text.find(" *stable* "), std::string::npos) << text;
  EXPECT_NE(text.find("*stable* (read lock): mmap_lock read."), std::string::npos) << text;
  EXPECT_FALSE(renderRstFieldTable(*c.model, "thing", "No such table"));
  EXPECT_FALSE(renderRstFieldTable(*c.model, "nothing", "Thing fields"));
}

TEST(RstBackend, SimpleTableColumnsLineUp) {
  Compiled c = compileDocsSpec();
  ASSERT_TRUE(c.model) << c.diags;
  RstText table = *renderRstFieldTable(*c.model, "thing", "Thing fields");
  // Every row line must leave the border's gaps blank, or docutils reads a different table.
  std::string border;
  for (const std::string &l : table.lines)
    if (l.find("===") != std::string::npos) {
      border = l;
      break;
    }
  ASSERT_FALSE(border.empty());
  size_t lastGap = border.rfind(' ');
  for (const std::string &l : table.lines) {
    if (l.size() < 3 || l.substr(0, 3) != "   ")
      continue;
    for (size_t i = 3; i < std::min(l.size(), lastGap + 1); ++i)
      if (border[i] == ' ') {
        EXPECT_EQ(l[i], ' ') << "column gap at " << i << " in\n" << l;
      }
  }
}

TEST(RstBackend, BackendWritesABannerNamingTheSpec) {
  Compiled c = compileDocsSpec();
  ASSERT_TRUE(c.model) << c.diags;
  auto outputs = emitRst(*c.model);
  ASSERT_FALSE(outputs.empty());
  EXPECT_EQ(outputs[0].name, "docs/process_addrs.rst");
  EXPECT_EQ(outputs[0].contents.rfind(".. generated from test.rules by lockspec; do not edit.", 0),
            0u)
      << outputs[0].contents.substr(0, 200);
  bool extraPage = false, operationsIndex = false;
  for (const OutputFile &f : outputs) {
    extraPage = extraPage || f.name == "docs/topics/extra.rst";
    operationsIndex = operationsIndex || f.name == "docs/operations/index.rst";
  }
  EXPECT_TRUE(extraPage);
  EXPECT_TRUE(operationsIndex);
}

TEST(RstBackend, DescribesRequirementsInDisjunctiveForm) {
  Requirement none{"", {Alternative{}}};
  EXPECT_EQ(describeRequirement(none), "None");
  EXPECT_EQ(describeRequirement(Requirement{}), "Cannot be met");
  Atom a;
  a.lock = "mmap_lock";
  a.mode = "write";
  Atom b = a;
  b.lock = "vma_lock";
  b.mode = "read";
  Requirement two{"", {Alternative{"", "", {a}}, Alternative{"", "", {b}}}};
  EXPECT_EQ(describeRequirement(two), "mmap_lock write or vma_lock read");
  Atom c = b;
  c.lock = "anon_vma_lock";
  // Shared atoms are said once, before the choices.
  Requirement shared{"", {Alternative{"", "", {a, c}}, Alternative{"", "", {a, b}}}};
  EXPECT_EQ(describeRequirement(shared),
            "mmap_lock write, and anon_vma_lock read or vma_lock read");
  // When one alternative is only the shared part, each is spelled out.
  Requirement subsumed{"", {Alternative{"", "", {a}}, Alternative{"", "", {a, b}}}};
  EXPECT_EQ(describeRequirement(subsumed), "mmap_lock write or (mmap_lock write, vma_lock read)");
}

} // namespace
} // namespace lockspec
