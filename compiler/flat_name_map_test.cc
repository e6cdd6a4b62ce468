#include "flat_name_map.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace lockspec {
namespace {

/// Inserting through several regrowths keeps every entry, the first value of a repeated key,
/// and finds nothing that was never inserted.
TEST(FlatNameMapTest, KeepsEntriesAcrossRehashes) {
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i)
    keys.push_back("name_" + std::to_string(i));
  FlatNameMap<int> map; // No reserve: grows from empty.
  for (int i = 0; i < 5000; ++i) {
    auto [value, inserted] = map.emplace(keys[i], i);
    ASSERT_TRUE(inserted);
    ASSERT_EQ(*value, i);
  }
  for (int i = 0; i < 5000; i += 7) {
    auto [value, inserted] = map.emplace(keys[i], -1);
    EXPECT_FALSE(inserted);
    EXPECT_EQ(*value, i) << "a repeated key must keep its first value";
  }
  EXPECT_EQ(map.size(), 5000u);
  for (int i = 0; i < 5000; ++i) {
    const int *found = map.find(keys[i]);
    ASSERT_NE(found, nullptr) << keys[i];
    EXPECT_EQ(*found, i);
  }
  EXPECT_EQ(map.find("name_5000"), nullptr);
  EXPECT_EQ(map.find(""), nullptr);
  EXPECT_EQ(map.find("name_"), nullptr);
}

/// Keys compare by text, not by address, and an empty map finds nothing.
TEST(FlatNameMapTest, ComparesKeyText) {
  FlatNameMap<int> map;
  EXPECT_EQ(map.find("lock"), nullptr);
  map.reserve(4);
  std::string a = "mmap_lock", b = "mmap_lock";
  map.emplace(a, 1);
  EXPECT_FALSE(map.emplace(b, 2).second);
  const int *found = map.find(std::string_view("mmap_lock"));
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(*found, 1);
  EXPECT_EQ(map.find("mmap_loc"), nullptr);
}

} // namespace
} // namespace lockspec
