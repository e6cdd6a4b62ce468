#include "json_backend.h"

#include <algorithm>
#include <cstring>
#include <ostream>
#include <string_view>
#include <vector>

namespace lockspec {
namespace {

/// Writes JSON straight into a string, in the layout of nlohmann's dump(2) that the schema and
/// goldens were first pinned with.  Building an nlohmann tree and destroying it took two thirds
/// of the compile time of rules/mm.rules (bench/run.sh, perf), so the backend streams instead.
/// Given a sink, the writer hands the text on in chunks of about kChunk bytes instead of
/// keeping it: a 100k-rule model is 224 MB, and holding it whole cost a third of the process's
/// page faults and its copies on every regrowth (issue 3).
class Writer {
public:
  explicit Writer(std::ostream *sink = nullptr) : sink_(sink) {
    if (sink_)
      out_.reserve(kChunk + kSlack);
  }

  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }

  /// Starts a member of the current object.  `name` is one of the schema's member names,
  /// which never need escaping: they skip string()'s scan, a third of the backend's calls.
  Writer &key(std::string_view name) {
    separate();
    char quoted[64]; // One append rather than three: keys are the writer's most frequent call.
    if (name.size() + 4 > sizeof quoted) {
      ((out_ += '"') += name) += "\": ";
    } else {
      quoted[0] = '"';
      std::memcpy(quoted + 1, name.data(), name.size());
      std::memcpy(quoted + 1 + name.size(), "\": ", 3);
      out_.append(quoted, name.size() + 4);
    }
    afterKey_ = true;
    return *this;
  }

  void value(std::string_view text) {
    separate();
    string(text);
  }
  void value(const std::string &text) { value(std::string_view(text)); }
  void value(const char *text) { value(std::string_view(text)); }
  void value(bool b) {
    separate();
    out_ += b ? "true" : "false";
  }
  void value(unsigned n) {
    separate();
    out_ += std::to_string(n);
  }
  void null() {
    separate();
    out_ += "null";
  }
  template <typename T> void value(const std::vector<T> &items) {
    beginArray();
    for (const T &item : items)
      value(item);
    endArray();
  }
  // std::vector<bool> hands out proxies, not bools.
  void value(const std::vector<bool> &items) {
    beginArray();
    for (bool item : items)
      value(item);
    endArray();
  }

  /// `"name": value`.
  template <typename T> void field(std::string_view name, const T &v) {
    key(name);
    value(v);
  }

  std::string take() { return std::move(out_); }
  /// Hands what is left to the sink.
  void finish() {
    if (sink_ && !out_.empty())
      sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }

private:
  struct Frame {
    char close;
    size_t count = 0;
  };

  void separate() {
    if (afterKey_) {
      afterKey_ = false;
      return;
    }
    if (frames_.empty())
      return;
    bool comma = frames_.back().count++;
    newline(comma);
  }
  /// `,` (when `comma`), a line break and the current indentation, in one append.
  void newline(bool comma) {
    size_t indent = frames_.size() * 2, skip = comma ? 0 : 1;
    if (indent + 2 <= breaks_.size()) {
      out_.append(breaks_.data() + skip, 2 - skip + indent);
    } else {
      out_.append(breaks_.data() + skip, 2 - skip);
      out_.append(indent, ' ');
    }
  }
  void open(char c) {
    reserveAhead(0);
    separate();
    out_ += c;
    frames_.push_back({c == '{' ? '}' : ']'});
  }
  void close(char c) {
    Frame frame = frames_.back();
    frames_.pop_back();
    if (frame.count)
      newline(false);
    out_ += c;
  }
  /// Grows the buffer eightfold ahead of need rather than letting appends double it: a large
  /// spec's model is hundreds of megabytes, and each doubling copies (and faults in) all of
  /// it again, while capacity that is never written costs only address space.
  /// With a sink, it first passes the buffer on once it holds a chunk, so the buffer stays
  /// about one chunk long.
  void reserveAhead(size_t need) {
    constexpr size_t kFirst = size_t(1) << 20;
    if (sink_ && out_.size() >= kChunk) {
      sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
      out_.clear();
    }
    if (out_.capacity() - out_.size() >= need + kSlack)
      return;
    out_.reserve(std::max({out_.capacity() * 8, out_.size() + need + kSlack, kFirst}));
  }

  void string(std::string_view text) {
    static const char kHex[] = "0123456789abcdef";
    reserveAhead(text.size());
    out_ += '"';
    // Copy runs that need no escaping in one append: per-character appends were the backend's
    // hottest loop on large specs.
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= 0x20 && c != '"' && c != '\\')
        continue; // The lexer guarantees strings are UTF-8: bytes >= 0x80 pass through.
      out_.append(text.data() + run, i - run);
      run = i + 1;
      switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 15];
      }
    }
    out_.append(text.data() + run, text.size() - run);
    out_ += '"';
  }

  static constexpr size_t kSlack = 4096, kChunk = size_t(1) << 18;
  std::ostream *sink_;
  std::string out_;
  const std::string breaks_ = ",\n" + std::string(64, ' '); ///< Sliced by newline().
  std::vector<Frame> frames_;
  bool afterKey_ = false;
};

void pos(Writer &w, const SourcePos &p) {
  w.beginObject();
  w.field("file", p.file);
  w.field("line", p.line);
  w.field("column", p.column);
  w.endObject();
}

/// Opens the entity's object and writes the members every entity has.
void documented(Writer &w, const Documented &d) {
  w.beginObject();
  w.field("name", d.name);
  w.field("doc", d.doc);
  w.field("source", d.source);
  w.key("pos");
  pos(w, d.pos);
}

void atom(Writer &w, const Atom &a) {
  w.beginObject();
  w.field("kind", a.kind == Atom::Kind::Lock ? "lock" : "fact");
  w.field("held", a.held);
  if (a.kind == Atom::Kind::Lock) {
    w.field("lock", a.lock);
    w.field("mode", a.mode);
    w.field("role", a.role);
    w.field("links", a.links);
    w.field("instance", a.instance);
  } else {
    w.field("fact", a.fact);
  }
  w.field("condition", a.condition);
  w.endObject();
}

void requirement(Writer &w, const Requirement &r) {
  w.beginObject();
  w.field("text", r.text);
  w.key("alternatives").beginArray();
  for (const Alternative &alt : r.alternatives) {
    w.beginObject();
    w.field("label", alt.label);
    w.key("atoms").beginArray();
    for (const Atom &a : alt.atoms)
      atom(w, a);
    w.endArray();
    w.endObject();
  }
  w.endArray();
  w.endObject();
}

void fieldRule(Writer &w, const FieldRule &r) {
  w.beginObject();
  w.field("kind", toString(r.kind));
  w.field("transition", r.transition);
  if (r.kind == FieldRule::Kind::Owner)
    w.field("owner", r.owner);
  if (r.kind == FieldRule::Kind::Locks) {
    w.key("requirement");
    requirement(w, r.requirement);
  }
  w.key("pos");
  pos(w, r.pos);
  w.endObject();
}

void lockMode(Writer &w, const LockMode &m) {
  w.beginObject();
  w.field("lock", m.lock);
  w.field("mode", m.mode);
  w.endObject();
}

void orderNode(Writer &w, const OrderNode &n) {
  w.beginObject();
  w.key("locks").beginArray();
  for (const LockMode &m : n.locks)
    lockMode(w, m);
  w.endArray();
  w.field("note", n.note);
  w.key("children").beginArray();
  for (const OrderNode &c : n.children)
    orderNode(w, c);
  w.endArray();
  w.key("pos");
  pos(w, n.pos);
  w.endObject();
}

void role(Writer &w, const Role &r) {
  w.beginObject();
  w.field("name", r.name);
  w.field("object", r.object);
  w.field("expr", r.expr);
  w.endObject();
}

void writeModel(Writer &w, const Model &model) {
  w.beginObject();
  w.field("schema", "lockspec-model/1");
  w.field("files", model.files);

  w.key("objects").beginArray();
  for (const Object &o : model.objects) {
    documented(w, o);
    w.field("var", o.var);
    w.key("links").beginArray();
    for (const Link &l : o.links) {
      w.beginObject();
      w.field("name", l.name);
      w.field("target", l.target);
      w.field("expr", l.expr);
      w.endObject();
    }
    w.endArray();
    w.key("fields").beginArray();
    for (const Field &f : o.fields) {
      documented(w, f);
      w.field("table", f.table);
      w.field("config", f.config);
      w.key("read");
      if (f.read)
        fieldRule(w, *f.read);
      else
        w.null();
      w.key("writes").beginArray();
      for (const FieldRule &r : f.writes)
        fieldRule(w, r);
      w.endArray();
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }
  w.endArray();

  w.key("locks").beginArray();
  for (const Lock &l : model.locks) {
    documented(w, l);
    w.field("kind", toString(l.kind));
    w.field("owner", l.owner);
    w.field("path", l.path);
    w.key("modes").beginArray();
    for (const Mode &m : l.modes) {
      w.beginObject();
      w.field("name", m.name);
      w.field("abbrev", m.abbrev);
      w.field("sharing", toString(m.sharing));
      w.field("implies", m.implies);
      w.field("from", m.from);
      w.field("satisfies", m.satisfies);
      w.endObject();
    }
    w.endArray();
    w.key("split");
    if (l.split) {
      w.beginObject();
      w.field("config", l.split->config);
      w.field("else", l.split->fallbackLock);
      w.endObject();
    } else {
      w.null();
    }
    w.field("apis", l.apis);
    w.field("groups", l.groups);
    w.endObject();
  }
  w.endArray();

  w.key("apis").beginArray();
  for (const Api &a : model.apis) {
    documented(w, a);
    w.field("kind", toString(a.kind));
    w.field("lock", a.lock);
    w.key("params").beginArray();
    for (const ApiParam &p : a.params) {
      w.beginObject();
      w.field("name", p.name);
      w.field("instance", p.instance);
      w.field("out", p.out);
      w.endObject();
    }
    w.endArray();
    w.field("returns_instance", a.returnsInstance);
    w.field("return_type", a.returnType);
    w.field("mode", a.mode);
    w.field("to_mode", a.toMode);
    w.field("success", toString(a.success));
    w.field("killable", a.killable);
    w.field("all", a.all);
    w.field("fallback", a.fallback);
    w.endObject();
  }
  w.endArray();

  w.key("groups").beginArray();
  for (const Group &g : model.groups) {
    documented(w, g);
    w.field("members", g.members);
    w.endObject();
  }
  w.endArray();

  w.key("facts").beginArray();
  for (const Fact &f : model.facts) {
    documented(w, f);
    w.field("test", f.test);
    w.endObject();
  }
  w.endArray();

  w.key("lets").beginArray();
  for (const Let &l : model.lets) {
    documented(w, l);
    w.key("requirement");
    requirement(w, l.requirement);
    w.endObject();
  }
  w.endArray();

  w.key("relations").beginArray();
  for (const Relation &r : model.relations) {
    documented(w, r);
    w.field("kind", toString(r.kind));
    w.field("lock", r.lock);
    w.field("mode", r.mode);
    w.field("other", r.other);
    w.field("other_mode", r.otherMode);
    w.endObject();
  }
  w.endArray();

  w.key("orders").beginArray();
  for (const Order &o : model.orders) {
    documented(w, o);
    w.field("historical", o.historical);
    w.key("roots").beginArray();
    for (const OrderNode &n : o.roots)
      orderNode(w, n);
    w.endArray();
    w.key("edges").beginArray();
    for (const OrderEdge &e : o.edges) {
      w.beginObject();
      w.key("from");
      lockMode(w, e.from);
      w.key("to");
      lockMode(w, e.to);
      w.key("pos");
      pos(w, e.pos);
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }
  w.endArray();

  w.key("operations").beginArray();
  for (const Operation &op : model.operations) {
    documented(w, op);
    w.key("subject");
    role(w, op.subject);
    w.key("roles").beginArray();
    for (const Role &r : op.roles)
      role(w, r);
    w.endArray();
    w.key("clauses").beginArray();
    for (const Requirement &c : op.clauses)
      requirement(w, c);
    w.endArray();
    w.key("requirement");
    requirement(w, op.requirement);
    w.key("rejects").beginArray();
    for (const Rejection &r : op.rejects) {
      w.beginObject();
      w.key("requirement");
      requirement(w, r.requirement);
      w.field("reason", r.reason);
      w.endObject();
    }
    w.endArray();
    w.field("notes", op.notes);
    w.field("warnings", op.warnings);
    w.field("apis", op.apis);
    w.endObject();
  }
  w.endArray();

  w.key("tables").beginArray();
  for (const StateTable &t : model.tables) {
    documented(w, t);
    w.field("object", t.object);
    w.field("axes", t.axes);
    w.field("axis_titles", t.axisTitles);
    w.key("columns").beginArray();
    for (const TableColumn &c : t.columns) {
      w.beginObject();
      w.field("name", c.name);
      w.field("title", c.title);
      w.field("kind", toString(c.kind));
      if (c.kind == TableColumn::Kind::Satisfies) {
        w.key("requirement");
        requirement(w, c.requirement);
      } else {
        w.field("object", c.object);
        w.field("tables", c.tables);
      }
      w.endObject();
    }
    w.endArray();
    w.key("rows").beginArray();
    for (const TableRow &r : t.rows) {
      w.beginObject();
      w.field("cells", r.cells);
      w.field("values", r.values);
      w.key("pos");
      pos(w, r.pos);
      w.endObject();
    }
    w.endArray();
    w.key("derived").beginArray();
    for (const DerivedRow &d : t.derived) {
      w.beginObject();
      w.field("state", d.state);
      w.field("values", d.values);
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }
  w.endArray();

  w.key("matrices").beginArray();
  for (const Matrix &m : model.matrices) {
    documented(w, m);
    w.field("lock", m.lock);
    w.field("modes", m.modes);
    w.field("excludes", m.excludes);
    w.endObject();
  }
  w.endArray();

  w.key("topics").beginArray();
  for (const Topic &t : model.topics) {
    documented(w, t);
    w.field("title", t.title);
    w.endObject();
  }
  w.endArray();
  w.endObject();
}

} // namespace

std::string emitJson(const Model &model) {
  Writer w;
  writeModel(w, model);
  return w.take() + "\n";
}

void emitJson(const Model &model, std::ostream &out) {
  Writer w(&out);
  writeModel(w, model);
  w.finish();
  out << '\n';
}

} // namespace lockspec
