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

/// Names that differ only in a digit near their end (rw9, rw10 ... or synthetic/obj17.h)
/// must land in different slots of a small table: the bits that index it are the low ones,
/// and a hash that left the last bytes of a word in its high bits would pile such names
/// into a few probe chains.
TEST(FlatNameMapTest, HashSpreadsNamesThatDifferAtTheEnd) {
  for (const char *prefix : {"rw", "synthetic/obj", "anon_vma->root->"}) {
    constexpr size_t kSlots = 1024;
    std::vector<bool> used(kSlots);
    size_t distinct = 0;
    for (int i = 0; i < 1000; ++i) {
      size_t slot = hashName(prefix + std::to_string(i) + ".h") & (kSlots - 1);
      distinct += !used[slot];
      used[slot] = true;
    }
    // Uniform hashing fills 1024 * (1 - e^(-1000/1024)) = 640 slots on average.
    EXPECT_GT(distinct, 590u) << prefix;
  }
  EXPECT_EQ(hashName("mmap_lock"), hashName(std::string("mmap_lock")));
  EXPECT_NE(hashName("a"), hashName(std::string_view("a\0", 2))) << "length must count";
  EXPECT_NE(hashName(""), hashName(std::string_view("\0", 1)));
}

} // namespace
} // namespace lockspec
