// The rst backend's text helpers: joining, wrapping and escaping, the two table forms, C
// roles, and how atoms, alternatives and field rules read in a cell.
#include "rst_impl.h"

#include <algorithm>
#include <set>

namespace lockspec::rst {

std::string join(const std::vector<std::string> &items, const std::string &sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i ? sep : "") + items[i];
  return out;
}

/// The first paragraph of a doc body on one line: what a table cell can hold.
std::string firstParagraph(const std::string &doc) {
  std::string out;
  size_t start = 0;
  while (start < doc.size()) {
    size_t end = doc.find('\n', start);
    if (end == std::string::npos)
      end = doc.size();
    std::string text = doc.substr(start, end - start);
    if (text.find_first_not_of(' ') == std::string::npos)
      break;
    out += (out.empty() ? "" : " ") + text.substr(text.find_first_not_of(' '));
    start = end + 1;
  }
  return out;
}

std::vector<std::string> words(const std::string &text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ')
      ++i;
    size_t j = text.find(' ', i);
    if (j == std::string::npos)
      j = text.size();
    if (j > i)
      out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> wrap(const std::string &text, size_t width) {
  std::vector<std::string> lines;
  for (const std::string &w : words(text)) {
    if (!lines.empty() && lines.back().size() + 1 + w.size() <= width)
      lines.back() += " " + w;
    else
      lines.push_back(w);
  }
  if (lines.empty())
    lines.push_back("");
  return lines;
}

/// A cell that would otherwise start a bullet list ("-", "-/R", "* x", "+") is escaped, as the
/// kernel's table does; one already escaped is left alone.
std::string cell(const std::string &text) {
  bool marker = !text.empty() && (text[0] == '-' || text[0] == '+' || text[0] == '*') &&
                (text[0] == '-' || text.size() == 1 || text[1] == ' ');
  return marker ? "\\" + text : text;
}


/// A `.. table::` simple table.  Cells wrap to at most `maxWidth` columns; the first column
/// never wraps, because a continuation line must leave it blank.
void simpleTable(Writer &w, const std::string &caption, const std::vector<std::string> &headers,
                 const std::vector<TableRowText> &rows, size_t maxWidth, const SourcePos &pos) {
  size_t n = headers.size();
  // Every cell is escaped here, so no caller can turn a "-" into a bullet.
  std::vector<TableRowText> escaped = rows;
  for (TableRowText &r : escaped)
    for (std::string &c : r.cells)
      c = cell(c);
  std::vector<size_t> widths(n);
  for (size_t i = 0; i < n; ++i) {
    size_t longest = headers[i].size(), longestWord = headers[i].size();
    for (const TableRowText &r : escaped) {
      longest = std::max(longest, r.cells[i].size());
      for (const std::string &word : words(r.cells[i]))
        longestWord = std::max(longestWord, word.size());
    }
    widths[i] = i == 0 ? longest : std::max(longestWord, std::min(longest, maxWidth));
  }
  std::string border;
  for (size_t i = 0; i < n; ++i)
    border += (i ? " " : "") + std::string(widths[i], '=');
  auto emit = [&](const std::vector<std::string> &cells, const SourcePos &at) {
    std::vector<std::vector<std::string>> wrapped;
    size_t height = 1;
    for (size_t i = 0; i < n; ++i) {
      wrapped.push_back(i == 0 ? std::vector<std::string>{cells[i]} : wrap(cells[i], widths[i]));
      height = std::max(height, wrapped.back().size());
    }
    for (size_t k = 0; k < height; ++k) {
      std::string text = "   ";
      for (size_t i = 0; i < n; ++i) {
        std::string part = k < wrapped[i].size() ? wrapped[i][k] : "";
        text += part + std::string(widths[i] - std::min(widths[i], part.size()) + 1, ' ');
      }
      text.erase(text.find_last_not_of(' ') + 1);
      w.line(text, at);
    }
  };
  w.blank();
  w.line(".. table::" + (caption.empty() ? "" : " " + caption), pos);
  w.blank();
  w.line("   " + border, pos);
  emit(headers, pos);
  w.line("   " + border, pos);
  for (const TableRowText &r : escaped)
    emit(r.cells, r.pos);
  w.line("   " + border, pos);
  w.blank();
}

/// A `.. list-table::`; cells may hold several lines of RST.
void listTable(Writer &w, const std::string &caption, const std::vector<std::string> &options,
               const std::vector<TableRowText> &rows, const SourcePos &pos) {
  w.blank();
  w.line(".. list-table::" + (caption.empty() ? "" : " " + caption), pos);
  for (const std::string &o : options)
    w.line("   " + o, pos);
  w.blank();
  for (const TableRowText &r : rows) {
    for (size_t i = 0; i < r.cells.size(); ++i) {
      std::string prefix = i == 0 ? "   * - " : "     - ";
      std::string text = r.cells[i];
      size_t start = 0;
      bool first = true;
      do {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
          end = text.size();
        std::string piece = text.substr(start, end - start);
        std::string lead = first ? prefix : "       ";
        std::string out = lead + piece;
        out.erase(out.find_last_not_of(' ') + 1);
        w.line(piece.empty() && !first ? "" : out, r.pos);
        first = false;
        start = end + 1;
      } while (start <= text.size());
    }
  }
  w.blank();
}

std::string func(const std::string &name) {
  return ":c:func:`!" + name + "`";
}
std::string member(const std::string &name) {
  return ":c:member:`!" + name + "`";
}
std::string literal(const std::string &text) {
  return "``" + text + "``";
}

std::string describeAtom(const Atom &a) {
  std::string out = a.held ? "" : "not ";
  out += a.kind == Atom::Kind::Fact ? a.fact : a.lock + (a.mode.empty() ? "" : " " + a.mode);
  if (!a.condition.empty())
    out += " (if " + a.condition + ")";
  return out;
}

std::string describeAlternative(const Alternative &alt) {
  std::vector<std::string> atoms;
  for (const Atom &a : alt.atoms)
    atoms.push_back(describeAtom(a));
  return join(atoms, ", ");
}

std::string describeFieldRule(const FieldRule &rule) {
  std::string prefix = rule.transition.empty() ? "" : "When " + rule.transition + ": ";
  switch (rule.kind) {
  case FieldRule::Kind::Once:
    return prefix + "None - written once, when the object is set up.";
  case FieldRule::Kind::Owner:
    return prefix + "Handled by " + rule.owner + ".";
  case FieldRule::Kind::Locks:
    break;
  }
  return prefix + describeRequirement(rule.requirement) + ".";
}

/// Every alternative in full, joined by "or".
std::string describeAlternatives(const Requirement &req) {
  std::vector<std::string> alts;
  for (const Alternative &alt : req.alternatives)
    alts.push_back(alt.atoms.size() > 1 ? "(" + describeAlternative(alt) + ")"
                                        : describeAlternative(alt));
  return join(alts, " or ");
}

const Topic *findTopic(const Model &m, const std::string &name) {
  for (const Topic &t : m.topics)
    if (t.name == name)
      return &t;
  return nullptr;
}

/// Where each standalone page lives; the main page links to them relative to itself.
std::string topicPage(const std::string &name) {
  return "topics/" + name;
}
std::string operationPage(const std::string &name) {
  return "operations/" + name;
}

/// The topics the main page places, in process_addrs.rst's order.  Every other topic gets a
/// page of its own.
const std::vector<std::string> &mainPageTopics() {
  static const std::vector<std::string> topics = {"overview",
                                                  "locking",
                                                  "terminology",
                                                  "lock_usage",
                                                  "rwsem_semantics",
                                                  "vma_fields",
                                                  "vma_fields_after",
                                                  "page_tables",
                                                  "non_vma_page_tables",
                                                  "lock_ordering",
                                                  "page_table_locking",
                                                  "page_table_locking_rules",
                                                  "atomicity",
                                                  "page_table_installation",
                                                  "page_table_freeing",
                                                  "page_table_moving",
                                                  "vma_lock_internals",
                                                  "vma_lock_implementation",
                                                  "mmap_write_downgrading",
                                                  "stack_expansion"};
  return topics;
}


} // namespace lockspec::rst
