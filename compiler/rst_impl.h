// The rst backend's internals, shared by its files: rst_text.cc holds the writer's helpers
// (wrapping, tables, roles, how requirements read), rst_sections.cc the pieces several pages
// share (field and state tables, order trees, an operation's body), rst_backend.cc the pages
// and the public entry points.  Nothing outside rst_*.cc includes this; the interface is
// rst_backend.h.
#pragma once

#include "rst_backend.h"

#include <string>
#include <vector>

namespace lockspec::rst {

// The headings of process_addrs.rst: the title with `=` over and under, parts with `-` over
// and under, sections underlined with `-`, subsections with `^`.
struct Level {
  char c;
  bool over;
};
inline constexpr Level kTitle{'=', true}, kPart{'-', true}, kSection{'-', false}, kSub{'^', false};

/// Appends lines with their spec positions; keeps at most one blank line in a row.
class Writer {
public:
  explicit Writer(RstText &out) : out_(out) {}

  void line(std::string text, const SourcePos &pos) {
    out_.lines.push_back(std::move(text));
    out_.origins.push_back(pos);
    last_ = pos;
  }
  void blank() {
    if (!out_.lines.empty() && !out_.lines.back().empty())
      line("", last_);
  }
  void heading(const std::string &title, Level level, const SourcePos &pos) {
    blank();
    std::string bar(title.size(), level.c);
    if (level.over)
      line(bar, pos);
    line(title, pos);
    line(bar, pos);
    blank();
  }
  /// An RST body (a doc string) as a block, each line prefixed with `indent`.
  void body(const std::string &rst, const SourcePos &pos, const std::string &indent = "") {
    size_t start = 0;
    while (start <= rst.size()) {
      size_t end = rst.find('\n', start);
      if (end == std::string::npos)
        end = rst.size();
      std::string text = rst.substr(start, end - start);
      line(text.empty() ? "" : indent + text, pos);
      start = end + 1;
    }
    blank();
  }
  void paragraph(const std::string &rst, const SourcePos &pos) {
    blank();
    body(rst, pos);
  }
  void admonition(const char *kind, const std::string &rst, const SourcePos &pos) {
    blank();
    line(std::string(".. ") + kind + "::", pos);
    blank();
    body(rst, pos, "   ");
  }

private:
  RstText &out_;
  SourcePos last_;
};

/// The main page's name; the standalone pages link back to it.
inline constexpr const char *kMainPage = "process_addrs";

/// The page of the lock-order graph and trees.
inline constexpr const char *kOrderPage = "lock_order";

/// A table row's cells and the spec position its lines map to.
struct TableRowText {
  std::vector<std::string> cells;
  SourcePos pos;
};

/// `items` joined with `sep` between them.
std::string join(const std::vector<std::string> &items, const std::string &sep);

/// The first paragraph of a doc body on one line: what a table cell can hold.
std::string firstParagraph(const std::string &doc);

/// The words of `text`, split at runs of white space.
std::vector<std::string> words(const std::string &text);

/// `text` wrapped at word boundaries into lines of at most `width` columns (a longer word
/// gets a line of its own).
std::vector<std::string> wrap(const std::string &text, size_t width);

/// A cell that would otherwise start a bullet list ("-", "-/R") is escaped, as the kernel's
/// table does.
std::string cell(const std::string &text);

/// A `.. table::` simple table.  Cells wrap to at most `maxWidth` columns; the first column
/// never wraps, because a continuation line must leave it blank.
void simpleTable(Writer &w, const std::string &caption, const std::vector<std::string> &headers,
                 const std::vector<TableRowText> &rows, size_t maxWidth, const SourcePos &pos);

/// A `.. list-table::`; cells may hold several lines of RST.
void listTable(Writer &w, const std::string &caption, const std::vector<std::string> &options,
               const std::vector<TableRowText> &rows, const SourcePos &pos);

/// A C function reference, `:c:func:` without a link (the kernel's `!` form).
std::string func(const std::string &name);

/// A C member reference, `:c:member:` without a link.
std::string member(const std::string &name);

/// `text` as an inline literal.
std::string literal(const std::string &text);

/// An atom as a cell reads it: "mmap_lock write", "not fact (if cond)".
std::string describeAtom(const Atom &a);

/// An alternative's atoms joined by commas.
std::string describeAlternative(const Alternative &alt);

/// A field rule as a table cell reads it.
std::string describeFieldRule(const FieldRule &rule);

/// Every alternative in full, joined by "or".
std::string describeAlternatives(const Requirement &req);

/// The topic named `name`, or null.
const Topic *findTopic(const Model &m, const std::string &name);

/// The docname of a topic's own page.
std::string topicPage(const std::string &name);

/// The docname of an operation's own page.
std::string operationPage(const std::string &name);

/// The topics the main page places, in process_addrs.rst's order.  Every other topic gets a
/// page of its own.
const std::vector<std::string> &mainPageTopics();

/// The named requirement (`let`) a rule states exactly, or null.  Read rules are mostly
/// "stable"; naming it keeps the tables as narrow as the kernel's.
const Let *namedRequirement(const Model &m, const FieldRule &rule);

/// The `.. table::` of the fields of `obj` under `caption`.
void fieldTable(Writer &w, const Model &m, const Object &obj, const std::string &caption);

/// Field-table captions of an object, in the order their first field appears.
std::vector<std::string> fieldTables(const Object &obj);

/// The short form of a mode on a table axis ("write" -> "W"), the axis being a lock or a group
/// whose members share mode names.
std::string abbrev(const Model &m, const std::string &axis, const std::string &mode);

/// The axis titles, then the column titles.
std::vector<std::string> stateHeaders(const StateTable &t);

/// A state row: a cell per axis (its modes, abbreviated, "-" for not held), then Y or N per
/// column.
TableRowText stateRow(const Model &m, const StateTable &t,
                      const std::vector<std::vector<std::string>> &axisModes,
                      const std::vector<bool> &values, const SourcePos &pos);

/// The declared lock-state table.
void stateTable(Writer &w, const Model &m, const StateTable &t);

/// The derived states, one per row: what the compiler checked the declared table against.
void derivedStates(Writer &w, const Model &m, const StateTable &t);

/// The `.. list-table::` of which of a lock's modes exclude which.
void exclusivityMatrix(Writer &w, const Model &m, const Matrix &mx);

/// One node of a lock-order tree and its children, indented by `depth`.
void orderNode(Writer &w, const OrderNode &node, int depth);

/// A lock-order tree as a `code-block`, as the kernel comment draws it.
void orderTree(Writer &w, const Order &o);

/// A `.. graphviz::` block of `dot`.
void graphviz(Writer &w, const std::string &dot, const std::string &caption, const SourcePos &pos);

/// The C++ call of each way of meeting `op`'s requirement (`names`: the alternatives' tags),
/// and of each lock set it refuses.
void cxxCalls(Writer &w, const Operation &op, const std::vector<std::string> &names);

/// What an operation needs, how it reads, what it must not rely on, and its caveats.  Used
/// both on the main page (`sub` headings) and on the operation's own page.
void operationBody(const Model &m, Writer &w, const Operation &op, bool linkToPage,
                   const std::string &pagePrefix);

/// An operation under a heading of `level`, for the main page.
void operationSection(const Model &m, Writer &w, const std::string &name, const std::string &title,
                      Level level);

/// A topic's body under a heading of `level` (the topic's title unless `title` is given).
void topicSection(const Model &m, Writer &w, const std::string &name, Level level,
                  const std::string &title = "");

/// The relations that constrain how locks are taken and end, one bullet each; `forbidden`
/// ones are warnings of their own.
void relationList(Writer &w, const Model &m);

/// The table of every lock function: what it does to which lock, in which mode.
void apiTable(Writer &w, const Model &m);

// ---- Kernel versions (rst_versions.cc) ----

/// The page listing every rule of one kernel only.
inline constexpr const char *kVersionsPage = "topics/kernel_versions";

/// A note naming the kernel a versioned operation follows and where its other forms are
/// declared; nothing for an operation that holds for every kernel.  `toRoot` leads from the
/// page written to the site's root ("" or "../").
void kernelNote(const Model &m, Writer &w, const Operation &op, const std::string &toRoot);

/// The operation's kernel functions, those of one kernel marked, then those of other kernels.
void kernelFunctions(const Model &m, Writer &w, const Operation &op);

/// The kernel these pages follow and every rule of one kernel only; `deltas` is the topic
/// that explains the differences, when it has a page of its own.
RstPage versionsPage(const Model &m, const SourcePos &top, const Topic *deltas);

} // namespace lockspec::rst
