#include "symbol.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <thread>
#include <vector>

namespace lockspec {
namespace {

TEST(Symbol, EmptyHasNoNodeAndReadsAsEmptyString) {
  Symbol none, fromEmpty(""), fromString{std::string()};
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(fromEmpty.empty());
  EXPECT_EQ(none.str(), "");
  EXPECT_TRUE(none.sameNode(fromEmpty));
  EXPECT_TRUE(none.sameNode(fromString));
  EXPECT_EQ(none.size(), 0u);
}

TEST(Symbol, ComparesByContentAcrossNodes) {
  Symbol a("mmap_lock"), b(std::string("mmap_lock")), c("vma_lock");
  EXPECT_FALSE(a.sameNode(b)); // Built directly: a node each.
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_LT(a, c);
  EXPECT_EQ(a, "mmap_lock");
  EXPECT_EQ("mmap_lock", a);
  EXPECT_EQ(a, std::string("mmap_lock"));
  EXPECT_EQ(a, std::string_view("mmap_lock"));
  EXPECT_NE(a, "mmap");
  EXPECT_LT(a, "n");
  EXPECT_GT(a, std::string("m"));
  // Order is the strings' order, prefix first, as std::string's.
  EXPECT_LT(Symbol("read"), Symbol("readers"));
  EXPECT_LT(Symbol(), Symbol("a"));
}

TEST(Symbol, ReadsAsAString) {
  Symbol s("o0->rw");
  const std::string &ref = s;
  EXPECT_EQ(&ref, &s.str());
  EXPECT_EQ(s + "!", "o0->rw!");
  EXPECT_EQ("&" + s, "&o0->rw");
  EXPECT_EQ(std::string("(") + s + ")", "(o0->rw)");
  EXPECT_EQ(s + s, "o0->rwo0->rw");
  std::string appended = "x:";
  appended += s;
  EXPECT_EQ(appended, "x:o0->rw");
  std::ostringstream out;
  out << s;
  EXPECT_EQ(out.str(), "o0->rw");
  EXPECT_EQ(std::hash<Symbol>{}(s), std::hash<std::string_view>{}("o0->rw"));
}

TEST(Symbol, CopiesShareAndOutliveTheOriginal) {
  Symbol copy;
  {
    Symbol original("anon_vma->root->rwsem");
    copy = original;
    EXPECT_TRUE(copy.sameNode(original));
    Symbol moved = std::move(original);
    EXPECT_TRUE(moved.sameNode(copy));
    EXPECT_TRUE(original.empty()); // NOLINT(bugprone-use-after-move): moved-from is empty.
  }
  EXPECT_EQ(copy, "anon_vma->root->rwsem");
  Symbol &alias = copy;
  copy = alias; // Self-assignment keeps the node alive.
  EXPECT_EQ(copy, "anon_vma->root->rwsem");
}

TEST(Symbol, OrdersMapsLikeStrings) {
  std::map<Symbol, int> m{{"write", 2}, {"read", 1}, {"", 0}};
  std::vector<std::string> keys;
  for (const auto &[k, v] : m)
    keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"", "read", "write"}));
}

TEST(SymbolTable, EqualTextsShareOneNode) {
  SymbolTable table;
  std::string a = "page_table_lock", b = "page_table_lock";
  Symbol x = table.intern(a), y = table.intern(b), z = table.intern("ptl");
  EXPECT_TRUE(x.sameNode(y));
  EXPECT_FALSE(x.sameNode(z));
  EXPECT_EQ(table.size(), 2u);
  EXPECT_TRUE(table.intern("").empty());
  EXPECT_EQ(table.size(), 2u);
  // Many more entries than the first table size: rehashing keeps every key findable.
  std::vector<Symbol> kept;
  for (int i = 0; i < 1000; ++i)
    kept.push_back(table.intern("lock" + std::to_string(i)));
  for (int i = 0; i < 1000; ++i)
    EXPECT_TRUE(table.intern("lock" + std::to_string(i)).sameNode(kept[i]));
  EXPECT_EQ(table.size(), 1002u);
}

TEST(SymbolTable, NodesOfDifferentTablesCompareByContent) {
  // Each table answers "unequal" for two of its own nodes without reading them; across
  // tables, or against a Symbol made directly, equal texts must still compare equal.
  SymbolTable first;
  Symbol a = first.intern("vma_lock"), b = first.intern("mmap_lock");
  EXPECT_NE(a, b);
  Symbol fromSecond;
  std::shared_ptr<const SymbolStore> secondStore; // Keeps fromSecond readable.
  {
    SymbolTable second; // Often allocated where a dead table was: ids must differ anyway.
    fromSecond = second.intern("vma_lock");
    secondStore = second.store();
  }
  SymbolTable third;
  Symbol fromThird = third.intern("vma_lock");
  EXPECT_FALSE(a.sameNode(fromSecond));
  EXPECT_EQ(a, fromSecond);
  EXPECT_EQ(fromSecond, fromThird);
  EXPECT_EQ(a, Symbol("vma_lock"));
  EXPECT_NE(fromThird, first.intern("mmap_lock"));
  // The last-interned shortcut hands back the same node, not a new one.
  EXPECT_TRUE(first.intern("mmap_lock").sameNode(b));
  EXPECT_TRUE(first.intern("vma_lock").sameNode(a));
}

// A table's nodes belong to its store, not to the Symbols: whoever keeps the Symbols (the
// model) keeps the store, and the nodes live while it does, however the Symbols are copied.
TEST(SymbolTable, SymbolsLiveAsLongAsTheStore) {
  Symbol kept;
  std::shared_ptr<const SymbolStore> store;
  {
    SymbolTable table;
    kept = table.intern("i_mmap_rwsem->root->rwsem");
    std::vector<Symbol> copies(100, kept); // Copies and their ends touch no count.
    store = table.store();
  }
  // Fill the heap so that a node freed with the table would be overwritten.
  std::vector<std::string> churn;
  for (int i = 0; i < 1000; ++i)
    churn.push_back(std::string(40, static_cast<char>('a' + i % 26)));
  EXPECT_EQ(kept, "i_mmap_rwsem->root->rwsem");
  EXPECT_EQ(store.use_count(), 1);
}

TEST(Symbol, CountsAreSafeAcrossThreads) {
  // Copies pile up in a vector before they are dropped, so the compiler cannot fold each
  // increment into its decrement.  Under TSan a non-atomic count is reported; without it, a
  // lost update frees the node early and the comparison at the end reads freed memory (ASan).
  Symbol shared("mm->mmap_lock");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&shared] {
      for (int round = 0; round < 20; ++round) {
        std::vector<Symbol> copies(1000, shared);
        copies.clear();
      }
    });
  for (std::thread &t : threads)
    t.join();
  EXPECT_EQ(shared, "mm->mmap_lock");
}

} // namespace
} // namespace lockspec
