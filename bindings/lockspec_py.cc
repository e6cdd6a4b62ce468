// The `lockspec` Python module: the compiler library as the Sphinx extension and scripts see
// it.  It loads a spec, hands back the immutable model and located diagnostics, and renders
// RST with the same emitter the CLI uses.  No rule logic lives here.
#include <memory>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "driver.h"
#include "rst_backend.h"

namespace py = pybind11;
using namespace lockspec;

namespace {

/// A diagnostic with its position resolved, so Python never needs the source manager.
struct PyDiagnostic {
  std::string file;
  unsigned line = 0, column = 0;
  std::string severity, message;
  std::vector<PyDiagnostic> notes;
  std::string text; ///< The house format: location, message, source line, caret.
};

PyDiagnostic convert(const Diagnostics &diags, const Diagnostic &d) {
  PyDiagnostic out;
  out.severity = toString(d.severity);
  out.message = d.message;
  if (d.hasSpan) {
    const SourceManager &sources = diags.sources();
    out.file = sources.path(d.span.file);
    LineCol lc = sources.lineCol(d.span.file, d.span.begin);
    out.line = lc.line;
    out.column = lc.column;
  }
  for (const Diagnostic &n : d.notes)
    out.notes.push_back(convert(diags, n));
  out.text = diags.render(d);
  return out;
}

/// The model, shared so that Python objects taken from it stay valid.
struct PyModel {
  std::shared_ptr<const Model> model;
  const Model &m() const { return *model; }
};

struct LoadResult {
  std::optional<PyModel> model;
  std::vector<PyDiagnostic> diagnostics;
  std::vector<std::string> files; ///< Every file read, even when loading failed.
  bool ok() const { return model.has_value(); }
};

LoadResult finish(std::optional<Model> model, SourceManager &sources, Diagnostics &diags) {
  LoadResult r;
  for (const Diagnostic &d : diags.all())
    r.diagnostics.push_back(convert(diags, d));
  for (size_t i = 0; i < sources.size(); ++i)
    r.files.push_back(sources.path(static_cast<FileId>(i)));
  if (model)
    r.model = PyModel{std::make_shared<const Model>(std::move(*model))};
  return r;
}

LoadResult load(const std::string &path) {
  SourceManager sources;
  Diagnostics diags(sources);
  auto model = loadSpec(path, sources, diags);
  return finish(std::move(model), sources, diags);
}

LoadResult loadString(const std::string &text, const std::string &name) {
  SourceManager sources;
  Diagnostics diags(sources);
  auto model = loadSpecFromString(name, text, sources, diags);
  return finish(std::move(model), sources, diags);
}

template <typename T> std::optional<T> find(const std::vector<T> &items, const std::string &name) {
  for (const T &item : items)
    if (item.name == name)
      return item;
  return std::nullopt;
}

template <typename T> py::class_<T> documented(py::module_ &m, const char *name, const char *doc) {
  py::class_<T> c(m, name, doc);
  c.def_readonly("name", &T::name, "Unique name within its namespace.")
      .def_readonly("doc", &T::doc, "RST body, indentation removed.")
      .def_readonly("source", &T::source, "Kernel file or doc section the rule comes from.")
      .def_readonly("pos", &T::pos, "Where the entity is declared in the spec.")
      .def("__repr__", [name](const T &t) { return std::string("<") + name + " " + t.name + ">"; });
  return c;
}

} // namespace

PYBIND11_MODULE(lockspec, mod) {
  mod.doc() = "The lockspec compiler as a library: load a spec, query the model, render RST.";

  py::class_<SourcePos>(mod, "SourcePos", "A position in a spec file.")
      .def_readonly("file", &SourcePos::file)
      .def_readonly("line", &SourcePos::line, "1-based.")
      .def_readonly("column", &SourcePos::column, "1-based byte column.")
      .def("__repr__", [](const SourcePos &p) {
        return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
      });

  py::class_<PyDiagnostic>(mod, "Diagnostic", "An error, warning or note with its location.")
      .def_readonly("file", &PyDiagnostic::file, "Spec file, '' when the message has no place.")
      .def_readonly("line", &PyDiagnostic::line)
      .def_readonly("column", &PyDiagnostic::column)
      .def_readonly("severity", &PyDiagnostic::severity, "'error', 'warning' or 'note'.")
      .def_readonly("message", &PyDiagnostic::message)
      .def_readonly("notes", &PyDiagnostic::notes, "Related places, as diagnostics.")
      .def_readonly("text", &PyDiagnostic::text, "The whole message in the house format.")
      .def("__str__", [](const PyDiagnostic &d) { return d.text; });

  py::class_<Mode>(mod, "Mode", "One mode of a lock class.")
      .def_readonly("name", &Mode::name)
      .def_readonly("abbrev", &Mode::abbrev)
      .def_property_readonly("sharing", [](const Mode &m) { return toString(m.sharing); })
      .def_readonly("implies", &Mode::implies)
      .def_readonly("entered_from", &Mode::from)
      .def_readonly("satisfies", &Mode::satisfies);

  documented<Lock>(mod, "Lock", "A lock class.")
      .def_property_readonly("kind", [](const Lock &l) { return toString(l.kind); })
      .def_readonly("owner", &Lock::owner)
      .def_readonly("path", &Lock::path)
      .def_readonly("modes", &Lock::modes)
      .def_readonly("apis", &Lock::apis)
      .def_readonly("groups", &Lock::groups);

  documented<Api>(mod, "Api", "A C function that acquires, releases, converts or asserts a lock.")
      .def_property_readonly("kind", [](const Api &a) { return toString(a.kind); })
      .def_readonly("lock", &Api::lock)
      .def_readonly("mode", &Api::mode)
      .def_readonly("to_mode", &Api::toMode)
      .def_readonly("fallback", &Api::fallback)
      .def_readonly("released_when", &Api::releasedWhen,
                    "Result bits a conditional release drops the lock on ([] for any).")
      .def_readonly("else_lock", &Api::elseLock,
                    "Lock released instead when the 'if' flag is clear (\"\" for none).");

  py::class_<Atom>(mod, "Atom", "One element of a normalised requirement.")
      .def_property_readonly(
          "kind", [](const Atom &a) { return a.kind == Atom::Kind::Lock ? "lock" : "fact"; })
      .def_readonly("held", &Atom::held)
      .def_readonly("lock", &Atom::lock)
      .def_readonly("mode", &Atom::mode)
      .def_readonly("fact", &Atom::fact)
      .def_readonly("role", &Atom::role)
      .def_readonly("object", &Atom::object)
      .def_readonly("links", &Atom::links)
      .def_readonly("instance", &Atom::instance)
      .def_readonly("condition", &Atom::condition);

  py::class_<Alternative>(mod, "Alternative", "One way of meeting a requirement.")
      .def_readonly("label", &Alternative::label)
      .def_readonly("doc", &Alternative::doc)
      .def_readonly("atoms", &Alternative::atoms);

  py::class_<Requirement>(mod, "Requirement", "A requirement in disjunctive normal form.")
      .def_readonly("text", &Requirement::text, "The spec's expression, re-printed.")
      .def_readonly("reason", &Requirement::reason,
                    "Why an operation's requires clause is needed (\"\" when unsaid).")
      .def_readonly("alternatives", &Requirement::alternatives)
      .def("describe", &describeRequirement, "How the requirement reads in a table cell.");

  py::class_<FieldRule>(mod, "FieldRule", "A read or write rule of a field.")
      .def_property_readonly("kind", [](const FieldRule &r) { return toString(r.kind); })
      .def_readonly("transition", &FieldRule::transition)
      .def_readonly("owner", &FieldRule::owner)
      .def_readonly("requirement", &FieldRule::requirement)
      .def_readonly("pos", &FieldRule::pos);

  documented<Field>(mod, "Field", "A field of an object with its access rules.")
      .def_readonly("table", &Field::table, "Caption of the docs table it belongs to.")
      .def_readonly("config", &Field::config)
      .def_readonly("read", &Field::read)
      .def_readonly("writes", &Field::writes);

  documented<Object>(mod, "Object", "A kernel object that holds locks or guarded fields.")
      .def_readonly("var", &Object::var)
      .def_readonly("fields", &Object::fields)
      .def_readonly("constructors", &Object::constructors)
      .def_readonly("publishers", &Object::publishers);

  py::class_<Role>(mod, "Role", "An object an operation acts on or mentions.")
      .def_readonly("name", &Role::name)
      .def_readonly("object", &Role::object)
      .def_readonly("expr", &Role::expr);

  py::class_<Rejection>(mod, "Rejection", "A lock set the kernel documents as not enough.")
      .def_readonly("requirement", &Rejection::requirement)
      .def_readonly("reason", &Rejection::reason);

  documented<Operation>(mod, "Operation", "Something done to page tables or VMAs.")
      .def_readonly("subject", &Operation::subject)
      .def_readonly("roles", &Operation::roles)
      .def_readonly("clauses", &Operation::clauses)
      .def_readonly("requirement", &Operation::requirement)
      .def_readonly("rejects", &Operation::rejects)
      .def_readonly("notes", &Operation::notes)
      .def_readonly("warnings", &Operation::warnings)
      .def_readonly("apis", &Operation::apis);

  py::class_<LockMode>(mod, "LockMode", "A lock, with a mode or ''.")
      .def_readonly("lock", &LockMode::lock)
      .def_readonly("mode", &LockMode::mode);

  py::class_<OrderEdge>(mod, "OrderEdge", "'from' is taken before 'to', per one order tree.")
      .def_readonly("from_", &OrderEdge::from)
      .def_readonly("to", &OrderEdge::to)
      .def_readonly("order", &OrderEdge::order)
      .def_readonly("pos", &OrderEdge::pos);

  documented<Order>(mod, "Order", "One lock-order tree.")
      .def_readonly("historical", &Order::historical)
      .def_readonly("edges", &Order::edges);

  documented<Topic>(mod, "Topic", "A prose section.").def_readonly("title", &Topic::title);

  py::class_<DerivedRow>(mod, "DerivedRow", "A state and its computed column values.")
      .def_readonly("state", &DerivedRow::state)
      .def_readonly("values", &DerivedRow::values);

  documented<StateTable>(mod, "StateTable", "The lock-state table.")
      .def_readonly("object", &StateTable::object)
      .def_readonly("axes", &StateTable::axes)
      .def_readonly("axis_titles", &StateTable::axisTitles)
      .def_property_readonly("column_titles",
                             [](const StateTable &t) {
                               std::vector<std::string> titles;
                               for (const TableColumn &c : t.columns)
                                 titles.push_back(c.title);
                               return titles;
                             })
      .def_readonly("derived", &StateTable::derived);

  documented<Matrix>(mod, "Matrix", "The exclusivity matrix of one lock's modes.")
      .def_readonly("lock", &Matrix::lock)
      .def_readonly("modes", &Matrix::modes)
      .def_readonly("excludes", &Matrix::excludes);

  documented<Relation>(mod, "Relation", "A rule relating two locks.")
      .def_property_readonly("kind", [](const Relation &r) { return toString(r.kind); })
      .def_readonly("lock", &Relation::lock)
      .def_readonly("mode", &Relation::mode)
      .def_readonly("other", &Relation::other)
      .def_readonly("other_mode", &Relation::otherMode);

  py::class_<RstText>(mod, "RstText", "RST lines, each with the spec position it came from.")
      .def_readonly("lines", &RstText::lines)
      .def_readonly("origins", &RstText::origins, "One SourcePos per line.")
      .def_property_readonly("text", &RstText::text);

  py::class_<RstPage, RstText>(mod, "RstPage", "One page of the docs site.")
      .def_readonly("name", &RstPage::name, "Docname under the generated root.")
      .def_readonly("title", &RstPage::title);

  py::class_<PyModel>(mod, "Model", "The immutable model of a spec.")
      .def_property_readonly(
          "files", [](const PyModel &p) { return p.m().files; }, "Every spec file read, in order.")
      .def_property_readonly("objects", [](const PyModel &p) { return p.m().objects; })
      .def_property_readonly("locks", [](const PyModel &p) { return p.m().locks; })
      .def_property_readonly("apis", [](const PyModel &p) { return p.m().apis; })
      .def_property_readonly("relations", [](const PyModel &p) { return p.m().relations; })
      .def_property_readonly("orders", [](const PyModel &p) { return p.m().orders; })
      .def_property_readonly("operations", [](const PyModel &p) { return p.m().operations; })
      .def_property_readonly("state_tables", [](const PyModel &p) { return p.m().tables; })
      .def_property_readonly("matrices", [](const PyModel &p) { return p.m().matrices; })
      .def_property_readonly("topics", [](const PyModel &p) { return p.m().topics; })
      .def(
          "lock", [](const PyModel &p, const std::string &n) { return find(p.m().locks, n); },
          py::arg("name"), "The lock class named `name`, or None.")
      .def(
          "modes",
          [](const PyModel &p, const std::string &n) {
            const Lock *l = p.m().findLock(n);
            return l ? l->modes : std::vector<Mode>{};
          },
          py::arg("lock"), "The modes of a lock class ([] when there is no such lock).")
      .def(
          "fields",
          [](const PyModel &p, const std::string &n) {
            const Object *o = p.m().findObject(n);
            return o ? o->fields : std::vector<Field>{};
          },
          py::arg("object"), "The guarded fields of an object ([] when unknown).")
      .def(
          "operation",
          [](const PyModel &p, const std::string &n) { return find(p.m().operations, n); },
          py::arg("name"), "The operation named `name`, or None.")
      .def(
          "alternatives",
          [](const PyModel &p, const std::string &n) {
            const Operation *op = p.m().findOperation(n);
            return op ? op->requirement.alternatives : std::vector<Alternative>{};
          },
          py::arg("operation"), "Every way of meeting an operation's requirement.")
      .def(
          "order_edges",
          [](const PyModel &p, bool enforcedOnly) {
            if (enforcedOnly)
              return p.m().enforcedEdges();
            std::vector<OrderEdge> all;
            for (const Order &o : p.m().orders)
              all.insert(all.end(), o.edges.begin(), o.edges.end());
            return all;
          },
          py::arg("enforced_only") = true, "Ancestor-before-descendant pairs of the order trees.")
      .def(
          "rst_pages", [](const PyModel &p) { return renderRstPages(p.m()); },
          "Every page of the docs site, as the `rst` backend writes them.")
      .def(
          "rst_page",
          [](const PyModel &p, const std::string &n) { return renderRstPage(p.m(), n); },
          py::arg("name"), "One page by docname, or None.")
      .def(
          "rst_operation",
          [](const PyModel &p, const std::string &n) { return renderRstOperation(p.m(), n); },
          py::arg("name"), "One operation as a standalone page body, or None.")
      .def(
          "rst_field_table",
          [](const PyModel &p, const std::string &o, const std::string &c) {
            return renderRstFieldTable(p.m(), o, c);
          },
          py::arg("object"), py::arg("caption"), "One field table, or None.")
      .def(
          "rst_order_graph", [](const PyModel &p) { return renderRstOrderGraph(p.m()); },
          "The `.. graphviz::` block of the enforced lock order.")
      .def("order_graph_dot", [](const PyModel &p) { return orderGraphDot(p.m()); })
      .def(
          "operation_graph_dot",
          [](const PyModel &p, const std::string &n) -> std::optional<std::string> {
            const Operation *op = p.m().findOperation(n);
            if (!op)
              return std::nullopt;
            return operationGraphDot(p.m(), *op);
          },
          py::arg("name"));

  py::class_<LoadResult>(mod, "LoadResult", "A model (when there was no error) and diagnostics.")
      .def_readonly("model", &LoadResult::model, "The model, or None when loading failed.")
      .def_readonly("diagnostics", &LoadResult::diagnostics)
      .def_readonly("files", &LoadResult::files, "Every file read, even on failure.")
      .def_property_readonly("ok", &LoadResult::ok);

  mod.def("load", &load, py::arg("path"),
          "Loads the spec at `path` and the files it includes.  Never raises on spec errors: "
          "they come back as diagnostics and `model` is None.");
  mod.def("load_string", &loadString, py::arg("text"), py::arg("name") = "<string>",
          "Loads a spec held in a string under a pseudo file name.");
}
