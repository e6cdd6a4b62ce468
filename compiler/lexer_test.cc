#include "lexer.h"

#include <gtest/gtest.h>

namespace lockspec {
namespace {

/// Tokens view into the source text, so the fixture keeps the SourceManager alive.
class LexerTest : public ::testing::Test {
protected:
  std::vector<Token> lex(const std::string &text, std::string *diagsOut = nullptr) {
    FileId file = sources_.addBuffer("test.rules", text);
    Diagnostics diags(sources_);
    auto tokens = Lexer(sources_, file, diags).lexAll();
    if (diagsOut)
      *diagsOut = diags.renderAll();
    return tokens;
  }
  SourceManager sources_;
};

TEST_F(LexerTest, PunctuationAndArrow) {
  auto toks = lex("a->b - c.d @e");
  std::vector<Tok> kinds;
  for (auto &t : toks)
    kinds.push_back(t.kind);
  EXPECT_EQ(kinds, (std::vector<Tok>{Tok::Ident, Tok::Arrow, Tok::Ident, Tok::Minus, Tok::Ident,
                                     Tok::Dot, Tok::Ident, Tok::At, Tok::Ident, Tok::Eof}));
  EXPECT_EQ(toks[2].span.begin, 3u);
}

TEST_F(LexerTest, StringEscapesAndRawDedent) {
  auto toks = lex("\"a\\\"b\\n\" \"\"\"\n    one\n      two\n    \"\"\"");
  ASSERT_EQ(toks[0].kind, Tok::String);
  EXPECT_EQ(stringValue(toks[0]), "a\"b\n");
  EXPECT_EQ(stringValue(toks[1]), "one\n  two");
}

TEST_F(LexerTest, UnterminatedStringIsLocated) {
  std::string diags;
  lex("x \"abc\ny", &diags);
  EXPECT_EQ(diags, "test.rules:1:3: error: unterminated string\nx \"abc\n  ^~~~\n");
}

TEST_F(LexerTest, BadCharacterReportedOnceAndLexingGoesOn) {
  std::string diags;
  auto toks = lex("a $ b", &diags);
  EXPECT_EQ(diags, "test.rules:1:3: error: unexpected character '$'\na $ b\n  ^\n");
  EXPECT_EQ(toks[2].kind, Tok::Ident);
}

TEST_F(LexerTest, StringsMustBeUtf8) {
  std::string diags;
  lex("\"caf\xc3\xa9\"", &diags); // Well-formed two-byte sequence.
  EXPECT_EQ(diags, "");
  for (const char *bad : {"\"\xe9\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\""}) {
    lex(bad, &diags);
    EXPECT_NE(diags.find("error: string is not valid UTF-8"), std::string::npos) << bad;
  }
}

TEST_F(LexerTest, CommentsSkipped) {
  auto toks = lex("// hello\nx // there\n");
  ASSERT_EQ(toks.size(), 2u);
  EXPECT_EQ(toks[0].text, "x");
}

} // namespace
} // namespace lockspec
