// Two threads must give what one gives: the same tree, model and diagnostics, in the same
// order.  Each test also checks that the second thread really did (or really did not) do its
// part, so a parallel path that silently fell back to one thread cannot pass.
#include <gtest/gtest.h>

#include <map>

#include "json_backend.h"
#include "parser.h"
#include "sema.h"
#include "test_util.h"

namespace lockspec {
namespace {

/// One compile of `text` with `threads`, includes served from `files`.
struct Outcome {
  std::string json; ///< Empty when there was an error.
  std::string diags;
  Parser::HalvesStats halves;
  std::vector<std::string> phases; ///< Sema's passes, as the time report names them.
};

Outcome compileWith(const std::string &text, unsigned threads,
                    const std::map<std::string, std::string> &files = {}) {
  SourceManager sources;
  Diagnostics diags(sources);
  FileId root = sources.addBuffer("test.rules", text);
  Parser parser(
      sources, diags,
      [&](FileId, const std::string &path, Span span) -> std::optional<FileId> {
        auto it = files.find(path);
        if (it == files.end()) {
          diags.error(span, "no file '" + path + "'");
          return std::nullopt;
        }
        return sources.addBuffer(path, it->second);
      },
      threads);
  ast::Spec spec;
  parser.parseFile(root, spec);
  Outcome run;
  run.halves = parser.halves();
  if (!diags.hadErrors()) {
    TimeReport times;
    auto model = analyze(spec, sources, diags, {.timeReport = &times, .threads = threads});
    if (model)
      run.json = emitJson(*model, threads);
    for (const TimeReport::Entry &e : times.entries())
      run.phases.push_back(e.phase);
  }
  run.diags = diags.renderAll();
  return run;
}

bool ranOnSecondThread(const Outcome &run, const std::string &pass) {
  return std::find(run.phases.begin(), run.phases.end(), "sema/" + pass + " (thread 2)") !=
         run.phases.end();
}

/// `text` with `from` (which must occur) replaced by `to`.
std::string replaced(std::string text, const std::string &from, const std::string &to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos)
    text.replace(at, from.size(), to);
  return text;
}

size_t errorCount(const std::string &diags) {
  size_t n = 0;
  for (size_t at = diags.find(": error: "); at != std::string::npos;
       at = diags.find(": error: ", at + 1))
    ++n;
  return n;
}

TEST(Parallel, SameModelAsOneThread) {
  std::string text = chainSpec(300);
  Outcome one = compileWith(text, 1), two = compileWith(text, 2);
  ASSERT_FALSE(one.json.empty()) << one.diags.substr(0, 2000);
  EXPECT_EQ(one.json, two.json);
  EXPECT_EQ(two.diags, "");
  EXPECT_EQ(one.halves.kept + one.halves.dropped, 0u) << "one thread never splits";
  EXPECT_EQ(two.halves.kept, 1u) << "the second half's tree was not used";
  EXPECT_TRUE(ranOnSecondThread(two, "locks"));
  EXPECT_TRUE(ranOnSecondThread(two, "relations"));
  EXPECT_TRUE(ranOnSecondThread(two, "orders"));
  EXPECT_TRUE(ranOnSecondThread(two, "fields+operations"));
  EXPECT_FALSE(ranOnSecondThread(one, "fields+operations"));
}

// Errors in both halves of the locks pass, and in the fields, orders and operations passes:
// the fork's come out where one thread reports them.
TEST(Parallel, SameDiagnosticsInTheSameOrder) {
  std::string text = chainSpec(300);
  // Fields and operations are shared out in chunks of about 256 (fields: 86 objects here):
  // errors in several chunks of each.
  text = replaced(text, "read rw5.read | spin5;", "read rw5.read | nosuch;"); // fields
  text = replaced(text, "read rw150.read | spin150;", "read rw150.read | nosuch;");
  text = replaced(text, "read rw290.read | spin290;", "read rw290.read | nosuch;");
  text = replaced(text, "exclusive: rw299.write", "exclusive: rw299.wrote");
  text =
      replaced(text, "release rw10_unlock(@o10) write", "release rw10_unlock(@o10) wrte"); // locks
  text = replaced(text, "acquire spin250_lock(@o250) held", "acquire spin250_lock(@o250) heldx");
  text = replaced(text, "rw149 { rw150 { spin150; } }", "rw149 { rw150 { spin150 { rw149; } } }");
  text = replaced(text, "acquire spin20 requires rw20.read", "acquire spin20 requires rw20.rd");
  text = replaced(text, "acquire spin280 requires rw280.read", // relations, both halves
                  "acquire spin280 requires spin280");
  text = replaced(text, "release rw200_unlock(@o200)", "release rw100_unlock(@o200)"); // declare
  text = replaced(text, "exclusive: rw3.write", "exclusive: rw3.wrote");               // operations
  text = replaced(text, "& spin200 \"r\"", "& nosuch \"r\"");
  Outcome one = compileWith(text, 1), two = compileWith(text, 2);
  EXPECT_EQ(errorCount(one.diags), 14u) << one.diags; // The cycle is three.
  EXPECT_EQ(one.diags, two.diags);
  EXPECT_TRUE(two.json.empty());
  EXPECT_TRUE(ranOnSecondThread(two, "locks"));
  EXPECT_TRUE(ranOnSecondThread(two, "relations"));
  EXPECT_TRUE(ranOnSecondThread(two, "orders"));
  EXPECT_TRUE(ranOnSecondThread(two, "fields+operations"));
}

// The parser's guess at a split lands on a line that looks like a declaration but sits inside a
// doc string.  Parsed from there, the rest is valid on its own (the string's end hides behind a
// comment), so only the check that this thread reaches the split exactly can reject it.
TEST(Parallel, SplitInsideAStringIsDropped) {
  std::string text = chainSpec(30);
  text += "topic tricky { title \"t\"; doc \"\"\"\n";
  for (int i = 0; i < 2000; ++i)
    text +=
        "lock fake" + std::to_string(i) + ": rwsem on obj0 { doc \"d\"; mode held exclusive; }\n";
  text += "// \"\"\"; }\n";
  text += "object tail { doc \"d\"; var t; }\n";
  Outcome one = compileWith(text, 1), two = compileWith(text, 2);
  ASSERT_FALSE(one.json.empty()) << one.diags.substr(0, 2000);
  EXPECT_EQ(one.json, two.json);
  EXPECT_EQ(two.halves.dropped, 1u);
  EXPECT_EQ(two.halves.kept, 0u);
  EXPECT_EQ(two.json.find("\"fake"), std::string::npos);
}

TEST(Parallel, IncludeInTheSecondHalfIsFollowed) {
  std::string text = chainSpec(40) + "include \"extra.rules\";\n";
  std::map<std::string, std::string> files = {
      {"extra.rules", "object extra { doc \"d\"; var e; }\n"}};
  Outcome one = compileWith(text, 1, files), two = compileWith(text, 2, files);
  ASSERT_FALSE(one.json.empty()) << one.diags.substr(0, 2000);
  EXPECT_NE(one.json.find("\"name\": \"extra\""), std::string::npos);
  EXPECT_EQ(one.json, two.json);
  EXPECT_EQ(two.halves.dropped, 1u);
}

TEST(Parallel, SyntaxErrorInTheSecondHalf) {
  std::string text = replaced(chainSpec(40), "mode held exclusive; acquire spin35_lock",
                              "mode held exclusive acquire spin35_lock");
  Outcome one = compileWith(text, 1), two = compileWith(text, 2);
  EXPECT_GE(errorCount(one.diags), 1u) << one.diags;
  EXPECT_EQ(one.diags, two.diags);
  EXPECT_EQ(two.halves.dropped, 1u);
}

TEST(Parallel, SmallSpecStaysOnOneThreadByDefault) {
  Outcome run = compileWith(chainSpec(20), 0);
  ASSERT_FALSE(run.json.empty()) << run.diags.substr(0, 2000);
  EXPECT_EQ(run.halves.kept + run.halves.dropped, 0u);
  EXPECT_FALSE(ranOnSecondThread(run, "fields+operations"));
}

} // namespace
} // namespace lockspec
