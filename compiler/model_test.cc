#include "model.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace lockspec {
namespace {

/// A spec of `blocks` blocks shaped like bench/gen_spec.py's: each an object linked to the
/// previous one, with two guarded fields, an rwsem and a spinlock, a relation, an order tree
/// nested under the previous block's and an operation.
std::string chainSpec(size_t blocks) {
  std::string out;
  for (size_t i = 0; i < blocks; ++i) {
    std::string n = std::to_string(i), o = "obj" + n, rw = "rw" + n, sp = "spin" + n;
    out += "object " + o + " { doc \"d\"; var o" + n + ";\n";
    if (i > 0)
      out += "  link parent: obj" + std::to_string(i - 1) + " = \"o" + n + "->parent\";\n";
    out += "  field state { doc \"d\"; source \"s\"; read " + rw + ".read | " + sp + "; write " +
           rw + ".write; }\n";
    out += "  field count { doc \"d\"; source \"s\"; read " + rw + ".read; write " + rw +
           ".read & " + sp + "; }\n}\n";
    out += "lock " + rw + ": rwsem on " + o + " { doc \"d\"; source \"s\"; path \"o" + n +
           "->rw\";\n  mode read shared; mode write exclusive implies read;\n  acquire " + rw +
           "_lock(@o" + n + ") write \"d\"; release " + rw + "_unlock(@o" + n +
           ") write \"d\";\n}\n";
    out += "lock " + sp + ": spinlock on " + o + " { doc \"d\"; source \"s\"; path \"o" + n +
           "->lock\";\n  mode held exclusive; acquire " + sp + "_lock(@o" + n +
           ") held \"d\";\n}\n";
    out += "relation rel" + n + " { doc \"d\"; source \"s\"; acquire " + sp + " requires " + rw +
           ".read; }\n";
    out += "order ord" + n + " { doc \"d\"; source \"s\"; " +
           (i > 0 ? "rw" + std::to_string(i - 1) + " { " + rw + " { " + sp + "; } }"
                  : rw + " { " + sp + "; }") +
           " }\n";
    out += "operation update" + n + " { doc \"d\"; source \"s\"; subject o: " + o +
           ";\n  requires any { exclusive: " + rw + ".write \"w\"; shared: " + rw + ".read & " +
           sp + " \"r\"; };\n  rejects " + rw + ".read \"r\";\n}\n";
  }
  return out;
}

// Sema looks names up a fixed number of times per rule.  When each lookup scanned the locks
// (issue 3), comparisons grew with the square of the spec: doubling it quadrupled them.
TEST(Model, SemaLookupsCompareAboutOneNameEach) {
  auto small = compileString(chainSpec(200));
  auto large = compileString(chainSpec(400));
  ASSERT_TRUE(small.model) << small.diags.substr(0, 2000);
  ASSERT_TRUE(large.model) << large.diags.substr(0, 2000);
  EXPECT_TRUE(large.diags.empty()) << large.diags.substr(0, 2000);
  size_t a = small.model->nameComparisons(), b = large.model->nameComparisons();
  EXPECT_GT(a, 200u); // Sema does look names up through the model.
  EXPECT_LE(b, 2 * a + 2 * a / 10) << a << " -> " << b;
  EXPECT_LE(b, 100u * 400) << "more than a few comparisons per lookup";
}

TEST(Model, FindSeesNamesAppendedSinceReindexAndPrefersTheFirst) {
  Model model;
  for (int i = 0; i < 100; ++i) {
    Lock lock;
    lock.name = "l" + std::to_string(i);
    model.locks.push_back(lock);
  }
  model.locks.push_back(model.locks[7]); // A duplicate: the first declaration wins.
  model.locks.back().owner = "second";
  model.reindex();
  Lock late;
  late.name = "late";
  model.locks.push_back(late);
  ASSERT_TRUE(model.findLock("l42"));
  EXPECT_EQ(model.findLock("l42")->name, "l42");
  EXPECT_EQ(model.findLock("l7"), &model.locks[7]);
  EXPECT_EQ(model.findLock("late"), &model.locks.back());
  EXPECT_EQ(model.findLock("absent"), nullptr);
  EXPECT_EQ(model.findObject("l1"), nullptr);

  // A vector replaced by a shorter one is not trusted to the old index.
  model.locks.assign(1, late);
  EXPECT_EQ(model.findLock("late"), &model.locks[0]);
  EXPECT_EQ(model.findLock("l42"), nullptr);
}

} // namespace
} // namespace lockspec
