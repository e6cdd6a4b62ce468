#include "rst_backend.h"

#include <algorithm>
#include <functional>
#include <set>

namespace lockspec {
namespace {

// The headings of process_addrs.rst: the title with `=` over and under, parts with `-` over
// and under, sections underlined with `-`, subsections with `^`.
struct Level {
  char c;
  bool over;
};
constexpr Level kTitle{'=', true}, kPart{'-', true}, kSection{'-', false}, kSub{'^', false};

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

/// A cell that would otherwise start a bullet list ("-", "-/R") is escaped, as the kernel's
/// table does.
std::string cell(const std::string &text) {
  return !text.empty() && text[0] == '-' ? "\\" + text : text;
}

struct TableRowText {
  std::vector<std::string> cells;
  SourcePos pos;
};

/// A `.. table::` simple table.  Cells wrap to at most `maxWidth` columns; the first column
/// never wraps, because a continuation line must leave it blank.
void simpleTable(Writer &w, const std::string &caption, const std::vector<std::string> &headers,
                 const std::vector<TableRowText> &rows, size_t maxWidth, const SourcePos &pos) {
  size_t n = headers.size();
  std::vector<size_t> widths(n);
  for (size_t i = 0; i < n; ++i) {
    size_t longest = headers[i].size(), longestWord = headers[i].size();
    for (const TableRowText &r : rows) {
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
  for (const TableRowText &r : rows)
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
  out += a.kind == Atom::Kind::Fact ? a.fact.str() : a.lock + (a.mode.empty() ? "" : " " + a.mode);
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
const char *kMainPage = "process_addrs";
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
                                                  "terminology",
                                                  "lock_usage",
                                                  "rwsem_semantics",
                                                  "page_tables",
                                                  "non_vma_page_tables",
                                                  "lock_ordering",
                                                  "page_table_locking",
                                                  "atomicity",
                                                  "vma_lock_internals",
                                                  "mmap_write_downgrading",
                                                  "stack_expansion"};
  return topics;
}

// ---------------------------------------------------------------------------------------------
// Pieces shared by the main page and the standalone pages
// ---------------------------------------------------------------------------------------------

/// The named requirement (`let`) a rule states exactly, or null.  Read rules are mostly
/// "stable"; naming it keeps the tables as narrow as the kernel's.
const Let *namedRequirement(const Model &m, const FieldRule &rule) {
  if (rule.kind != FieldRule::Kind::Locks)
    return nullptr;
  for (const Let &let : m.lets)
    if (let.name == rule.requirement.text)
      return &let;
  return nullptr;
}

void fieldTable(Writer &w, const Model &m, const Object &obj, const std::string &caption) {
  bool config = false;
  for (const Field &f : obj.fields)
    config = config || (f.table == caption && !f.config.empty());
  std::vector<std::string> headers = {"Field"};
  if (config)
    headers.push_back("Configuration option");
  for (const char *h : {"Description", "Read lock", "Write lock"})
    headers.push_back(h);
  std::vector<TableRowText> rows;
  std::vector<const Let *> legend;
  SourcePos pos;
  for (const Field &f : obj.fields) {
    if (f.table != caption)
      continue;
    if (rows.empty())
      pos = f.pos;
    TableRowText row{{member(f.name)}, f.pos};
    if (config)
      row.cells.push_back(f.config.empty() ? "" : f.config);
    row.cells.push_back(firstParagraph(f.doc));
    const Let *let = f.read ? namedRequirement(m, *f.read) : nullptr;
    if (let && std::find(legend.begin(), legend.end(), let) == legend.end())
      legend.push_back(let);
    row.cells.push_back(let ? "*" + let->name + "*" : f.read ? describeFieldRule(*f.read) : "N/A");
    std::vector<std::string> writes;
    for (const FieldRule &r : f.writes)
      writes.push_back(describeFieldRule(r));
    row.cells.push_back(writes.empty() ? "N/A" : join(writes, " "));
    rows.push_back(std::move(row));
  }
  simpleTable(w, caption, headers, rows, 40, pos);
  for (const Let *let : legend)
    w.paragraph("*" + let->name + "* (read lock): " + describeRequirement(let->requirement) + ".",
                let->pos);
}

/// Field-table captions of an object, in the order their first field appears.
std::vector<std::string> fieldTables(const Object &obj) {
  std::vector<std::string> captions;
  for (const Field &f : obj.fields)
    if (!f.table.empty() && std::find(captions.begin(), captions.end(), f.table) == captions.end())
      captions.push_back(f.table);
  return captions;
}

/// The short form of a mode on a table axis ("write" -> "W"), the axis being a lock or a group
/// whose members share mode names.
std::string abbrev(const Model &m, const std::string &axis, const std::string &mode) {
  std::vector<std::string> locks = {axis};
  if (const Group *g = m.findGroup(axis))
    locks = g->members;
  for (const std::string &name : locks)
    if (const Lock *lock = m.findLock(name))
      if (const Mode *md = lock->findMode(mode))
        return md->abbrev;
  return mode;
}

/// The axis titles, then the column titles.
std::vector<std::string> stateHeaders(const StateTable &t) {
  std::vector<std::string> headers = t.axisTitles;
  for (const TableColumn &c : t.columns)
    headers.push_back(c.title);
  return headers;
}

/// A state row: a cell per axis (its modes, abbreviated, "-" for not held), then Y or N per
/// column.
TableRowText stateRow(const Model &m, const StateTable &t,
                      const std::vector<std::vector<std::string>> &axisModes,
                      const std::vector<bool> &values, const SourcePos &pos) {
  TableRowText row{{}, pos};
  for (size_t i = 0; i < axisModes.size(); ++i) {
    std::vector<std::string> shown;
    for (const std::string &mode : axisModes[i])
      shown.push_back(mode.empty() ? "-" : abbrev(m, t.axes[i], mode));
    row.cells.push_back(cell(join(shown, "/")));
  }
  for (bool v : values)
    row.cells.push_back(v ? "Y" : "N");
  return row;
}

void stateTable(Writer &w, const Model &m, const StateTable &t) {
  std::vector<TableRowText> rows;
  for (const TableRow &r : t.rows)
    rows.push_back(stateRow(m, t, r.cells, r.values, r.pos));
  w.paragraph(t.doc, t.pos);
  simpleTable(w, "", stateHeaders(t), rows, 20, t.pos);
}

/// The derived states, one per row: what the compiler checked the declared table against.
void derivedStates(Writer &w, const Model &m, const StateTable &t) {
  std::vector<TableRowText> rows;
  for (const DerivedRow &d : t.derived) {
    std::vector<std::vector<std::string>> axisModes;
    for (const std::string &mode : d.state)
      axisModes.push_back({mode});
    rows.push_back(stateRow(m, t, axisModes, d.values, t.pos));
  }
  w.paragraph("Every valid state, as the compiler enumerates it from the rules (the table above "
              "is checked against these rows):",
              t.pos);
  simpleTable(w, "Derived lock states of " + t.object, stateHeaders(t), rows, 20, t.pos);
}

void exclusivityMatrix(Writer &w, const Model &m, const Matrix &mx) {
  const Lock *lock = m.findLock(mx.lock);
  auto abbrev = [&](const std::string &mode) {
    const Mode *md = lock ? lock->findMode(mode) : nullptr;
    return md ? md->abbrev : mode;
  };
  w.paragraph(mx.doc, mx.pos);
  std::vector<TableRowText> rows;
  TableRowText header{{""}, mx.pos};
  for (const std::string &mode : mx.modes)
    header.cells.push_back(abbrev(mode));
  rows.push_back(header);
  for (size_t i = 0; i < mx.modes.size(); ++i) {
    TableRowText row{{abbrev(mx.modes[i])}, mx.pos};
    for (bool v : mx.excludes[i])
      row.cells.push_back(v ? "Y" : "N");
    rows.push_back(std::move(row));
  }
  std::string widths = ":widths:";
  for (size_t i = 0; i <= mx.modes.size(); ++i)
    widths += " 5";
  listTable(w, "Lock exclusivity", {widths, ":header-rows: 1", ":stub-columns: 1"}, rows, mx.pos);
  w.paragraph("Y: the holds of the row and the column exclude each other; N: they can coexist.",
              mx.pos);
}

void orderNode(Writer &w, const OrderNode &node, int depth) {
  std::vector<std::string> names;
  for (const LockMode &lm : node.locks)
    names.push_back(lm.lock + (lm.mode.empty() ? "" : "." + lm.mode));
  std::string text = std::string(2 + 2 * depth, ' ') + join(names, " or ");
  if (!node.note.empty())
    text += std::string(text.size() < 36 ? 36 - text.size() : 1, ' ') + "(" + node.note + ")";
  w.line(text, node.pos);
  for (const OrderNode &child : node.children)
    orderNode(w, child, depth + 1);
}

void orderTree(Writer &w, const Order &o) {
  w.paragraph(literal(o.name) + (o.source.empty() ? "" : " (from " + literal(o.source) + ")") +
                  (o.historical.empty() ? ":" : ", historical - not enforced: " + o.historical),
              o.pos);
  w.body(o.doc, o.pos);
  w.line(".. code-block:: none", o.pos);
  w.blank();
  for (const OrderNode &root : o.roots)
    orderNode(w, root, 0);
  w.blank();
}

void graphviz(Writer &w, const std::string &dot, const std::string &caption, const SourcePos &pos) {
  w.blank();
  w.line(".. graphviz::", pos);
  w.line("   :caption: " + caption, pos);
  w.blank();
  w.body(dot, pos, "   ");
}

/// What an operation needs, how it reads, what it must not rely on, and its caveats.  Used
/// both on the main page (`sub` headings) and on the operation's own page.
const char *const kVersionsPage = "topics/kernel_versions";

std::string kernelTitle(const std::string &id) {
  const Kernel *k = findKernel(id);
  return k ? std::string(k->title) : id;
}

/// `operations.rules:63`: the file's name only, so a page reads the same whichever path the
/// compiler was given.
std::string declaredAt(const VersionedRule &v) {
  return literal(v.file.substr(v.file.find_last_of('/') + 1) + ":" + std::to_string(v.line));
}

/// A note saying which kernel a versioned operation follows and where the other kernels'
/// form of it is declared; nothing for an operation that holds for every kernel.
void kernelNote(const Model &m, Writer &w, const Operation &op, const std::string &toRoot) {
  const VersionedRule *mine = nullptr;
  std::vector<std::string> others;
  for (const VersionedRule &v : m.versioned)
    if (v.kind == "operation" && v.name == op.name) {
      if (v.kept)
        mine = &v;
      else
        others.push_back(kernelTitle(v.kernel) + " (" + declaredAt(v) + ")");
    }
  if (!mine)
    return;
  std::string text = "**Kernel:** this rule follows " + kernelTitle(mine->kernel) + ".";
  if (!others.empty())
    text += "  It differs in " + join(others, ", ") + ".";
  w.admonition("note", text + "  See :doc:`" + toRoot + kVersionsPage + "`.", op.pos);
}

void operationBody(const Model &m, Writer &w, const Operation &op, bool linkToPage,
                   const std::string &pagePrefix) {
  w.body(op.doc, op.pos);
  kernelNote(m, w, op, linkToPage ? "" : "../");
  std::string subject =
      literal(op.subject.name) + " (:c:struct:`!struct " + op.subject.object + "`)";
  w.paragraph("**Acts on:** " + subject + ".", op.pos);
  std::vector<TableRowText> rows;
  for (const Alternative &alt : op.requirement.alternatives) {
    std::vector<std::string> instances;
    for (const Atom &a : alt.atoms)
      if (!a.instance.empty())
        instances.push_back(literal(a.instance));
    rows.push_back({{cell(alt.label.empty() ? "-" : alt.label),
                     alt.atoms.empty() ? "nothing" : describeAlternative(alt),
                     instances.empty() ? "" : join(instances, ", ")},
                    op.pos});
  }
  std::vector<std::string> clauses;
  for (const Requirement &c : op.clauses)
    clauses.push_back(literal(c.text));
  w.paragraph("**Requires** " + join(clauses, " and ") + ", that is any one of:", op.pos);
  if (op.requirement.alternatives.empty())
    w.paragraph("Nothing satisfies this requirement.", op.pos);
  else
    simpleTable(w, "", {"Way", "Holds and conditions", "Instances"}, rows, 40, op.pos);
  // Why each named way is enough, once per way: a branch that names a group or a let expands
  // into several rows of the table above.
  std::vector<std::pair<std::string, std::string>> ways;
  for (const Alternative &alt : op.requirement.alternatives)
    if (!alt.doc.empty() &&
        std::find(ways.begin(), ways.end(), std::pair(alt.label, alt.doc)) == ways.end())
      ways.emplace_back(alt.label, alt.doc);
  w.blank();
  for (const auto &[label, doc] : ways) {
    // A bullet per way; the lines of a long doc continue under the bullet's text.
    std::string item = "- " + (label.empty() ? std::string() : "**" + label + "**: ") + doc;
    for (size_t start = 0, end; start <= item.size(); start = end + 1) {
      end = std::min(item.find('\n', start), item.size());
      w.line((start ? "  " : "") + item.substr(start, end - start), op.pos);
    }
  }
  w.blank();
  for (const Rejection &r : op.rejects)
    w.paragraph("**Not enough:** " + literal(r.requirement.text) + " - " + r.reason + ".", op.pos);
  for (const std::string &n : op.notes)
    w.admonition("note", n, op.pos);
  for (const std::string &warn : op.warnings)
    w.admonition("warning", warn, op.pos);
  if (!op.apis.empty()) {
    std::vector<std::string> fns, absent;
    for (const std::string &a : op.apis)
      fns.push_back(func(a));
    for (const VersionedRule &v : m.versioned)
      if (v.kind == "operation api" && v.name.starts_with(op.name + ".")) {
        std::string fn = v.name.substr(op.name.size() + 1);
        if (v.kept)
          std::replace(fns.begin(), fns.end(), func(fn),
                       func(fn) + " (" + kernelTitle(v.kernel) + " only)");
        else
          absent.push_back(literal(fn) + " (" + kernelTitle(v.kernel) + ")");
      }
    w.paragraph("**Kernel functions:** " + join(fns, ", ") + ".", op.pos);
    if (!absent.empty())
      w.paragraph("**In other kernels:** " + join(absent, ", ") + ".", op.pos);
  }
  if (linkToPage)
    w.paragraph("See :doc:`" + pagePrefix + operationPage(op.name) +
                    "` for the diagram and every way to meet it.",
                op.pos);
  (void)m;
}

void operationSection(const Model &m, Writer &w, const std::string &name, const std::string &title,
                      Level level) {
  const Operation *op = m.findOperation(name);
  if (!op)
    return;
  w.heading(title, level, op->pos);
  operationBody(m, w, *op, true, "");
}

void topicSection(const Model &m, Writer &w, const std::string &name, Level level,
                  const std::string &title = "") {
  const Topic *t = findTopic(m, name);
  if (!t)
    return;
  w.heading(title.empty() ? t->title : title, level, t->pos);
  w.body(t->doc, t->pos);
}

/// The relations that constrain how locks are taken and end, one bullet each; `forbidden`
/// ones are warnings of their own.
void relationList(Writer &w, const Model &m) {
  bool any = false;
  for (const Relation &r : m.relations) {
    if (r.kind == Relation::Kind::Forbidden)
      continue;
    if (!any)
      w.paragraph("How the locks depend on each other:", r.pos);
    any = true;
    std::string verb = r.kind == Relation::Kind::Requires ? " requires " : " ends with ";
    std::string head = "* " + literal(r.lock + (r.mode.empty() ? "" : "." + r.mode)) + verb +
                       literal(r.other + (r.otherMode.empty() ? "" : "." + r.otherMode)) + ": ";
    // The doc continues the bullet: its first line after the head, the rest indented.
    size_t nl = r.doc.find('\n');
    w.line(head + r.doc.substr(0, nl), r.pos);
    if (nl != std::string::npos)
      w.body(r.doc.substr(nl + 1), r.pos, "  ");
    w.blank();
  }
  w.blank();
}

void apiTable(Writer &w, const Model &m) {
  std::vector<TableRowText> rows;
  for (const Lock &lock : m.locks)
    for (const std::string &name : lock.apis)
      if (const Api *api = m.findApi(name)) {
        std::string mode = api->mode + (api->toMode.empty() ? "" : " to " + api->toMode);
        rows.push_back(
            {{func(api->name), literal(lock.name), toString(api->kind), mode.empty() ? "-" : mode},
             api->pos});
      }
  if (!rows.empty())
    simpleTable(w, "Lock functions", {"Function", "Lock", "Does", "Mode"}, rows, 30, rows[0].pos);
}

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

SourcePos firstPos(const Model &m) {
  return m.topics.empty() ? SourcePos{m.files.empty() ? "" : m.files[0], 1, 1} : m.topics[0].pos;
}

RstPage mainPage(const Model &m) {
  RstPage page;
  page.name = kMainPage;
  page.title = "Process Addresses";
  Writer w(page);
  SourcePos top = firstPos(m);
  w.heading(page.title, kTitle, top);
  if (const Topic *t = findTopic(m, "overview"))
    w.body(t->doc, t->pos);
  w.paragraph("This page is generated from the lockspec rules; each operation, topic and "
              "lock order has a page of its own (:doc:`operations/index`), :doc:`locks` defines "
              "every lock, requirement and fact, :doc:`objects` every field, and "
              ":doc:`topics/index` covers what the "
              "kernel's document does not.",
              top);

  w.heading("Locking", kPart, top);
  topicSection(m, w, "terminology", kSection);
  topicSection(m, w, "lock_usage", kSection, "Lock usage");
  relationList(w, m);
  for (const StateTable &t : m.tables)
    stateTable(w, m, t);
  for (const Relation &r : m.relations)
    if (r.kind == Relation::Kind::Forbidden)
      w.admonition("warning", r.doc, r.pos);
  if (const Topic *t = findTopic(m, "rwsem_semantics"))
    w.admonition("note", t->doc, t->pos);
  for (const StateTable &t : m.tables)
    derivedStates(w, m, t);

  if (const Object *vma = m.findObject("vm_area_struct")) {
    w.heading("VMA fields", kSub, vma->pos);
    w.body(firstParagraph(vma->doc), vma->pos);
    for (const std::string &caption : fieldTables(*vma))
      if (caption != "VMA lock internals")
        fieldTable(w, m, *vma, caption);
  }

  topicSection(m, w, "page_tables", kSection);
  operationSection(m, w, "traverse", "Traversing", kSub);
  operationSection(m, w, "install", "Installing", kSub);
  operationSection(m, w, "zap", "Zapping", kSub);
  operationSection(m, w, "free_pgtables", "Freeing", kSub);
  topicSection(m, w, "non_vma_page_tables", kSection);

  if (!m.orders.empty()) {
    const Topic *t = findTopic(m, "lock_ordering");
    w.heading("Lock ordering", kSection, t ? t->pos : m.orders[0].pos);
    if (t)
      w.body(t->doc, t->pos);
    RstText graph = renderRstOrderGraph(m);
    for (size_t i = 0; i < graph.lines.size(); ++i)
      w.line(graph.lines[i], graph.origins[i]);
    for (const Order &o : m.orders)
      orderTree(w, o);
  }

  w.heading("Locking Implementation Details", kPart, top);
  w.admonition("warning",
               "The rules for PTE-level page tables differ from those of every other level; "
               "see the PTE-specific rules below.",
               top);
  topicSection(m, w, "page_table_locking", kSection);
  topicSection(m, w, "atomicity", kSub);
  if (m.findOperation("alloc_upper_table") || m.findOperation("alloc_pte_table")) {
    w.heading("Page table installation", kSub, top);
    for (const char *name : {"alloc_upper_table", "alloc_pte_table"})
      if (const Operation *op = m.findOperation(name)) {
        w.paragraph("**" + std::string(name) + "**", op->pos);
        operationBody(m, w, *op, true, "");
      }
  }
  if (const Operation *op = m.findOperation("retract_pte_table")) {
    w.heading("Page table freeing", kSub, op->pos);
    operationBody(m, w, *op, true, "");
  }
  if (m.findOperation("move_page_tables")) {
    w.heading("Page table moving", kSub, top);
    for (const char *name : {"move_page_tables", "move_ptes"})
      if (const Operation *op = m.findOperation(name)) {
        w.paragraph("**" + std::string(name) + "**", op->pos);
        operationBody(m, w, *op, true, "");
      }
  }
  topicSection(m, w, "vma_lock_internals", kSection);
  for (const Object &obj : m.objects)
    for (const std::string &caption : fieldTables(obj))
      if (caption == "VMA lock internals" || caption == "mm_struct fields")
        fieldTable(w, m, obj, caption);
  topicSection(m, w, "mmap_write_downgrading", kSection);
  for (const Matrix &mx : m.matrices)
    exclusivityMatrix(w, m, mx);
  topicSection(m, w, "stack_expansion", kSection);
  if (const Operation *op = m.findOperation("expand_stack"))
    operationBody(m, w, *op, true, "");

  w.heading("Functions and structures", kPart, top);
  w.paragraph("Every lock function the rules describe, with what it does to which lock:", top);
  apiTable(w, m);
  for (const Object &obj : m.objects)
    for (const std::string &caption : fieldTables(obj))
      if (obj.name != "vm_area_struct" && caption != "mm_struct fields")
        fieldTable(w, m, obj, caption);
  return page;
}

RstPage topicPageOf(const Topic &t) {
  RstPage page;
  page.name = topicPage(t.name);
  page.title = t.title;
  Writer w(page);
  w.heading(t.title, kTitle, t.pos);
  w.body(t.doc, t.pos);
  if (!t.source.empty())
    w.paragraph("*Source:* " + literal(t.source) + ".", t.pos);
  w.paragraph("Back to :doc:`../" + std::string(kMainPage) + "`.", t.pos);
  return page;
}

RstPage operationPageOf(const Model &m, const Operation &op) {
  RstPage page;
  page.name = operationPage(op.name);
  page.title = op.name;
  Writer w(page);
  w.heading(op.name, kTitle, op.pos);
  operationBody(m, w, op, false, "");
  graphviz(w, operationGraphDot(m, op), "What " + op.name + " requires", op.pos);
  if (!op.source.empty())
    w.paragraph("*Source:* " + literal(op.source) + ".", op.pos);
  return page;
}

/// A page with its title and opening paragraph; the caller writes the rest.
RstPage newPage(const std::string &name, const std::string &title, const std::string &intro,
                const SourcePos &top) {
  RstPage page;
  page.name = name;
  page.title = title;
  Writer w(page);
  w.heading(title, kTitle, top);
  w.paragraph(intro, top);
  return page;
}

/// Every lock class with its modes and functions, then the groups, named requirements and
/// facts the rules are written in: the vocabulary the other pages use.
RstPage locksPage(const Model &m) {
  SourcePos top = m.locks.empty() ? firstPos(m) : m.locks[0].pos;
  RstPage page = newPage("locks", "Locks, requirements and facts",
                         "The vocabulary of the rules: each lock class with its modes and C "
                         "functions, the groups of alternative locks, the named requirements and "
                         "the facts that are not locks.",
                         top);
  Writer w(page);
  if (!m.locks.empty())
    w.heading("Lock classes", kSection, top);
  for (const Lock &lock : m.locks) {
    w.heading(lock.name, kSub, lock.pos);
    w.body(lock.doc, lock.pos);
    std::string where =
        lock.owner.empty() ? "a global lock" : "one per :c:struct:`!struct " + lock.owner + "`";
    if (!lock.path.empty())
      where += ", " + literal(lock.path);
    w.paragraph("**Kind:** " + std::string(toString(lock.kind)) + "; " + where + ".", lock.pos);
    std::vector<TableRowText> rows;
    for (const Mode &mode : lock.modes)
      rows.push_back({{mode.name, mode.abbrev, toString(mode.sharing),
                       mode.implies.empty() ? "-" : join(mode.implies, ", "),
                       mode.from.empty() ? "any" : mode.from},
                      lock.pos});
    if (!rows.empty())
      simpleTable(w, "Modes of " + lock.name,
                  {"Mode", "Short", "Sharing", "Implies", "Entered from"}, rows, 30, lock.pos);
    std::vector<std::string> fns;
    for (const std::string &a : lock.apis)
      fns.push_back(func(a));
    if (!fns.empty())
      w.paragraph("**Functions:** " + join(fns, ", ") + ".", lock.pos);
  }
  if (!m.groups.empty())
    w.heading("Lock groups", kSection, m.groups[0].pos);
  for (const Group &g : m.groups) {
    w.heading(g.name, kSub, g.pos);
    w.paragraph("Any one of " + literal(join(g.members, "``, ``")) + ".", g.pos);
    w.body(g.doc, g.pos);
  }
  if (!m.lets.empty())
    w.heading("Named requirements", kSection, m.lets[0].pos);
  for (const Let &let : m.lets) {
    w.heading(let.name, kSub, let.pos);
    w.paragraph(literal(let.requirement.text) + ": " + describeRequirement(let.requirement) + ".",
                let.pos);
    w.body(let.doc, let.pos);
  }
  if (!m.facts.empty())
    w.heading("Facts", kSection, m.facts[0].pos);
  for (const Fact &f : m.facts) {
    w.heading(f.name, kSub, f.pos);
    if (!f.test.empty())
      w.paragraph("Holds when " + literal(f.test) + ".", f.pos);
    w.body(f.doc, f.pos);
  }
  return page;
}

/// Every object and every guarded field with its whole doc: the tables of the main page hold
/// only each field's first paragraph.
RstPage objectsPage(const Model &m) {
  RstPage page = newPage("objects", "Objects and their fields",
                         "Each kernel object the rules mention, the pointers between them, and "
                         "every field with what reading and writing it needs.",
                         m.objects.empty() ? firstPos(m) : m.objects[0].pos);
  Writer w(page);
  for (const Object &obj : m.objects) {
    w.heading("struct " + obj.name, kSection, obj.pos);
    w.body(obj.doc, obj.pos);
    std::vector<std::string> links;
    for (const Link &l : obj.links)
      links.push_back(literal(l.expr) + " (" + l.target + ")");
    if (!links.empty())
      w.paragraph("**Leads to:** " + join(links, ", ") + ".", obj.pos);
    for (const Field &f : obj.fields) {
      w.heading(obj.var + "->" + f.name, kSub, f.pos);
      std::vector<std::string> writes;
      for (const FieldRule &r : f.writes)
        writes.push_back(describeFieldRule(r));
      w.paragraph("**Read:** " + (f.read ? describeFieldRule(*f.read) : std::string("N/A")) +
                      " **Write:** " + (writes.empty() ? "N/A" : join(writes, " ")) +
                      (f.config.empty() ? "" : " **Config:** " + literal(f.config) + "."),
                  f.pos);
      w.body(f.doc, f.pos);
    }
  }
  return page;
}

/// An index page: a title, a sentence and a toctree of its entries (name, position).
RstPage indexPage(const std::string &name, const std::string &title, const std::string &intro,
                  const std::vector<std::pair<std::string, SourcePos>> &entries,
                  const SourcePos &top) {
  RstPage page = newPage(name, title, intro, top);
  Writer w(page);
  w.line(".. toctree::", top);
  w.line("   :maxdepth: 1", top);
  w.blank();
  for (const auto &[entry, pos] : entries)
    w.line("   " + entry, pos);
  w.blank();
  return page;
}

RstPage operationsIndex(const Model &m) {
  std::vector<std::pair<std::string, SourcePos>> entries;
  for (const Operation &op : m.operations)
    entries.push_back({op.name, op.pos});
  return indexPage("operations/index", "Operations",
                   "Each operation on page tables or VMAs, with the ways of meeting its "
                   "requirement and a diagram of them.",
                   entries, m.operations.empty() ? firstPos(m) : m.operations[0].pos);
}

bool onMainPage(const Topic &t) {
  const auto &placed = mainPageTopics();
  return std::find(placed.begin(), placed.end(), t.name) != placed.end();
}

/// The kernel this site follows and every rule of one kernel only, kept or not.
RstPage versionsPage(const Model &m) {
  SourcePos top = firstPos(m);
  std::string kernels;
  for (const Kernel &k : kKernels)
    kernels += std::string(kernels.empty() ? "" : ", ") + literal(std::string(k.id)) + " (" +
               std::string(k.title) + ")";
  RstPage page = newPage(kVersionsPage, "Kernel versions",
                         "These pages follow **" + kernelTitle(m.kernel) +
                             "**.  The spec covers the kernels " + kernels +
                             "; a rule, API function or field rule marked ``kernel \"ID\"`` "
                             "holds for that kernel only, and ``lockspec compile --kernel ID`` "
                             "compiles the spec for another one.",
                         top);
  Writer w(page);
  if (const Topic *t = findTopic(m, "version_deltas"); t && !onMainPage(*t))
    w.paragraph("What differs between them, and why, is summarised in :doc:`" + t->name + "`.",
                top);
  if (m.versioned.empty()) {
    w.paragraph("Every rule of this spec holds for every kernel it covers.", top);
    return page;
  }
  std::vector<TableRowText> rows;
  for (const VersionedRule &v : m.versioned) {
    std::string name = v.kind == "operation" && v.kept
                           ? ":doc:`../" + operationPage(v.name) + "`"
                           : literal(v.name);
    rows.push_back({{cell(v.kind), name, cell(kernelTitle(v.kernel)),
                     v.kept ? "yes" : "no", declaredAt(v)},
                    top});
  }
  simpleTable(w, "Rules of one kernel only",
              {"Kind", "Rule", "Holds for", "In these pages", "Declared at"}, rows, 40, top);
  return page;
}

RstPage topicsIndex(const Model &m) {
  std::vector<std::pair<std::string, SourcePos>> entries;
  for (const Topic &t : m.topics)
    if (!onMainPage(t))
      entries.push_back({t.name, t.pos});
  entries.push_back({"kernel_versions", firstPos(m)});
  return indexPage("topics/index", "Beyond process_addrs.rst",
                   "Topics the kernel's document does not cover, from the mailing-list "
                   "discussions the rules cite.",
                   entries, firstPos(m));
}

std::string dotId(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

} // namespace

std::string RstText::text() const {
  std::string out;
  for (const std::string &l : lines)
    out += l + "\n";
  return out;
}

std::string describeRequirement(const Requirement &req) {
  if (req.alternatives.empty())
    return "Cannot be met";
  if (req.alternatives.size() == 1)
    return req.alternatives[0].atoms.empty() ? "None" : describeAlternative(req.alternatives[0]);
  // Atoms every alternative shares are said once, then the choices: "mmap_lock write,
  // vma_lock write, and anon_vma_lock write or i_mmap_lock write" rather than the full DNF.
  auto inAll = [&](const Atom &a) {
    for (const Alternative &alt : req.alternatives)
      if (std::find(alt.atoms.begin(), alt.atoms.end(), a) == alt.atoms.end())
        return false;
    return true;
  };
  std::vector<std::string> common, choices;
  for (const Atom &a : req.alternatives[0].atoms)
    if (inAll(a))
      common.push_back(describeAtom(a));
  for (const Alternative &alt : req.alternatives) {
    std::vector<std::string> rest;
    for (const Atom &a : alt.atoms)
      if (!inAll(a))
        rest.push_back(describeAtom(a));
    if (rest.empty()) // The shared atoms alone would do: no factoring to speak of.
      return describeAlternatives(req);
    std::string choice = join(rest, ", ");
    if (rest.size() > 1)
      choice = "(" + choice + ")";
    if (std::find(choices.begin(), choices.end(), choice) == choices.end())
      choices.push_back(choice);
  }
  std::string either = join(choices, " or ");
  return common.empty() ? either : join(common, ", ") + ", and " + either;
}

std::string orderGraphDot(const Model &m) {
  std::string dot = "digraph lock_order {\n  rankdir=TB;\n  node [shape=box, fontsize=10];\n";
  std::set<std::pair<std::string, std::string>> edges;
  std::function<void(const OrderNode &)> walk = [&](const OrderNode &node) {
    for (const OrderNode &child : node.children) {
      for (const LockMode &from : node.locks)
        for (const LockMode &to : child.locks)
          edges.insert({from.lock, to.lock});
      walk(child);
    }
  };
  for (const Order &o : m.orders)
    if (o.historical.empty())
      for (const OrderNode &root : o.roots)
        walk(root);
  for (const Lock &l : m.locks) {
    bool used = false;
    for (const auto &e : edges)
      used = used || e.first == l.name || e.second == l.name;
    if (used)
      dot += "  " + dotId(l.name) + ";\n";
  }
  for (const auto &e : edges)
    dot += "  " + dotId(e.first) + " -> " + dotId(e.second) + ";\n";
  return dot + "}";
}

std::string operationGraphDot(const Model &m, const Operation &op) {
  std::string dot = "digraph " + dotId(op.name) + " {\n  rankdir=LR;\n  node [fontsize=10];\n  " +
                    dotId(op.name) + " [shape=box, style=bold];\n";
  std::set<std::string> atoms;
  for (size_t i = 0; i < op.requirement.alternatives.size(); ++i) {
    const Alternative &alt = op.requirement.alternatives[i];
    std::string id = dotId("alt" + std::to_string(i));
    dot += "  " + id + " [shape=diamond, label=" +
           dotId(alt.label.empty() ? "way " + std::to_string(i + 1) : alt.label) + "];\n";
    dot += "  " + dotId(op.name) + " -> " + id + ";\n";
    for (const Atom &a : alt.atoms) {
      std::string atom = describeAtom(a);
      if (atoms.insert(atom).second)
        dot += "  " + dotId(atom) + " [shape=ellipse" +
               (a.kind == Atom::Kind::Fact ? ", style=dashed" : "") + "];\n";
      dot += "  " + id + " -> " + dotId(atom) + ";\n";
    }
  }
  (void)m;
  return dot + "}";
}

RstText renderRstOrderGraph(const Model &m) {
  RstText out;
  Writer w(out);
  SourcePos pos = m.orders.empty() ? firstPos(m) : m.orders[0].pos;
  graphviz(w, orderGraphDot(m),
           "The enforced lock order: an arrow goes from a lock to one taken under it", pos);
  return out;
}

std::optional<RstText> renderRstFieldTable(const Model &m, const std::string &object,
                                           const std::string &caption) {
  const Object *obj = m.findObject(object);
  if (!obj)
    return std::nullopt;
  auto captions = fieldTables(*obj);
  if (std::find(captions.begin(), captions.end(), caption) == captions.end())
    return std::nullopt;
  RstText out;
  Writer w(out);
  fieldTable(w, m, *obj, caption);
  return out;
}

std::optional<RstText> renderRstOperation(const Model &m, const std::string &name) {
  const Operation *op = m.findOperation(name);
  if (!op)
    return std::nullopt;
  return RstText(operationPageOf(m, *op));
}

std::vector<RstPage> renderRstPages(const Model &m) {
  std::vector<RstPage> pages = {mainPage(m), locksPage(m), objectsPage(m), topicsIndex(m),
                                versionsPage(m)};
  for (const Topic &t : m.topics)
    if (!onMainPage(t))
      pages.push_back(topicPageOf(t));
  pages.push_back(operationsIndex(m));
  for (const Operation &op : m.operations)
    pages.push_back(operationPageOf(m, op));
  return pages;
}

std::optional<RstPage> renderRstPage(const Model &m, const std::string &name) {
  if (name == kMainPage)
    return mainPage(m);
  if (name == "operations/index")
    return operationsIndex(m);
  if (name == "topics/index")
    return topicsIndex(m);
  if (name == kVersionsPage)
    return versionsPage(m);
  if (name == "locks")
    return locksPage(m);
  if (name == "objects")
    return objectsPage(m);
  for (const Operation &op : m.operations)
    if (operationPage(op.name) == name)
      return operationPageOf(m, op);
  for (const Topic &t : m.topics)
    if (!onMainPage(t) && topicPage(t.name) == name)
      return topicPageOf(t);
  return std::nullopt;
}

std::vector<OutputFile> emitRst(const Model &m) {
  std::vector<OutputFile> out;
  for (const RstPage &page : renderRstPages(m)) {
    // The spec files the page draws on, in the order the compiler read them.
    std::vector<std::string> files;
    for (const std::string &file : m.files)
      for (const SourcePos &p : page.origins)
        if (p.file == file) {
          files.push_back(file);
          break;
        }
    std::string banner =
        ".. generated from " + join(files, ", ") + " by lockspec; do not edit.\n\n";
    out.push_back({"docs/" + page.name + ".rst", banner + page.text()});
  }
  return out;
}

} // namespace lockspec
