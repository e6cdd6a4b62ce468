// Reading the last few bytes of a string as one machine word.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace lockspec {

/// The `size` bytes at `p` (`size` < 8) as the low bytes of a word, in memory order on a
/// little-endian machine, the rest zero.  Loaded in pieces of 4, 2 and 1 bytes, so it never
/// reads past `p + size`.  The JSON writer escapes, and hashName hashes, the tail of a string
/// a word at a time with it: most names are shorter than 8 bytes, and a byte at a time the
/// JSON tail alone cost 10M instructions at 10k rules (issue 3).
inline uint64_t loadPartialWord(const char *p, size_t size) {
  uint64_t word = 0;
  size_t at = 0;
  if (size & 4) {
    uint32_t piece;
    std::memcpy(&piece, p, 4);
    word = piece;
    at = 4;
  }
  if (size & 2) {
    uint16_t piece;
    std::memcpy(&piece, p + at, 2);
    word |= uint64_t(piece) << (8 * at);
    at += 2;
  }
  if (size & 1)
    word |= uint64_t(static_cast<unsigned char>(p[at])) << (8 * at);
  return word;
}

} // namespace lockspec
