#include "json_backend.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace lockspec {
namespace {

/// JSON string escaping a byte at a time, the plain way: what the backend's word-at-a-time
/// scan must agree with.
std::string escapedSlowly(const std::string &s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\b')
      out += "\\b";
    else if (c == '\f')
      out += "\\f";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20)
      out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
    else
      out += static_cast<char>(c);
  }
  return out + "\"";
}

/// "" when `actual` is `expected`, else where they first differ.  gtest's own diff of two
/// megabyte strings takes minutes.
std::string firstDifference(const std::string &actual, const std::string &expected) {
  if (actual == expected)
    return "";
  size_t at = 0;
  while (at < actual.size() && at < expected.size() && actual[at] == expected[at])
    ++at;
  size_t from = at < 40 ? 0 : at - 40;
  return "differ at byte " + std::to_string(at) + ": got ..." + actual.substr(from, 80) +
         "... expected ..." + expected.substr(from, 80) + "...";
}

/// How the backend writes `file` as the model's one file name (quotes included).
std::string fileJson(const std::string &file) {
  Model m;
  m.files = {file};
  std::string text = emitJson(m);
  const std::string before = "\"files\": [\n    ", after = "\n  ],";
  size_t from = text.find(before);
  if (from == std::string::npos)
    return "(no files member)";
  from += before.size();
  size_t to = text.find(after, from);
  return to == std::string::npos ? "(no end of files)" : text.substr(from, to - from);
}

TEST(JsonBackend, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(fileJson("a\"b\\c/d"), "\"a\\\"b\\\\c/d\"");
  EXPECT_EQ(fileJson("\n\t\r\b\f"), "\"\\n\\t\\r\\b\\f\"");
  EXPECT_EQ(fileJson(std::string("\x00\x01\x1f\x7f", 4)), "\"\\u0000\\u0001\\u001f\x7f\"");
  EXPECT_EQ(fileJson(""), "\"\"");
}

TEST(JsonBackend, PassesUtf8Through) {
  // "é", "→", "😀" and a quote after them, in and after the first whole word.
  const std::string text = "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80\"";
  EXPECT_EQ(fileJson(text), "\"caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80\\\"\"");
}

/// Every byte value at every position of strings of every length up to three words, so that
/// each lands in a whole word, in the last partial word and at their boundaries.
TEST(JsonBackend, EscapesEveryByteAtEveryPositionLikeTheByteLoop) {
  Model m;
  std::string expected;
  for (size_t length = 1; length <= 24; ++length)
    for (size_t at = 0; at < length; ++at)
      for (int c = 0; c < 256; ++c) {
        std::string s(length, 'x');
        s[at] = static_cast<char>(c);
        expected += (expected.empty() ? "" : ",\n    ") + escapedSlowly(s);
        m.files.push_back(std::move(s));
      }
  std::string text = emitJson(m);
  const std::string before = "\"files\": [\n    ";
  ASSERT_NE(text.find(before), std::string::npos);
  EXPECT_EQ(
      firstDifference(text.substr(text.find(before) + before.size(), expected.size()), expected),
      "");
}

/// Strings longer than the writer's buffer and its escaping pieces, escapes everywhere.
TEST(JsonBackend, EscapesLongStrings) {
  std::string s;
  for (size_t i = 0; s.size() < 300000; ++i)
    s += i % 7 == 0 ? "\x01" : i % 5 == 0 ? "\"\\" : "abcdefghijk";
  EXPECT_EQ(firstDifference(fileJson(s), escapedSlowly(s)), "");
}

/// An order tree 60 levels deep: indentation deeper than the writer copies in one piece.
TEST(JsonBackend, IndentsDeepNesting) {
  Model m;
  Order order;
  order.name = "deep";
  OrderNode leaf;
  leaf.note = "leaf";
  for (int i = 0; i < 60; ++i) {
    OrderNode parent;
    parent.children.push_back(std::move(leaf));
    leaf = std::move(parent);
  }
  order.roots.push_back(std::move(leaf));
  m.orders.push_back(std::move(order));
  std::string text = emitJson(m);
  // Top object, "orders", the order, "roots", then an object and a "children" array a level.
  size_t depth = 4 + 60 * 2 + 1;
  EXPECT_NE(text.find("\n" + std::string(2 * depth, ' ') + "\"note\": \"leaf\",\n"),
            std::string::npos);
  // Nothing is deeper than the leaf's position's members.
  EXPECT_NE(text.find("\n" + std::string(2 * depth + 2, ' ') + "\"line\": 0,"), std::string::npos);
  EXPECT_EQ(text.find("\n" + std::string(2 * depth + 4, ' ')), std::string::npos);
}

/// `--emit=json` hands the text on in chunks; it must be the string mode's exactly.
TEST(JsonBackend, StreamedTextEqualsTheString) {
  Model m;
  for (int i = 0; i < 5000; ++i) {
    Topic t;
    t.name = "topic" + std::to_string(i);
    t.doc = "Line one\nline \"two\"\t\\" + std::string(i % 50, 'x');
    t.title = "T\xc3\xa9";
    t.pos.line = static_cast<unsigned>(i);
    m.topics.push_back(std::move(t));
  }
  std::ostringstream streamed;
  emitJson(m, streamed);
  std::string whole = emitJson(m);
  EXPECT_GT(whole.size(), size_t(1) << 19); // Several chunks.
  EXPECT_EQ(firstDifference(streamed.str(), whole), "");
  EXPECT_EQ(whole.back(), '\n');
  EXPECT_NE(whole.find("\"line\": 4999,"), std::string::npos);
}

} // namespace
} // namespace lockspec
