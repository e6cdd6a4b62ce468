// A hash map from names to small values, laid out flat for sema's name lookups.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "partial_word.h"

namespace lockspec {

/// A hash of a name for the compiler's open-addressing tables (FlatNameMap, the model's name
/// indexes).  Eight bytes per multiply, where std::hash<std::string_view> (libstdc++'s
/// _Hash_bytes) takes one byte at a time past the last whole word: it was 2.7% of a 100k-rule
/// compile (perf, issue 3).  Each step folds the high half of a 128-bit product into the low
/// half, so every input bit reaches the low bits that index a table: names that differ only
/// in their last digit must not share a probe chain.  Not for anything stored or printed.
inline size_t hashName(std::string_view name) {
#ifdef __SIZEOF_INT128__
  constexpr uint64_t kMul = 0x9e3779b97f4a7c15, kFinal = 0xbf58476d1ce4e5b9;
  auto fold = [](uint64_t a, uint64_t b) {
    __uint128_t product = static_cast<__uint128_t>(a) * b;
    return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
  };
  const char *p = name.data();
  size_t left = name.size();
  uint64_t h = left;
  for (; left >= 8; p += 8, left -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = fold(h ^ word, kMul);
  }
  if (left) // The last 1-7 bytes.
    h = fold(h ^ loadPartialWord(p, left), kMul);
  return static_cast<size_t>(fold(h, kFinal));
#else
  return std::hash<std::string_view>{}(name);
#endif
}

/// Open addressing with linear probing over one array of slots, each holding the key's hash,
/// a view of the key and the value.  Sema looks up a name for every atom and role of a spec; at
/// 100k rules std::unordered_map<std::string, ...> spent 10% of the compile in those lookups,
/// chasing a bucket, a node and a heap-allocated key per probe (perf, issue 3).  Here a probe
/// touches one slot, and the key text only when the full hashes match.
///
/// Keys are views: the caller keeps the text alive as long as the map (sema's keys are the
/// names in the syntax tree).  Entries are never erased.
template <typename Value> class FlatNameMap {
public:
  /// Sizes the table for `count` entries without regrowing.
  void reserve(size_t count) {
    size_t want = 16;
    while (!roomFor(count, want))
      want *= 2;
    if (want > slots_.size())
      rehash(want);
  }

  /// Inserts `key` -> `value` unless `key` is present.  Returns the entry's value and whether
  /// it was inserted (like std::unordered_map::emplace).
  std::pair<Value *, bool> emplace(std::string_view key, Value value) {
    if (!roomFor(size_ + 1, slots_.size()))
      rehash(slots_.empty() ? 16 : 2 * slots_.size());
    assert(key.data() && "a key views text; a null view marks an empty slot");
    size_t hash = hashName(key);
    size_t i = probe(key, hash);
    Slot &slot = slots_[i];
    if (slot.used())
      return {&slot.value, false};
    slot = Slot{hash, key, std::move(value)};
    ++size_;
    return {&slot.value, true};
  }

  /// The value of `key`, or null.
  const Value *find(std::string_view key) const {
    if (slots_.empty())
      return nullptr;
    const Slot &slot = slots_[probe(key, hashName(key))];
    return slot.used() ? &slot.value : nullptr;
  }

  size_t size() const { return size_; }

private:
  /// Whether `slots` slots hold `count` entries at most three quarters full.  Probe chains
  /// stay short (a hit takes ~2.5 probes at 3/4), and the table, which is zeroed when sized,
  /// is half what "at most half full" made it: sizing sema's two tables at 100k rules was
  /// most of the serial declare pass (27 MB of fresh pages, issue 3).
  static bool roomFor(size_t count, size_t slots) { return 4 * count <= 3 * slots; }

  /// Used when its key views text: no flag, so sema's slot is one 64-byte cache line and the
  /// SymbolTable's 32 bytes.  At 100k rules the tables outgrow the caches and each probe is a
  /// miss, so their size is their speed.
  struct Slot {
    size_t hash = 0;
    std::string_view key;
    Value value{};
    bool used() const { return key.data() != nullptr; }
  };

  /// The slot holding `key`, or the empty slot where it would go.
  size_t probe(std::string_view key, size_t hash) const {
    size_t mask = slots_.size() - 1, i = hash & mask;
    while (slots_[i].used() && (slots_[i].hash != hash || slots_[i].key != key))
      i = (i + 1) & mask;
    return i;
  }

  void rehash(size_t count) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(count, Slot{});
    for (Slot &slot : old)
      if (slot.used())
        slots_[probe(slot.key, slot.hash)] = std::move(slot);
  }

  std::vector<Slot> slots_; ///< Size zero or a power of two.
  size_t size_ = 0;
};

} // namespace lockspec
