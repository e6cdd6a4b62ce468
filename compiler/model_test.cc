#include "model.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace lockspec {
namespace {

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

// The model's names point into sema's symbol stores, which the model holds (and copies of it
// share), not sema: they stay readable after sema is gone, through any copy of the model.
TEST(Model, NamesOutliveSemaAndTheModelTheyWereCopiedFrom) {
  std::optional<Model> copy;
  {
    auto c = compileString(chainSpec(300));
    ASSERT_TRUE(c.model) << c.diags.substr(0, 2000);
    copy = *c.model;
  }
  std::vector<std::string> churn(2000, std::string(48, 'x')); // Reuses freed memory, if any.
  const Field &field = copy->objects.at(5).fields.at(0);
  ASSERT_TRUE(field.read);
  const Atom &atom = field.read->requirement.alternatives.at(0).atoms.at(0);
  EXPECT_EQ(atom.lock, "rw5");
  EXPECT_EQ(atom.mode, "read");
  EXPECT_EQ(atom.instance, "o5->rw");
  EXPECT_EQ(copy->relations.at(7).other, "rw7");
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
