#include "json_backend.h"

#include <charconv>
#include <ostream>
#include <string_view>
#include <vector>

namespace lockspec {
namespace {

/// Writes JSON in the layout of nlohmann's dump(2), the one the schema and goldens are pinned
/// with: two-space indentation, `"key": value`, empty containers as `[]` and `{}`.  Streams
/// rather than building a document tree: the model of a large spec is hundreds of megabytes,
/// and `--emit=json` never needs it whole in memory.
class Writer {
public:
  /// Text goes to `stream` when given (in pieces of about kFlushSize), else accumulates for
  /// take().
  explicit Writer(std::ostream *stream = nullptr) : stream_(stream) {}

  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }

  /// Starts a member of the current object whose value the caller writes next (an object
  /// or array; field() writes the others).
  Writer &key(std::string_view name) {
    member(name);
    afterKey_ = true;
    return *this;
  }

  /// Writes a value: an array item, or a member's value after key().
  template <typename T> void value(const T &v) {
    separate();
    put(v);
  }
  void null() {
    separate();
    out_ += "null";
  }

  /// `"name": value`.
  template <typename T> void field(std::string_view name, const T &v) {
    member(name);
    put(v);
  }

  /// Ends the document with a line break and hands what is buffered on.
  void finish() {
    out_ += '\n';
    flush();
  }
  /// The text written, when there is no stream (after finish()).
  std::string take() { return std::move(out_); }

private:
  static constexpr size_t kFlushSize = size_t(1) << 16;

  void flush() {
    if (!stream_)
      return;
    stream_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }
  /// Separator and `"name": `.  Names are the schema's member names, which need no escaping.
  void member(std::string_view name) {
    newline(!first_);
    first_ = false;
    out_ += '"';
    out_ += name;
    out_ += "\": ";
  }
  /// The separator before a value: nothing after a key or at the top level, else a comma
  /// unless it is the container's first item, a line break and indentation.
  void separate() {
    if (afterKey_) {
      afterKey_ = false;
      return;
    }
    if (depth_ == 0)
      return;
    newline(!first_);
    first_ = false;
  }
  /// `,` (when `comma`), a line break and the current indentation.
  void newline(bool comma) {
    if (comma)
      out_ += ',';
    out_ += '\n';
    out_.append(2 * depth_, ' ');
  }
  void open(char c) {
    separate();
    push(c);
  }
  /// Opens a container without a separator (the caller wrote it).
  void push(char c) {
    out_ += c;
    ++depth_;
    first_ = true;
  }
  void close(char c) {
    --depth_;
    if (!first_)
      newline(false);
    out_ += c;
    first_ = false; // The enclosing container now holds this one.
    if (stream_ && out_.size() >= kFlushSize)
      flush();
  }

  // Values without separator.
  void put(std::string_view text) { string(text); }
  void put(const std::string &text) { string(text); }
  void put(const char *text) { string(text); }
  void put(bool b) { out_ += b ? "true" : "false"; }
  void put(unsigned n) {
    char digits[16];
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
  }
  template <typename T> void put(const std::vector<T> &items) {
    push('[');
    for (const T &item : items)
      value(item);
    close(']');
  }
  // std::vector<bool> hands out proxies, not bools.
  void put(const std::vector<bool> &items) {
    push('[');
    for (bool item : items)
      value(item);
    close(']');
  }

  /// `"text"`, escaped.  Bytes from 0x80 on are copied: the lexer guarantees strings are
  /// UTF-8, which JSON carries verbatim.  Runs that need no escape are copied whole.
  void string(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    size_t copied = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      out_.append(text, copied, i - copied);
      copied = i + 1;
      out_ += '\\';
      switch (c) {
      case '"':
      case '\\':
        out_ += static_cast<char>(c);
        break;
      case '\b':
        out_ += 'b';
        break;
      case '\f':
        out_ += 'f';
        break;
      case '\n':
        out_ += 'n';
        break;
      case '\r':
        out_ += 'r';
        break;
      case '\t':
        out_ += 't';
        break;
      default:
        out_ += "u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 15];
      }
    }
    out_.append(text, copied);
    out_ += '"';
  }

  std::ostream *stream_ = nullptr;
  std::string out_;  ///< Not yet handed to the stream; everything when there is none.
  size_t depth_ = 0; ///< Containers open.
  /// The innermost container has no item yet; a key was just written.
  bool first_ = false, afterKey_ = false;
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
    w.field("object", a.object);
    w.field("links", a.links);
    w.field("instance", a.instance);
  } else {
    w.field("fact", a.fact);
  }
  w.field("condition", a.condition);
  w.endObject();
}

/// `clause`: an operation's `requires` clause, which also has its reason.
void requirement(Writer &w, const Requirement &r, bool clause = false) {
  w.beginObject();
  w.field("text", r.text);
  if (clause)
    w.field("reason", r.reason);
  w.key("alternatives").beginArray();
  for (const Alternative &alt : r.alternatives) {
    w.beginObject();
    w.field("label", alt.label);
    w.field("doc", alt.doc);
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

void writeItem(Writer &w, const Object &o) {
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
  w.field("constructors", o.constructors);
  w.field("publishers", o.publishers);
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

void writeItem(Writer &w, const Lock &l) {
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
  w.field("pointers", l.pointers);
  w.field("groups", l.groups);
  w.endObject();
}

/// The parameters of an API or pointer function: `@` marks the one that names the lock.
void params(Writer &w, const std::vector<ApiParam> &ps) {
  w.key("params").beginArray();
  for (const ApiParam &p : ps) {
    w.beginObject();
    w.field("name", p.name);
    w.field("instance", p.instance);
    w.field("out", p.out);
    w.field("member", p.member);
    w.endObject();
  }
  w.endArray();
}

void writeItem(Writer &w, const Api &a) {
  documented(w, a);
  w.field("kind", toString(a.kind));
  w.field("lock", a.lock);
  params(w, a.params);
  w.field("returns_instance", a.returnsInstance);
  w.field("return_type", a.returnType);
  w.field("mode", a.mode);
  w.field("to_mode", a.toMode);
  w.field("success", toString(a.success));
  w.field("killable", a.killable);
  w.field("all", a.all);
  w.field("fallback", a.fallback);
  w.field("released_when", a.releasedWhen);
  auto flagTest = [&](const char *key, const FlagTest &t) {
    w.key(key);
    if (!t.present()) {
      w.null();
      return;
    }
    w.beginObject();
    w.field("param", t.param);
    w.field("member", t.member);
    w.field("flag", t.flag);
    w.endObject();
  };
  flagTest("release_if", a.releaseIf);
  w.field("else_lock", a.elseLock);
  flagTest("release_unless", a.releaseUnless);
  w.field("also_lock", a.alsoLock);
  w.endObject();
}

void writeItem(Writer &w, const LockPointer &p) {
  documented(w, p);
  w.field("lock", p.lock);
  params(w, p.params);
  w.field("returns_instance", p.returnsInstance);
  w.endObject();
}

void writeItem(Writer &w, const Group &g) {
  documented(w, g);
  w.field("members", g.members);
  w.endObject();
}

void writeItem(Writer &w, const Fact &f) {
  documented(w, f);
  w.field("test", f.test);
  w.endObject();
}

void writeItem(Writer &w, const Let &l) {
  documented(w, l);
  w.key("requirement");
  requirement(w, l.requirement);
  w.endObject();
}

void writeItem(Writer &w, const Relation &r) {
  documented(w, r);
  w.field("kind", toString(r.kind));
  w.field("lock", r.lock);
  w.field("mode", r.mode);
  w.field("other", r.other);
  w.field("other_mode", r.otherMode);
  w.endObject();
}

void writeItem(Writer &w, const Order &o) {
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

void writeItem(Writer &w, const Operation &op) {
  documented(w, op);
  w.key("subject");
  role(w, op.subject);
  w.key("roles").beginArray();
  for (const Role &r : op.roles)
    role(w, r);
  w.endArray();
  w.key("clauses").beginArray();
  for (const Requirement &c : op.clauses)
    requirement(w, c, /*clause=*/true);
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

void writeItem(Writer &w, const StateTable &t) {
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

void writeItem(Writer &w, const Matrix &m) {
  documented(w, m);
  w.field("lock", m.lock);
  w.field("modes", m.modes);
  w.field("excludes", m.excludes);
  w.endObject();
}

void writeItem(Writer &w, const Topic &t) {
  documented(w, t);
  w.field("title", t.title);
  w.endObject();
}

/// A rule of one kernel only; `kept` says whether this model (for `kernel`) has it.
void writeItem(Writer &w, const VersionedRule &v) {
  w.beginObject();
  w.field("kind", v.kind);
  w.field("name", v.name);
  w.field("kernel", v.kernel);
  const Kernel *k = findKernel(v.kernel);
  w.field("kernel_title", k ? std::string(k->title) : v.kernel);
  w.field("kept", v.kept);
  w.key("pos").beginObject();
  w.field("file", v.file);
  w.field("line", v.line);
  w.field("column", v.column);
  w.endObject();
  w.endObject();
}

/// One of the model's top-level arrays.
template <typename T> void section(Writer &w, const char *key, const std::vector<T> &items) {
  w.key(key).beginArray();
  for (const T &item : items)
    writeItem(w, item);
  w.endArray();
}

/// The model, its arrays in the schema's order.
void writeModel(Writer &w, const Model &m) {
  w.beginObject();
  w.field("schema", "lockspec-model/1");
  w.field("files", m.files);
  w.field("kernel", m.kernel);
  section(w, "objects", m.objects);
  section(w, "locks", m.locks);
  section(w, "apis", m.apis);
  section(w, "pointers", m.pointers);
  section(w, "groups", m.groups);
  section(w, "facts", m.facts);
  section(w, "lets", m.lets);
  section(w, "relations", m.relations);
  section(w, "orders", m.orders);
  section(w, "operations", m.operations);
  section(w, "tables", m.tables);
  section(w, "matrices", m.matrices);
  section(w, "topics", m.topics);
  section(w, "versioned", m.versioned);
  w.endObject();
}

} // namespace

std::string emitJson(const Model &model) {
  Writer w;
  writeModel(w, model);
  w.finish();
  return w.take();
}

void emitJson(const Model &model, std::ostream &out) {
  Writer w(&out);
  writeModel(w, model);
  w.finish();
}

} // namespace lockspec
