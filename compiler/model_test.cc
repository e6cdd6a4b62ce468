#include "model.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace lockspec {
namespace {

// A model owns its names: they stay readable after sema is gone, through any copy of it.
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

TEST(Model, FindSeesTheLastIndexAndPrefersTheFirstDeclaration) {
  Model model;
  for (int i = 0; i < 100; ++i) {
    Lock lock;
    lock.name = "l" + std::to_string(i);
    model.locks.push_back(lock);
  }
  model.locks.push_back(model.locks[7]); // A duplicate: the first declaration wins.
  model.locks.back().owner = "second";
  model.index();
  ASSERT_TRUE(model.findLock("l42"));
  EXPECT_EQ(model.findLock("l42")->name, "l42");
  EXPECT_EQ(model.findLock("l7"), &model.locks[7]);
  EXPECT_EQ(model.findLock("absent"), nullptr);
  EXPECT_EQ(model.findObject("l1"), nullptr);

  // Rebuilt from what the vectors hold now.
  Lock late;
  late.name = "late";
  model.locks.assign(1, late);
  model.index();
  EXPECT_EQ(model.findLock("late"), &model.locks[0]);
  EXPECT_EQ(model.findLock("l42"), nullptr);
}

} // namespace
} // namespace lockspec
