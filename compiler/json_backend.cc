#include "json_backend.h"

#include <nlohmann/json.hpp>

namespace lockspec {
namespace {

using Json = nlohmann::ordered_json;

Json pos(const SourcePos &p) {
  return {{"file", p.file}, {"line", p.line}, {"column", p.column}};
}

void documented(Json &j, const Documented &d) {
  j["name"] = d.name;
  j["doc"] = d.doc;
  j["source"] = d.source;
  j["pos"] = pos(d.pos);
}

Json atom(const Atom &a) {
  Json j;
  j["kind"] = a.kind == Atom::Kind::Lock ? "lock" : "fact";
  j["held"] = a.held;
  if (a.kind == Atom::Kind::Lock) {
    j["lock"] = a.lock;
    j["mode"] = a.mode;
    j["role"] = a.role;
    j["links"] = a.links;
    j["instance"] = a.instance;
  } else {
    j["fact"] = a.fact;
  }
  j["condition"] = a.condition;
  return j;
}

Json requirement(const Requirement &r) {
  Json alts = Json::array();
  for (const Alternative &alt : r.alternatives) {
    Json atoms = Json::array();
    for (const Atom &a : alt.atoms)
      atoms.push_back(atom(a));
    alts.push_back({{"label", alt.label}, {"atoms", atoms}});
  }
  return {{"text", r.text}, {"alternatives", alts}};
}

Json fieldRule(const FieldRule &r) {
  Json j{{"kind", toString(r.kind)}, {"transition", r.transition}};
  if (r.kind == FieldRule::Kind::Owner)
    j["owner"] = r.owner;
  if (r.kind == FieldRule::Kind::Locks)
    j["requirement"] = requirement(r.requirement);
  j["pos"] = pos(r.pos);
  return j;
}

Json lockMode(const LockMode &m) {
  return {{"lock", m.lock}, {"mode", m.mode}};
}

Json orderNode(const OrderNode &n) {
  Json locks = Json::array();
  for (const LockMode &m : n.locks)
    locks.push_back(lockMode(m));
  Json children = Json::array();
  for (const OrderNode &c : n.children)
    children.push_back(orderNode(c));
  return {{"locks", locks}, {"note", n.note}, {"children", children}, {"pos", pos(n.pos)}};
}

Json role(const Role &r) {
  return {{"name", r.name}, {"object", r.object}, {"expr", r.expr}};
}

} // namespace

std::string emitJson(const Model &model) {
  Json root;
  root["schema"] = "lockspec-model/1";
  root["files"] = model.files;

  Json objects = Json::array();
  for (const Object &o : model.objects) {
    Json j;
    documented(j, o);
    j["var"] = o.var;
    Json links = Json::array();
    for (const Link &l : o.links)
      links.push_back({{"name", l.name}, {"target", l.target}, {"expr", l.expr}});
    j["links"] = links;
    Json fields = Json::array();
    for (const Field &f : o.fields) {
      Json fj;
      documented(fj, f);
      fj["table"] = f.table;
      fj["config"] = f.config;
      fj["read"] = f.read ? fieldRule(*f.read) : Json();
      Json writes = Json::array();
      for (const FieldRule &w : f.writes)
        writes.push_back(fieldRule(w));
      fj["writes"] = writes;
      fields.push_back(std::move(fj));
    }
    j["fields"] = fields;
    objects.push_back(std::move(j));
  }
  root["objects"] = objects;

  Json locks = Json::array();
  for (const Lock &l : model.locks) {
    Json j;
    documented(j, l);
    j["kind"] = toString(l.kind);
    j["owner"] = l.owner;
    j["path"] = l.path;
    Json modes = Json::array();
    for (const Mode &m : l.modes)
      modes.push_back({{"name", m.name},
                       {"abbrev", m.abbrev},
                       {"sharing", toString(m.sharing)},
                       {"implies", m.implies},
                       {"from", m.from},
                       {"satisfies", m.satisfies}});
    j["modes"] = modes;
    j["split"] =
        l.split ? Json{{"config", l.split->config}, {"else", l.split->fallbackLock}} : Json();
    j["apis"] = l.apis;
    j["groups"] = l.groups;
    locks.push_back(std::move(j));
  }
  root["locks"] = locks;

  Json apis = Json::array();
  for (const Api &a : model.apis) {
    Json j;
    documented(j, a);
    j["kind"] = toString(a.kind);
    j["lock"] = a.lock;
    Json params = Json::array();
    for (const ApiParam &p : a.params)
      params.push_back({{"name", p.name}, {"instance", p.instance}, {"out", p.out}});
    j["params"] = params;
    j["returns_instance"] = a.returnsInstance;
    j["return_type"] = a.returnType;
    j["mode"] = a.mode;
    j["to_mode"] = a.toMode;
    j["success"] = toString(a.success);
    j["killable"] = a.killable;
    j["all"] = a.all;
    j["fallback"] = a.fallback;
    apis.push_back(std::move(j));
  }
  root["apis"] = apis;

  Json groups = Json::array();
  for (const Group &g : model.groups) {
    Json j;
    documented(j, g);
    j["members"] = g.members;
    groups.push_back(std::move(j));
  }
  root["groups"] = groups;

  Json facts = Json::array();
  for (const Fact &f : model.facts) {
    Json j;
    documented(j, f);
    j["test"] = f.test;
    facts.push_back(std::move(j));
  }
  root["facts"] = facts;

  Json lets = Json::array();
  for (const Let &l : model.lets) {
    Json j;
    documented(j, l);
    j["requirement"] = requirement(l.requirement);
    lets.push_back(std::move(j));
  }
  root["lets"] = lets;

  Json relations = Json::array();
  for (const Relation &r : model.relations) {
    Json j;
    documented(j, r);
    j["kind"] = toString(r.kind);
    j["lock"] = r.lock;
    j["mode"] = r.mode;
    j["other"] = r.other;
    j["other_mode"] = r.otherMode;
    relations.push_back(std::move(j));
  }
  root["relations"] = relations;

  Json orders = Json::array();
  for (const Order &o : model.orders) {
    Json j;
    documented(j, o);
    j["historical"] = o.historical;
    Json roots = Json::array();
    for (const OrderNode &n : o.roots)
      roots.push_back(orderNode(n));
    j["roots"] = roots;
    Json edges = Json::array();
    for (const OrderEdge &e : o.edges)
      edges.push_back({{"from", lockMode(e.from)}, {"to", lockMode(e.to)}, {"pos", pos(e.pos)}});
    j["edges"] = edges;
    orders.push_back(std::move(j));
  }
  root["orders"] = orders;

  Json operations = Json::array();
  for (const Operation &op : model.operations) {
    Json j;
    documented(j, op);
    j["subject"] = role(op.subject);
    Json roles = Json::array();
    for (const Role &r : op.roles)
      roles.push_back(role(r));
    j["roles"] = roles;
    Json clauses = Json::array();
    for (const Requirement &c : op.clauses)
      clauses.push_back(requirement(c));
    j["clauses"] = clauses;
    j["requirement"] = requirement(op.requirement);
    Json rejects = Json::array();
    for (const Rejection &r : op.rejects)
      rejects.push_back({{"requirement", requirement(r.requirement)}, {"reason", r.reason}});
    j["rejects"] = rejects;
    j["notes"] = op.notes;
    j["warnings"] = op.warnings;
    j["apis"] = op.apis;
    operations.push_back(std::move(j));
  }
  root["operations"] = operations;

  Json tables = Json::array();
  for (const StateTable &t : model.tables) {
    Json j;
    documented(j, t);
    j["object"] = t.object;
    j["axes"] = t.axes;
    j["axis_titles"] = t.axisTitles;
    Json columns = Json::array();
    for (const TableColumn &c : t.columns) {
      Json cj{{"name", c.name}, {"title", c.title}, {"kind", toString(c.kind)}};
      if (c.kind == TableColumn::Kind::Satisfies)
        cj["requirement"] = requirement(c.requirement);
      else
        cj["object"] = c.object, cj["tables"] = c.tables;
      columns.push_back(cj);
    }
    j["columns"] = columns;
    Json rows = Json::array();
    for (const TableRow &r : t.rows)
      rows.push_back({{"cells", r.cells}, {"values", r.values}, {"pos", pos(r.pos)}});
    j["rows"] = rows;
    Json derived = Json::array();
    for (const DerivedRow &d : t.derived)
      derived.push_back({{"state", d.state}, {"values", d.values}});
    j["derived"] = derived;
    tables.push_back(std::move(j));
  }
  root["tables"] = tables;

  Json matrices = Json::array();
  for (const Matrix &m : model.matrices) {
    Json j;
    documented(j, m);
    j["lock"] = m.lock;
    j["modes"] = m.modes;
    j["excludes"] = m.excludes;
    matrices.push_back(std::move(j));
  }
  root["matrices"] = matrices;

  Json topics = Json::array();
  for (const Topic &t : model.topics) {
    Json j;
    documented(j, t);
    j["title"] = t.title;
    topics.push_back(std::move(j));
  }
  root["topics"] = topics;
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace lockspec
