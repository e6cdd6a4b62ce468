#include "json_backend.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

namespace lockspec {
namespace {

/// Which bytes a JSON string must escape, and how: 0 for "copy as is" (bytes >= 0x80 too: the
/// lexer guarantees strings are UTF-8, which JSON carries verbatim), the letter after the
/// backslash for the short escapes, 'u' for `\u00XX`.  Constant data, built at compile time.
constexpr std::array<char, 256> kEscapes = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 0x20; ++c)
    t[c] = 'u';
  t['\b'] = 'b';
  t['\f'] = 'f';
  t['\n'] = 'n';
  t['\r'] = 'r';
  t['\t'] = 't';
  t['"'] = '"';
  t['\\'] = '\\';
  return t;
}();

/// A comma, a line break and enough spaces for any indentation newline() copies in one piece.
constexpr char kBreaks[] = ",\n                                                                "
                           "                ";

/// Writes JSON in the layout of nlohmann's dump(2) that the schema and goldens were first
/// pinned with.  Building an nlohmann tree and destroying it took two thirds of the compile
/// time of rules/mm.rules (bench/run.sh, perf), so the backend streams instead.
///
/// Text goes through a cursor into a fixed buffer of kChunk bytes, with a compare and a branch
/// to make room per token; a full buffer is handed to the sink (the stream, or the string
/// being built).  The writer used to append to a std::string token by token: std::string's
/// own checks, the per-character escaping loop and the separate calls for comma, indentation
/// and key were 247M instructions of a 10k-rule compile's 797M; this writer takes 85M
/// (callgrind, bench/gen_spec.py 10000).  The buffer also stays in cache, and a 100k-rule
/// model (224 MB) is never held whole in `--emit` mode.
class Writer {
public:
  /// Text goes to `stream` if given, else accumulates for take().
  explicit Writer(std::ostream *stream = nullptr)
      : stream_(stream), buf_(new char[kChunk + kSlack]), cur_(buf_.get()),
        end_(buf_.get() + kChunk) {}

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
    room(4);
    std::memcpy(cur_, "null", 4);
    cur_ += 4;
  }

  /// `"name": value`.  Inlined, as member() is, so that each call site copies its key with a
  /// few moves of known length and writes the value without asking whether a key preceded.
  template <typename T> [[gnu::always_inline]] void field(std::string_view name, const T &v) {
    member(name);
    put(v);
  }

  /// Ends the document with a line break and hands what is buffered on.
  void finish() {
    room(1);
    *cur_++ = '\n';
    flush();
  }
  /// The text written, in string mode (after finish()).
  std::string take() { return std::move(text_); }

private:
  /// Makes sure `n` more bytes fit before end_ (and so kSlack more before the buffer's real
  /// end, for the fixed-size copies), handing the buffer on when they do not.  Every
  /// primitive below makes room for itself.
  void room(size_t n) {
    if (static_cast<size_t>(end_ - cur_) < n) [[unlikely]]
      flush();
  }
  void flush() {
    size_t size = static_cast<size_t>(cur_ - buf_.get());
    if (stream_) {
      stream_->write(buf_.get(), static_cast<std::streamsize>(size));
    } else {
      // Grow eightfold ahead of need rather than letting append double it: a large spec's
      // model is hundreds of megabytes, and each doubling copies (and faults in) all of it
      // again, while capacity that is never written costs only address space.
      if (text_.capacity() - text_.size() < size)
        text_.reserve(std::max({text_.capacity() * 8, text_.size() + size, size_t(1) << 20}));
      text_.append(buf_.get(), size);
    }
    cur_ = buf_.get();
  }

  /// Separator and `"name": `.  `name` is one of the schema's member names, which never need
  /// escaping.  Keys are a third of the tokens: inlining this, so that the name's length is a
  /// constant and its memcpy a few moves rather than a call, saved about 7M of 125M
  /// instructions.
  [[gnu::always_inline]] void member(std::string_view name) {
    // A member never follows a key, and objects are never top level: no separate().
    newline(!first_);
    first_ = false;
    room(name.size() + 4);
    // Through a local: cur_ is reloaded after every store through a char pointer otherwise.
    char *out = cur_;
    out[0] = '"';
    std::memcpy(out + 1, name.data(), name.size());
    std::memcpy(out + 1 + name.size(), "\": ", 3);
    cur_ = out + name.size() + 4;
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
  [[gnu::always_inline]] void newline(bool comma) {
    size_t skip = comma ? 0 : 1, length = 2 - skip + depth_ * 2;
    room(kMaxBreak);
    // Copy a fixed number of bytes (inline moves, no call) and keep what is needed.  Most
    // lines fit in 32 bytes, half the moves of 64.
    if (length <= kMaxBreak / 2) {
      std::memcpy(cur_, kBreaks + skip, kMaxBreak / 2);
      cur_ += length;
    } else if (length <= kMaxBreak) {
      std::memcpy(cur_, kBreaks + skip, kMaxBreak);
      cur_ += length;
    } else {
      deepNewline(skip);
    }
  }
  /// Deeper than 31 levels (no model so far): written out in pieces.
  [[gnu::noinline]] void deepNewline(size_t skip) {
    std::memcpy(cur_, kBreaks + skip, 2 - skip);
    cur_ += 2 - skip;
    for (size_t left = depth_ * 2; left;) {
      room(kMaxBreak);
      size_t n = std::min(left, kMaxBreak);
      std::memset(cur_, ' ', n);
      cur_ += n;
      left -= n;
    }
  }
  void open(char c) {
    separate();
    push(c);
  }
  /// Opens a container without a separator (the caller wrote it).
  void push(char c) {
    room(1);
    *cur_++ = c;
    ++depth_;
    first_ = true;
  }
  void close(char c) {
    --depth_;
    if (!first_)
      newline(false);
    room(1);
    *cur_++ = c;
    first_ = false; // The enclosing container now holds this one.
  }

  // Values without separator.
  void put(std::string_view text) { string(text); }
  void put(const std::string &text) { string(text); }
  void put(const char *text) { string(text); }
  void put(bool b) {
    room(8);
    std::memcpy(cur_, b ? "true    " : "false   ", 8); // Fixed size: no call to memcpy.
    cur_ += b ? 4 : 5;
  }
  void put(unsigned n) {
    room(std::numeric_limits<unsigned>::digits10 + 1);
    cur_ = std::to_chars(cur_, end_, n).ptr;
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

  /// `"text"`, escaped.  A long string is escaped in pieces that fit the buffer.
  void string(std::string_view text) {
    const char *p = text.data(), *end = p + text.size();
    room(2 + kMaxEscape * std::min(text.size(), kPiece));
    char *out = cur_;
    *out++ = '"';
    while (static_cast<size_t>(end - p) > kPiece) {
      cur_ = escape(p, p + kPiece, out);
      p += kPiece;
      room(1 + kMaxEscape * std::min(static_cast<size_t>(end - p), kPiece));
      out = cur_;
    }
    out = escape(p, end, out);
    *out++ = '"';
    cur_ = out;
  }

  static constexpr uint64_t kOnes = 0x0101010101010101;
  /// The high bit of each byte of `w` that is < 0x20, '"' or '\\', and maybe of bytes above
  /// one (borrows only reach higher bytes): the lowest set bit marks the first byte to escape.
  /// Bytes >= 0x80 are never marked (`& ~x`).
  static uint64_t escapes(uint64_t w) {
    uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
    return (((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) |
            ((backslash - kOnes) & ~backslash)) &
           (kOnes * 0x80);
  }

  /// Copies [p, end) escaped to `out` and returns the end; the caller has made room for
  /// kMaxEscape bytes per byte.  A local cursor rather than cur_: every store through a char
  /// pointer may alias the writer, so the loop reloaded cur_ after each.
  static char *escape(const char *p, const char *end, char *out) {
    if constexpr (std::endian::native == std::endian::little) {
      // Eight bytes at a time: copy them, then look for a byte to escape with word
      // arithmetic; most strings have none, and the byte loop below was the backend's
      // hottest code.
      while (end - p >= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        std::memcpy(out, &w, 8);
        uint64_t hits = escapes(w);
        if (!hits) {
          p += 8;
          out += 8;
          continue;
        }
        size_t clean = static_cast<size_t>(std::countr_zero(hits)) / 8;
        out += clean;
        p += clean;
        out = escapeByte(static_cast<unsigned char>(*p++), out);
      }
      // The last 1-7 bytes (most names are shorter than 8) as one word too, loaded in
      // pieces of 4, 2 and 1 so as not to read past the string, the rest filled with 'A',
      // which needs no escaping.  A byte at a time they cost 10M instructions at 10k rules.
      if (size_t left = static_cast<size_t>(end - p); left && left < 8) {
        uint64_t w = 0;
        size_t at = 0;
        if (left & 4) {
          uint32_t x;
          std::memcpy(&x, p, 4);
          w = x;
          at = 4;
        }
        if (left & 2) {
          uint16_t x;
          std::memcpy(&x, p + at, 2);
          w |= uint64_t(x) << (8 * at);
          at += 2;
        }
        if (left & 1)
          w |= uint64_t(static_cast<unsigned char>(p[at])) << (8 * at);
        w |= (kOnes * 'A') << (8 * left);
        if (!escapes(w)) {
          std::memcpy(out, &w, 8); // What is past `left` lands in room or slack.
          return out + left;
        }
      }
    }
    for (; p < end; ++p) {
      unsigned char c = static_cast<unsigned char>(*p);
      if (kEscapes[c])
        out = escapeByte(c, out);
      else
        *out++ = static_cast<char>(c);
    }
    return out;
  }
  /// Writes `c`'s escape at `out`; returns the end.
  static char *escapeByte(unsigned char c, char *out) {
    static constexpr char kHex[] = "0123456789abcdef";
    char e = kEscapes[c];
    out[0] = '\\';
    if (e != 'u') {
      out[1] = e;
      return out + 2;
    }
    std::memcpy(out + 1, "u00", 3);
    out[4] = kHex[c >> 4];
    out[5] = kHex[c & 15];
    return out + 6;
  }

  /// Buffer handed on at a time: fits in L2, and large enough that the stream's per-write
  /// overhead does not count.
  static constexpr size_t kChunk = size_t(1) << 16;
  /// Bytes past end_ that fixed-size copies may overwrite (and then not keep).
  static constexpr size_t kSlack = 64;
  /// The longest separator written with one copy: `,\n` and 31 levels of indentation.
  static constexpr size_t kMaxBreak = 64;
  /// An escaped byte's longest form (`\u00XX`) and the input escaped per room check.
  static constexpr size_t kMaxEscape = 6, kPiece = kChunk / 8;
  static_assert(kMaxBreak <= kSlack && kMaxBreak + 1 <= sizeof kBreaks);
  static_assert(kMaxEscape * kPiece + 2 <= kChunk);

  std::ostream *stream_;
  std::string text_; ///< String mode: what has been handed on so far.
  std::unique_ptr<char[]> buf_;
  char *cur_, *end_; ///< Next byte to write; where a chunk is full (the slack follows).
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

void requirement(Writer &w, const Requirement &r) {
  w.beginObject();
  w.field("text", r.text);
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
  w.finish();
  return w.take();
}

void emitJson(const Model &model, std::ostream &out) {
  Writer w(&out);
  writeModel(w, model);
  w.finish();
}

} // namespace lockspec
