// The rst backend's pages, and the entry points rst_backend.h declares.
#include "rst_impl.h"

#include "alternative_names.h"

#include <algorithm>
#include <functional>
#include <set>

namespace lockspec {
using namespace rst;
namespace {

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
  w.paragraph("This page follows the kernel's ``Documentation/mm/process_addrs.rst`` part by "
              "part and is generated from the lockspec rules.  Each operation has a page of "
              "its own with its exact requirement and its C++ call (:doc:`operations/index`); "
              ":doc:`locks` defines every lock, :doc:`objects` every field, " +
                  std::string(m.orders.empty() ? "" : ":doc:`lock_order` draws the lock "
                                                      "order, ") +
                  "and :doc:`topics/index` covers what the kernel's document does not.",
              top);

  if (const Topic *t = findTopic(m, "locking")) {
    w.heading("Locking", kPart, t->pos);
    w.body(t->doc, t->pos);
  } else {
    w.heading("Locking", kPart, top);
  }
  topicSection(m, w, "terminology", kSection);
  topicSection(m, w, "lock_usage", kSection, "Lock usage");
  for (const StateTable &t : m.tables)
    stateTable(w, m, t);
  for (const Relation &r : m.relations)
    if (r.kind == Relation::Kind::Forbidden)
      w.admonition("warning", r.doc, r.pos);
  if (const Topic *t = findTopic(m, "rwsem_semantics"))
    w.admonition("note", t->doc, t->pos);

  if (const Object *vma = m.findObject("vm_area_struct")) {
    const Topic *intro = findTopic(m, "vma_fields");
    w.heading("VMA fields", kSub, intro ? intro->pos : vma->pos);
    if (intro)
      w.body(intro->doc, intro->pos);
    for (const std::string &caption : fieldTables(*vma))
      if (caption != "VMA lock internals")
        fieldTable(w, m, *vma, caption);
    if (const Topic *after = findTopic(m, "vma_fields_after"))
      w.body(after->doc, after->pos);
  }

  topicSection(m, w, "page_tables", kSection);
  topicSection(m, w, "non_vma_page_tables", kSection);

  if (!m.orders.empty()) {
    const Topic *t = findTopic(m, "lock_ordering");
    w.heading("Lock ordering", kSection, t ? t->pos : m.orders[0].pos);
    if (t)
      w.body(t->doc, t->pos);
    RstText graph = renderRstOrderGraph(m);
    for (size_t i = 0; i < graph.lines.size(); ++i)
      w.line(graph.lines[i], graph.origins[i]);
    w.paragraph("Each order tree, as the kernel comment draws it and with where it comes from, "
                "is on :doc:`" + std::string(kOrderPage) + "`.",
                m.orders[0].pos);
  }

  w.heading("Locking Implementation Details", kPart, top);
  w.admonition("warning",
               "The locking rules of PTE-level page tables are very different from those of "
               "page tables at every other level.",
               top);
  topicSection(m, w, "page_table_locking", kSection);
  topicSection(m, w, "page_table_locking_rules", kSub, "Locking rules");
  topicSection(m, w, "atomicity", kSub);
  topicSection(m, w, "page_table_installation", kSub);
  topicSection(m, w, "page_table_freeing", kSub);
  topicSection(m, w, "page_table_moving", kSub);
  if (const Topic *t = findTopic(m, "vma_lock_internals")) {
    // As in the kernel's document, the section opens with an overview; the implementation
    // topic follows as the details.
    w.heading(t->title, kSection, t->pos);
    w.heading("Overview", kSub, t->pos);
    w.body(t->doc, t->pos);
  }
  topicSection(m, w, "vma_lock_implementation", kSub, "Implementation details");
  for (const Object &obj : m.objects)
    for (const std::string &caption : fieldTables(obj))
      if (caption == "VMA lock internals")
        fieldTable(w, m, obj, caption);
  topicSection(m, w, "mmap_write_downgrading", kSection);
  for (const Matrix &mx : m.matrices)
    exclusivityMatrix(w, m, mx);
  topicSection(m, w, "stack_expansion", kSection);

  w.heading("Functions and structures", kPart, top);
  w.paragraph("Every lock function the rules describe, with what it does to which lock.  The "
              "structures, with every field and its rules, are on :doc:`objects`.",
              top);
  apiTable(w, m);
  return page;
}

/// The enforced lock-order graph and every order tree of the rules.
RstPage lockOrderPage(const Model &m) {
  RstPage page;
  page.name = kOrderPage;
  page.title = "Lock order";
  Writer w(page);
  SourcePos top = m.orders.empty() ? firstPos(m) : m.orders[0].pos;
  w.heading(page.title, kTitle, top);
  w.paragraph("The order in which the locks of the rules may be taken: the graph joins every "
              "enforced tree, and each tree follows as its kernel comment draws it.  The "
              "compiler checks that together they admit a single order; historical trees are "
              "shown but not enforced.",
              top);
  RstText graph = renderRstOrderGraph(m);
  for (size_t i = 0; i < graph.lines.size(); ++i)
    w.line(graph.lines[i], graph.origins[i]);
  for (const Order &o : m.orders)
    orderTree(w, o);
  w.paragraph("Back to :doc:`" + std::string(kMainPage) + "`.", top);
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

/// What a lock kind is in the kernel, as a kernel reader names it.  A lock the rules keep for
/// the lock order only says so: its own doc names the primitive.
std::string primitive(LockKind kind) {
  switch (kind) {
  case LockKind::Rwsem:
    return "read/write semaphore (``struct rw_semaphore``)";
  case LockKind::Spinlock:
    return "spin lock (``spinlock_t``)";
  case LockKind::Mutex:
    return "mutex (``struct mutex``)";
  case LockKind::VmaLock:
    return "per-VMA lock: a reference count and a sequence number that together act as a "
           "read/write semaphore";
  case LockKind::Rcu:
    return "RCU read-side critical section";
  case LockKind::Seqcount:
    return "sequence count (``seqcount_t``)";
  case LockKind::Ordering:
    return "placed in the lock order only (its modes and functions are not modelled; the "
           "description above names the primitive)";
  }
  return toString(kind);
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
    w.paragraph("**Kind:** " + primitive(lock.kind) + "; " + where + ".", lock.pos);
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
    std::vector<std::string> pointers;
    for (const std::string &p : lock.pointers)
      pointers.push_back(func(p));
    if (!pointers.empty())
      w.paragraph("**Finding the lock without taking it:** " + join(pointers, ", ") +
                      "; the generic spin-lock functions take and release what they give.",
                  lock.pos);
  }
  if (!m.relations.empty() || !m.tables.empty()) {
    w.heading("How the locks depend on each other", kSection,
              m.relations.empty() ? m.tables[0].pos : m.relations[0].pos);
    relationList(w, m);
    for (const Relation &r : m.relations)
      if (r.kind == Relation::Kind::Forbidden)
        w.admonition("warning", r.doc, r.pos);
    for (const StateTable &t : m.tables)
      derivedStates(w, m, t);
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
    if (!obj.constructors.empty()) {
      auto funcs = [](const std::vector<std::string> &names) {
        std::string out;
        for (size_t i = 0; i < names.size(); ++i)
          out += std::string(i == 0                  ? ""
                             : i + 1 == names.size() ? " or "
                                                     : ", ") +
                 ":c:func:`!" + names[i] + "`";
        return out;
      };
      w.paragraph("**Private until published:** a new one comes from " + funcs(obj.constructors) +
                      ". Until " +
                      (obj.publishers.empty() ? std::string("it is freed")
                                              : "it is passed to " + funcs(obj.publishers)) +
                      " (or stored through a pointer), no other thread can reach it: writing its "
                      "fields needs no lock, and its own locks are nobody else's to need.",
                  obj.pos);
    }
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

RstPage versionsPageOf(const Model &m) {
  const Topic *deltas = findTopic(m, "version_deltas");
  return versionsPage(m, firstPos(m), deltas && !onMainPage(*deltas) ? deltas : nullptr);
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
  // The diamonds carry the C++ tag names, as the header and the operation's table do.
  std::vector<std::string> names = alternativeNames(op.requirement, op.subject.name);
  for (size_t i = 0; i < op.requirement.alternatives.size(); ++i) {
    const Alternative &alt = op.requirement.alternatives[i];
    std::string id = dotId("alt" + std::to_string(i));
    dot += "  " + id + " [shape=diamond, label=" +
           dotId(names.empty() ? (alt.label.empty() ? "requires" : alt.label) : names[i]) +
           "];\n";
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
                                versionsPageOf(m)};
  if (!m.orders.empty())
    pages.push_back(lockOrderPage(m));
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
    return versionsPageOf(m);
  if (name == "locks")
    return locksPage(m);
  if (name == kOrderPage && !m.orders.empty())
    return lockOrderPage(m);
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
