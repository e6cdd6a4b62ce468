// The rst backend's pieces that the main page and the standalone pages share: field tables,
// state tables and exclusivity matrices, lock-order trees and graphs, an operation's body,
// relations and the lock functions table.
#include "rst_impl.h"

#include "alternative_names.h"
#include "rust_calls.h"

#include <algorithm>
#include <functional>
#include <set>

namespace lockspec::rst {

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
  // When every field of the table reads under the same rule the column would repeat it on
  // each row (and push the table past the page): the rule is said once, after the table.
  std::string sharedRead;
  bool uniform = true, first = true;
  for (const Field &f : obj.fields) {
    if (f.table != caption)
      continue;
    const Let *let = f.read ? namedRequirement(m, *f.read) : nullptr;
    std::string read = let ? "*" + let->name + "*" : f.read ? describeFieldRule(*f.read) : "N/A";
    uniform = uniform && (first || read == sharedRead);
    sharedRead = read;
    first = false;
  }
  // Five columns do not fit the page: with a read-lock column, the option leads the
  // description instead of having a column of its own.
  bool configColumn = config && uniform;
  std::vector<std::string> headers = {"Field"};
  if (configColumn)
    headers.push_back("Configuration option");
  headers.push_back("Description");
  if (!uniform)
    headers.push_back("Read lock");
  headers.push_back("Write lock");
  std::vector<TableRowText> rows;
  std::vector<const Let *> legend;
  SourcePos pos;
  for (const Field &f : obj.fields) {
    if (f.table != caption)
      continue;
    if (rows.empty())
      pos = f.pos;
    TableRowText row{{member(f.name)}, f.pos};
    if (configColumn)
      row.cells.push_back(f.config.empty() ? "" : literal(f.config));
    bool lead = config && !configColumn && !f.config.empty();
    row.cells.push_back((lead ? "(" + literal(f.config) + ") " : "") + firstParagraph(f.doc));
    const Let *let = f.read ? namedRequirement(m, *f.read) : nullptr;
    if (let && std::find(legend.begin(), legend.end(), let) == legend.end())
      legend.push_back(let);
    if (!uniform)
      row.cells.push_back(let ? "*" + let->name + "*"
                              : f.read ? describeFieldRule(*f.read) : "N/A");
    std::vector<std::string> writes;
    for (const FieldRule &r : f.writes)
      writes.push_back(describeFieldRule(r));
    row.cells.push_back(writes.empty() ? "N/A" : join(writes, " "));
    rows.push_back(std::move(row));
  }
  simpleTable(w, caption, headers, rows, headers.size() > 4 ? 30 : 40, pos);
  if (uniform && !rows.empty()) {
    std::string defined;
    if (legend.size() == 1) { // The one named requirement is defined in the same sentence.
      defined = ", that is " + describeRequirement(legend[0]->requirement);
      legend.clear();
    }
    w.paragraph("Read lock, for every field of this table: " + sharedRead + defined +
                    (sharedRead.back() == '.' ? "" : "."),
                pos);
  }
  for (const Let *let : legend)
    w.paragraph("*" + let->name + "* (read lock): " + describeRequirement(let->requirement) + ".",
                let->pos);
  // A fact in a cell is a condition, not a lock; its name alone would leave the reader
  // guessing, so each is said in words under the table.
  std::vector<const Fact *> facts;
  for (const Field &f : obj.fields) {
    if (f.table != caption)
      continue;
    std::vector<const FieldRule *> rules;
    if (f.read)
      rules.push_back(&*f.read);
    for (const FieldRule &r : f.writes)
      rules.push_back(&r);
    for (const FieldRule *r : rules)
      for (const Alternative &alt : r->requirement.alternatives)
        for (const Atom &a : alt.atoms)
          if (a.kind == Atom::Kind::Fact)
            for (const Fact &fact : m.facts)
              if (fact.name == a.fact &&
                  std::find(facts.begin(), facts.end(), &fact) == facts.end())
                facts.push_back(&fact);
  }
  for (const Fact *fact : facts)
    w.paragraph(literal(fact->name) + " is a condition, not a lock: " +
                    firstParagraph(fact->doc),
                fact->pos);
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

/// The C++ call of each way of meeting `op`'s requirement, and of each lock set it refuses,
/// as a user of lockspec/mm_locks.h writes them.
void cxxCalls(Writer &w, const Operation &op, const std::vector<std::string> &names) {
  std::vector<std::string> args;
  std::vector<Role> all{op.subject};
  all.insert(all.end(), op.roles.begin(), op.roles.end());
  for (const Role &r : all)
    if (r.expr.empty())
      args.push_back(r.name);
  auto call = [&](const std::string &tag) {
    std::vector<std::string> a = args;
    if (!tag.empty())
      a.push_back("via::" + tag + "{}");
    return "op::" + op.name + "(" + join(a, ", ") + ");";
  };
  std::vector<std::string> lines;
  if (names.empty())
    lines.push_back(call(""));
  for (const std::string &n : names)
    lines.push_back(call(n));
  for (const Rejection &r : op.rejects)
    for (const std::string &n : refusedNames(op, r))
      lines.push_back(call(n) + "  // error: not enough (above)");
  w.paragraph("**C++** (``#include \"lockspec/mm_locks.h\"``)" +
                  std::string(names.empty() ? ":" : ", one call per way:"),
              op.pos);
  w.line(".. code-block:: c++", op.pos);
  w.blank();
  for (const std::string &l : lines)
    w.line("   " + l, op.pos);
  w.blank();
}

/// The Rust call of each way, as a user of the generated crate writes it, each named by the
/// way's C++ tag so that the two lists read side by side.
void rustCallsBlock(const Model &m, Writer &w, const Operation &op,
                    const std::vector<std::string> &names) {
  std::vector<std::string> calls = rustCalls(m, op);
  if (calls.empty()) {
    w.paragraph("**Rust**: the crate has no function for this operation (see "
                "``generated/rust/corpus/unexpressed.txt``).",
                op.pos);
    return;
  }
  // The names line up in a column, so the eye finds a way without reading each call; when
  // that column would lie beyond what the page shows without scrolling, each name goes on a
  // comment line above its call instead.
  constexpr size_t kVisible = 88;
  size_t width = 0, longestName = 0;
  for (size_t i = 0; i < calls.size(); ++i) {
    width = std::max(width, calls[i].size());
    longestName = std::max(longestName, i < names.size() ? names[i].size() : 0);
  }
  bool above = width + 5 + longestName > kVisible;
  std::vector<std::string> lines;
  for (size_t i = 0; i < calls.size(); ++i) {
    std::string name = i < names.size() ? names[i] : "";
    if (calls[i].empty()) {
      lines.push_back("// " + name + ": no evidence type (generated/rust/corpus/unexpressed.txt)");
    } else if (name.empty()) {
      lines.push_back(calls[i]);
    } else if (above) {
      lines.push_back("// " + name);
      lines.push_back(calls[i]);
    } else {
      lines.push_back(calls[i] + std::string(width - calls[i].size() + 2, ' ') + "// " + name);
    }
  }
  w.paragraph("**Rust** (``use lockspec_mm::ops;``; a ``lock_mode_guard`` stands for a "
              "``guards::LockModeGuard``, ``_at_ROLE`` for the lock of that role, any other "
              "``&name`` for a token of ``lockspec_mm::facts``)" +
                  std::string(calls.size() > 1
                                  ? ", one call per way; the last argument is the "
                                    "evidence, one of the types that implement ``ops::" +
                                        rustEvidenceTrait(op.name) + "``:"
                                  : ":"),
              op.pos);
  w.line(".. code-block:: rust", op.pos);
  w.blank();
  for (const std::string &l : lines)
    w.line("   " + l, op.pos);
  w.blank();
}

/// What an operation needs, how it reads, what it must not rely on, and its caveats.  Used
/// both on the main page (`sub` headings) and on the operation's own page.
void operationBody(const Model &m, Writer &w, const Operation &op, bool linkToPage,
                   const std::string &pagePrefix) {
  w.body(op.doc, op.pos);
  kernelNote(m, w, op, linkToPage ? "" : "../");
  std::string subject =
      literal(op.subject.name) + " (:c:struct:`!struct " + op.subject.object + "`)";
  w.paragraph("**Acts on:** " + subject + ".", op.pos);
  // The name of each way is its C++ evidence tag, the same in the header and the diagram.
  std::vector<std::string> names = alternativeNames(op.requirement, op.subject.name);
  std::vector<TableRowText> rows;
  for (size_t i = 0; i < op.requirement.alternatives.size(); ++i) {
    const Alternative &alt = op.requirement.alternatives[i];
    std::vector<std::string> instances;
    for (const Atom &a : alt.atoms)
      if (!a.instance.empty())
        instances.push_back(literal(a.instance));
    rows.push_back({{names.empty() ? "(no tag)" : names[i],
                     alt.atoms.empty() ? "nothing" : describeAlternative(alt),
                     instances.empty() ? "" : join(instances, ", ")},
                    op.pos});
  }
  std::vector<std::string> clauses;
  for (const Requirement &c : op.clauses)
    clauses.push_back(literal(c.text) + (c.reason.empty() ? "" : " (" + c.reason + ")"));
  w.paragraph("**Requires** " + join(clauses, " and ") + ", that is any one of:", op.pos);
  if (op.requirement.alternatives.empty())
    w.paragraph("Nothing satisfies this requirement.", op.pos);
  else
    simpleTable(w, "", {"C++ tag", "Holds and conditions", "Instances"}, rows, 40, op.pos);
  // Why each named way is enough, once per way: a branch that names a group or a let expands
  // into several rows of the table above.
  std::vector<std::pair<std::string, std::string>> ways;
  for (const Alternative &alt : op.requirement.alternatives)
    if (!alt.doc.empty() &&
        std::find(ways.begin(), ways.end(), std::pair(alt.label, alt.doc)) == ways.end())
      ways.emplace_back(alt.label, alt.doc);
  // A label a group or a let expands into several tags names all of them: "fully_locked_*".
  for (auto &way : ways) {
    const std::string prefix = way.first + "_";
    bool tagged = std::any_of(names.begin(), names.end(),
                              [&](const std::string &n) { return n.rfind(prefix, 0) == 0; });
    if (!way.first.empty() && tagged &&
        std::find(names.begin(), names.end(), way.first) == names.end())
      way.first += "_*";
  }
  w.blank();
  for (const auto &[label, doc] : ways) {
    // A bullet per way; the lines of a long doc continue under the bullet's text.
    std::string item = "- " + (label.empty() ? std::string() : literal(label) + ": ") + doc;
    for (size_t start = 0, end; start <= item.size(); start = end + 1) {
      end = std::min(item.find('\n', start), item.size());
      w.line((start ? "  " : "") + item.substr(start, end - start), op.pos);
    }
  }
  w.blank();
  for (const Rejection &r : op.rejects)
    w.paragraph("**Not enough:** " + literal(r.requirement.text) + " - " + r.reason + ".", op.pos);
  if (!linkToPage) {
    cxxCalls(w, op, names);
    rustCallsBlock(m, w, op, names);
  }
  for (const std::string &n : op.notes)
    w.admonition("note", n, op.pos);
  for (const std::string &warn : op.warnings)
    w.admonition("warning", warn, op.pos);
  kernelFunctions(m, w, op);
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
                  const std::string &title) {
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
        rows.push_back({{func(api->name), literal(lock.name), toString(api->kind),
                         mode.empty() ? "-" : mode},
                        api->pos});
      }
  for (const LockPointer &p : m.pointers)
    rows.push_back({{func(p.name), literal(p.lock), "pointer", "-"}, p.pos});
  if (!rows.empty())
    simpleTable(w, "Lock functions", {"Function", "Lock", "Does", "Mode"}, rows, 30, rows[0].pos);
  // A release that depends on the result or on flags: when it happens, below the table.
  auto flag = [](const FlagTest &t) {
    return "``" + t.param + t.member + " & " + t.flag + "``";
  };
  for (const Lock &lock : m.locks)
    for (const std::string &name : lock.apis) {
      const Api *api = m.findApi(name);
      if (api && !api->alsoLock.empty())
        w.paragraph(func(api->name) + " also ends the " + literal(api->alsoLock) +
                        " hold its arguments stand for (the section a map helper entered).",
                    api->pos);
      if (!api || !api->conditionalRelease())
        continue;
      std::string text = func(api->name) + " releases " + literal(lock.name + "." + api->mode);
      if (api->releaseIf.present())
        text += " when " + flag(api->releaseIf) + " is set" +
                (api->elseLock.empty() ? ""
                                       : ", else " + literal(api->elseLock + "." + api->mode));
      if (!api->releasedWhen.empty()) {
        text += ", and only when its result has ";
        for (size_t i = 0; i < api->releasedWhen.size(); ++i)
          text += (i ? (i + 1 == api->releasedWhen.size() ? " or " : ", ") : "") +
                  literal(api->releasedWhen[i]);
        text += "; any other result returns with the lock held";
      }
      if (api->releaseUnless.present())
        text += "; nothing is released when " + flag(api->releaseUnless) + " is set";
      w.paragraph(text + ".", api->pos);
    }
}


} // namespace lockspec::rst
