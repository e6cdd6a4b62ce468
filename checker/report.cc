#include "report.h"

#include <algorithm>
#include <cstdio>

namespace lockspec::check {
namespace {

void retarget(Diagnostic &d, FileId file) {
  if (d.span.file == kCheckedFile)
    d.span.file = file;
  for (Diagnostic &n : d.notes)
    retarget(n, file);
}

/// Length of the UTF-8 sequence at `s[i]`, or 0 when it is not valid UTF-8.
size_t utf8Length(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > s.size() || (n == 2 && c < 0xc2))
    return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80)
      return 0;
  return n;
}

struct Location {
  std::string file;
  LineCol begin, end;
};

Location locate(const SourceManager &sources, const Span &span) {
  return {sources.name(span.file), sources.lineCol(span.file, span.begin),
          sources.lineCol(span.file, std::max(span.end, span.begin))};
}

std::string region(const Location &l) {
  return "{\"startLine\": " + std::to_string(l.begin.line) +
         ", \"startColumn\": " + std::to_string(l.begin.column) +
         ", \"endLine\": " + std::to_string(l.end.line) +
         ", \"endColumn\": " + std::to_string(std::max(l.end.column, l.begin.column + 1)) + "}";
}

std::string physical(const Location &l) {
  // SARIF wants URIs: absolute paths become file: URIs, relative ones stay relative references.
  std::string uri = !l.file.empty() && l.file[0] == '/' ? "file://" + l.file : l.file;
  return "{\"artifactLocation\": {\"uri\": " + jsonString(uri) + "}, \"region\": " + region(l) +
         "}";
}

const char *sarifLevel(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note";
}

} // namespace

std::string coverageReport(const std::vector<FileResult> &results) {
  FunctionStats all;
  std::string lines;
  for (const FileResult &r : results) {
    all.add(r.functions);
    for (const SkippedFunction &s : r.functions.skipped) {
      size_t line = 1 + std::count(r.text.begin(),
                                   r.text.begin() + std::min<size_t>(s.offset, r.text.size()), '\n');
      lines += "  " + r.path + ":" + std::to_string(line) + ": " + s.name + ": " + s.reason + "\n";
    }
  }
  return "functions analysed: " + std::to_string(all.analysed) + " of " +
         std::to_string(all.defined) + "\n" + lines;
}

namespace {

std::string renderJson(const std::vector<FileResult> &results, const SourceManager &sources) {
  std::string out =
      "{\n  \"schema\": \"lockspec-check/1\",\n  \"files\": " + std::to_string(results.size()) +
      ",\n  \"findings\": [";
  bool first = true;
  for (const FileResult &r : results)
    for (const Finding &f : r.findings) {
      Location l = locate(sources, f.diag.span);
      out += first ? "\n" : ",\n";
      first = false;
      out += "    {\"rule\": " + jsonString(f.rule) + ", \"severity\": \"" +
             toString(f.diag.severity) + "\", \"file\": " + jsonString(l.file) +
             ", \"line\": " + std::to_string(l.begin.line) +
             ", \"column\": " + std::to_string(l.begin.column) +
             ", \"end_line\": " + std::to_string(l.end.line) +
             ", \"end_column\": " + std::to_string(l.end.column) +
             ", \"message\": " + jsonString(f.diag.message) + ", \"notes\": [";
      for (size_t i = 0; i < f.diag.notes.size(); ++i) {
        const Diagnostic &n = f.diag.notes[i];
        Location nl = locate(sources, n.span);
        out += (i ? ", " : "") + std::string("{\"file\": ") + jsonString(nl.file) +
               ", \"line\": " + std::to_string(nl.begin.line) +
               ", \"column\": " + std::to_string(nl.begin.column) +
               ", \"message\": " + jsonString(n.message) + "}";
      }
      out += "]}";
    }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string renderSarif(const std::vector<FileResult> &results, const SourceManager &sources) {
  std::string out = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                    "  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {"
                    "\"name\": \"lockspec\", \"informationUri\": "
                    "\"https://docs.kernel.org/mm/process_addrs.html\", \"rules\": [";
  const auto &all = rules();
  for (size_t i = 0; i < all.size(); ++i)
    out += std::string(i ? ", " : "") + "\n      {\"id\": " + jsonString(all[i].id) +
           ", \"shortDescription\": {\"text\": " + jsonString(all[i].description) + "}}";
  out += "]}},\n    \"results\": [";
  bool first = true;
  for (const FileResult &r : results)
    for (const Finding &f : r.findings) {
      size_t ruleIndex = 0;
      while (ruleIndex < all.size() && f.rule != all[ruleIndex].id)
        ++ruleIndex;
      out += first ? "\n" : ",\n";
      first = false;
      out += "      {\"ruleId\": " + jsonString(f.rule) +
             (ruleIndex < all.size() ? ", \"ruleIndex\": " + std::to_string(ruleIndex) : "") +
             ", \"level\": \"" + sarifLevel(f.diag.severity) +
             "\", \"message\": {\"text\": " + jsonString(f.diag.message) +
             "}, \"locations\": [{\"physicalLocation\": " + physical(locate(sources, f.diag.span)) +
             "}]";
      if (!f.diag.notes.empty()) {
        out += ", \"relatedLocations\": [";
        for (size_t i = 0; i < f.diag.notes.size(); ++i)
          out += std::string(i ? ", " : "") + "{\"id\": " + std::to_string(i) +
                 ", \"message\": {\"text\": " + jsonString(f.diag.notes[i].message) +
                 "}, \"physicalLocation\": " + physical(locate(sources, f.diag.notes[i].span)) +
                 "}";
        out += "]";
      }
      out += "}";
    }
  out += first ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n";
  return out;
}

} // namespace

Summary summarize(const std::vector<FileResult> &results) {
  Summary s;
  for (const FileResult &r : results)
    for (const Finding &f : r.findings)
      ++(f.diag.severity == Severity::Error     ? s.errors
         : f.diag.severity == Severity::Warning ? s.warnings
                                                : s.notes);
  return s;
}

std::string jsonString(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t n = utf8Length(text, i);
    if (n == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    if (n > 1) {
      out.append(text.substr(i, n));
      i += n;
      continue;
    }
    ++i;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string render(Format format, std::vector<FileResult> &results, SourceManager &sources) {
  for (FileResult &r : results) {
    FileId id = sources.addBuffer(r.path, std::move(r.text));
    for (Finding &f : r.findings)
      retarget(f.diag, id);
  }
  if (format == Format::Json)
    return renderJson(results, sources);
  if (format == Format::Sarif)
    return renderSarif(results, sources);
  Diagnostics diags(sources);
  std::string out;
  for (const FileResult &r : results)
    for (const Finding &f : r.findings)
      out += diags.render(f.diag);
  return out;
}

} // namespace lockspec::check
