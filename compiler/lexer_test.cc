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

// Old Mac line ends: a lone CR ends a comment and a """ string's line, as LF and CRLF do.
TEST_F(LexerTest, CarriageReturnEndsLines) {
  auto toks = lex("// c\ra\r\n// d\r\nb \"\"\"\r  one\r    two\r\n  \"\"\";");
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(toks[0].text, "a");
  EXPECT_EQ(toks[1].text, "b");
  EXPECT_EQ(stringValue(toks[2]), "one\n  two");
  EXPECT_EQ(toks[3].kind, Tok::Semi);
}

// A run of bytes that start no token is one error, however long.
TEST_F(LexerTest, RunOfBadBytesIsOneError) {
  std::string diags;
  auto toks = lex("a " + std::string(5000, '#') + " b", &diags);
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(toks[1].kind, Tok::Error);
  EXPECT_EQ(toks[1].span.end - toks[1].span.begin, 5000u);
  EXPECT_EQ(toks[2].text, "b");
  EXPECT_EQ(diags.rfind("test.rules:1:3: error: unexpected characters starting with '#' (5000 "
                        "bytes)\n",
                        0),
            0u)
      << diags;
}

// Past the error limit the lexer ends the file: the outcome is known, the rest is cost.
TEST_F(LexerTest, StopsAtTheErrorLimit) {
  FileId file = sources_.addBuffer("test.rules", "$ a $ b $ c $ d");
  Diagnostics diags(sources_);
  diags.setErrorLimit(2);
  auto tokens = Lexer(sources_, file, diags).lexAll();
  EXPECT_EQ(diags.errorCount(), 2u);
  EXPECT_TRUE(diags.stopped());
  ASSERT_EQ(diags.all().size(), 3u);
  EXPECT_EQ(diags.all()[2].message.rfind("too many errors; stopping after 2", 0), 0u);
  // $ a $ b, then the third error stops it: c and d are never lexed.
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[3].text, "b");
  EXPECT_EQ(tokens[5].kind, Tok::Eof);
}

// A """ string that lost its closing quotes ends at its opening for the diagnostic, and
// lexing goes on at the next line that reads as a statement.
TEST_F(LexerTest, LostClosingQuotesRecoverAtTheNextStatement) {
  std::string diags;
  auto toks = lex("doc \"\"\"\n  prose\n  source \"s\";\n  doc \"\"\"\n  x\n  \"\"\";", &diags);
  ASSERT_GE(toks.size(), 4u);
  EXPECT_EQ(toks[1].kind, Tok::Error);
  EXPECT_EQ(toks[2].text, "source");
  EXPECT_EQ(diags.rfind("test.rules:1:5: error: unterminated \"\"\" string\n", 0), 0u) << diags;
  EXPECT_EQ(diags.find(": error:", diags.find('\n')), std::string::npos) << diags;
}

} // namespace
} // namespace lockspec
