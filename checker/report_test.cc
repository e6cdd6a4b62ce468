#include "report.h"

#include <gtest/gtest.h>

namespace lockspec::check {
namespace {

TEST(ReportTest, JsonStringEscapesAndRepairsUtf8) {
  EXPECT_EQ(jsonString("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(jsonString(std::string("\x01", 1)), "\"\\u0001\"");
  EXPECT_EQ(jsonString("\xff"), "\"\\ufffd\"");
  EXPECT_EQ(jsonString("\xc3\xa9"), "\"\xc3\xa9\"");
}

std::vector<FileResult> oneFinding() {
  Finding f;
  f.rule = "unlock-not-held";
  f.diag.severity = Severity::Error;
  f.diag.hasSpan = true;
  f.diag.span = {kCheckedFile, 3, 8};
  f.diag.message = "x";
  return {{"a.c", "ab\ncdefgh\n", {f}, {}}};
}

TEST(ReportTest, TextIsTheCompilersFormat) {
  auto results = oneFinding();
  SourceManager sources;
  EXPECT_EQ(render(Format::Text, results, sources), "a.c:2:1: error: x\ncdefgh\n^~~~~\n");
}

TEST(ReportTest, JsonAndSarifCarryLocationAndRule) {
  auto results = oneFinding();
  SourceManager sources;
  std::string json = render(Format::Json, results, sources);
  EXPECT_NE(json.find("\"rule\": \"unlock-not-held\", \"severity\": \"error\", \"file\": "
                      "\"a.c\", \"line\": 2, \"column\": 1, \"end_line\": 2, \"end_column\": 6"),
            std::string::npos)
      << json;
  results = oneFinding();
  SourceManager sources2;
  std::string sarif = render(Format::Sarif, results, sources2);
  EXPECT_NE(sarif.find("\"version\": \"2.1.0\""), std::string::npos);
  EXPECT_NE(sarif.find("\"ruleId\": \"unlock-not-held\", \"ruleIndex\": 6, \"level\": \"error\""),
            std::string::npos)
      << sarif;
  EXPECT_NE(sarif.find("\"region\": {\"startLine\": 2, \"startColumn\": 1, \"endLine\": 2, "
                       "\"endColumn\": 6}"),
            std::string::npos);
}

} // namespace
} // namespace lockspec::check
