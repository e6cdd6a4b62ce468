#include "json_backend.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <future>
#include <limits>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

#include "partial_word.h"
#include "threads.h"

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

/// Text a writer handed on in pieces mode: its full buffers, in order, each kept as it was.
struct Pieces {
  struct Piece {
    std::unique_ptr<char[]> text;
    size_t size;
  };
  std::vector<Piece> list;
};

/// Writes JSON in the layout of nlohmann's dump(2) that the schema and goldens were first
/// pinned with.  Building an nlohmann tree and destroying it took two thirds of the compile
/// time of rules/mm.rules (bench/run.sh, perf), so the backend streams instead.
///
/// Text goes through a cursor into a fixed buffer of kBufferSize bytes, with a compare and a branch
/// to make room per token; a full buffer is handed to the sink (the stream, or the string
/// being built).  The writer used to append to a std::string token by token: std::string's
/// own checks, the per-character escaping loop and the separate calls for comma, indentation
/// and key were 247M instructions of a 10k-rule compile's 797M; this writer takes 85M
/// (callgrind, bench/gen_spec.py 10000).  The buffer also stays in cache, and a 100k-rule
/// model (224 MB) is never held whole in `--emit` mode.
class Writer {
public:
  /// Text goes to `stream` if given, else accumulates for take().
  explicit Writer(std::ostream *stream = nullptr) : stream_(stream) {}
  /// Writes a run of items of one of the model's arrays into `pieces`, to be append()ed where
  /// the first of them belongs; `first` when it is the array's first item.
  Writer(Pieces *pieces, bool first) : pieces_(pieces), depth_(2), first_(first) {}

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
  /// Hands what is buffered on, in pieces mode: the run of items is complete.
  void finishPiece() { flush(); }
  /// Writes a run of items that a pieces-mode writer wrote, as if written here.
  void append(Pieces pieces) {
    flush();
    for (const Pieces::Piece &p : pieces.list)
      sink(p.text.get(), p.size);
    first_ = false; // A run is never empty.
  }

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
    if (pieces_) {
      // The buffer itself becomes the piece: no copy.
      if (size)
        pieces_->list.push_back({std::move(buf_), size});
      buf_.reset(new char[kBufferSize + kSlack]);
    } else {
      sink(buf_.get(), size);
    }
    cur_ = buf_.get();
    end_ = cur_ + kBufferSize;
  }
  /// Hands `size` bytes at `text` to the stream or the string.
  void sink(const char *text, size_t size) {
    if (stream_) {
      stream_->write(text, static_cast<std::streamsize>(size));
      return;
    }
    // Grow eightfold ahead of need rather than letting append double it: a large spec's
    // model is hundreds of megabytes, and each doubling copies (and faults in) all of it
    // again, while capacity that is never written costs only address space.
    if (text_.capacity() - text_.size() < size)
      text_.reserve(std::max({text_.capacity() * 8, text_.size() + size, size_t(1) << 20}));
    text_.append(text, size);
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
      // The last 1-7 bytes (most names are shorter than 8) as one word too, the rest
      // filled with 'A', which needs no escaping.
      if (size_t left = static_cast<size_t>(end - p); left && left < 8) {
        uint64_t w = loadPartialWord(p, left);
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
  static constexpr size_t kBufferSize = size_t(1) << 16;
  /// Bytes past end_ that fixed-size copies may overwrite (and then not keep).
  static constexpr size_t kSlack = 64;
  /// The longest separator written with one copy: `,\n` and 31 levels of indentation.
  static constexpr size_t kMaxBreak = 64;
  /// An escaped byte's longest form (`\u00XX`) and the input escaped per room check.
  static constexpr size_t kMaxEscape = 6, kPiece = kBufferSize / 8;
  static_assert(kMaxBreak <= kSlack && kMaxBreak + 1 <= sizeof kBreaks);
  static_assert(kMaxEscape * kPiece + 2 <= kBufferSize);

  std::ostream *stream_ = nullptr;
  Pieces *pieces_ = nullptr;
  std::string text_; ///< String mode: what has been handed on so far.
  std::unique_ptr<char[]> buf_{new char[kBufferSize + kSlack]};
  /// Next byte to write; where a chunk is full (the slack follows).
  char *cur_ = buf_.get(), *end_ = buf_.get() + kBufferSize;
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
  w.field("groups", l.groups);
  w.endObject();
}

void writeItem(Writer &w, const Api &a) {
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

/// One of the model's top-level arrays: its key, its length, and how to write item `i`.
struct Section {
  const char *key;
  size_t size;
  void (*item)(Writer &w, const Model &model, size_t i);
};

template <auto Items> Section section(const char *key, const Model &model) {
  return {key, (model.*Items).size(),
          [](Writer &w, const Model &m, size_t i) { writeItem(w, (m.*Items)[i]); }};
}

/// The model's arrays in the schema's order; everything after "files" is one of them.
std::array<Section, 12> sections(const Model &m) {
  return {section<&Model::objects>("objects", m),
          section<&Model::locks>("locks", m),
          section<&Model::apis>("apis", m),
          section<&Model::groups>("groups", m),
          section<&Model::facts>("facts", m),
          section<&Model::lets>("lets", m),
          section<&Model::relations>("relations", m),
          section<&Model::orders>("orders", m),
          section<&Model::operations>("operations", m),
          section<&Model::tables>("tables", m),
          section<&Model::matrices>("matrices", m),
          section<&Model::topics>("topics", m)};
}

/// A run of consecutive items of one section, the unit the two threads share.
struct Chunk {
  size_t section, begin, end;
};
/// Items per chunk.  The largest items (an object with its fields) are a few kilobytes, so a
/// chunk held in memory until its turn stays under a megabyte, while a 100k-rule model still
/// has a thousand chunks to share.
constexpr size_t kChunkItems = 128;
/// Fewer chunks than this are written on one thread (rules/mm.rules has a handful): starting a
/// thread costs more than it saves.
constexpr size_t kParallelMinChunks = 16;

/// A chunk's text and whether it is complete.  Chunks are written out in order; the one this
/// thread reaches may still be in the other thread's hands.
struct Slot {
  Pieces text;
  std::atomic<bool> ready{false};
  bool failed = false; ///< Its writer threw (set before `ready`).
};

/// Writes the model.  With a second thread, each thread takes the next chunk nobody has taken
/// from one counter.  This thread writes straight to `w` whenever the chunk it takes is the
/// next one due, and into a Slot otherwise; the other thread always writes into Slots, which
/// this thread copies out in order.  The text is the one thread's byte for byte: a chunk's
/// writer starts where an item of its array starts (depth 2, after a first item or not).
/// Emitting was a fifth of a 100k-rule compile, on one thread (--time-report).  This thread
/// ends up writing most of its chunks into Slots too (about 580 of its 600 at 100k rules), as
/// the due chunk is nearly always the other thread's; handing the odd chunks to the other
/// thread instead, so that this one wrote straight out, was slower: emit 156 ms against 139
/// (eight alternating runs).
void writeModel(Writer &w, const Model &model, unsigned threads, JsonStats &stats) {
  std::array<Section, 12> all = sections(model);
  std::vector<Chunk> chunks;
  for (size_t s = 0; s < all.size(); ++s)
    for (size_t b = 0; b < all[s].size; b += kChunkItems)
      chunks.push_back({s, b, std::min(all[s].size, b + kChunkItems)});
  size_t n = chunks.size();
  stats.chunks = n;
  std::unique_ptr<Slot[]> slots(new Slot[n]);
  std::atomic<size_t> next{0}; // The first chunk nobody has taken.

  auto writeChunk = [&](Writer &out, size_t k) {
    const Chunk &c = chunks[k];
    for (size_t i = c.begin; i < c.end; ++i)
      all[c.section].item(out, model, i);
  };
  auto writeSlot = [&](size_t k) {
    Slot &slot = slots[k];
    try {
      Writer out(&slot.text, chunks[k].begin == 0);
      writeChunk(out, k);
      out.finishPiece();
    } catch (...) {
      slot.failed = true;
      slot.ready.store(true, std::memory_order_release);
      slot.ready.notify_one();
      throw;
    }
    slot.ready.store(true, std::memory_order_release);
    slot.ready.notify_one();
  };
  std::future<void> other;
  if (useSecondThread(threads, n >= kParallelMinChunks))
    other = std::async(std::launch::async, [&] {
      for (size_t k; (k = next.fetch_add(1)) < n; ++stats.bySecondThread)
        writeSlot(k);
    });

  w.beginObject();
  w.field("schema", "lockspec-model/1");
  w.field("files", model.files);
  size_t k = 0; // The next chunk due.
  for (size_t s = 0; s < all.size(); ++s) {
    w.key(all[s].key).beginArray();
    for (; k < n && chunks[k].section == s; ++k) {
      for (;;) {
        Slot &slot = slots[k];
        if (slot.ready.load(std::memory_order_acquire)) {
          if (slot.failed)
            other.get(); // Rethrows.
          w.append(std::move(slot.text));
          break;
        }
        if (size_t due = k; next.compare_exchange_strong(due, k + 1)) {
          writeChunk(w, k);
          break;
        }
        // The other thread is writing chunk k: take a later one meanwhile, or wait.
        if (size_t later = next.fetch_add(1); later < n) {
          writeSlot(later);
          ++stats.heldByThisThread;
        } else {
          slot.ready.wait(false, std::memory_order_acquire);
        }
      }
    }
    w.endArray();
  }
  w.endObject();
  if (other.valid())
    other.get();
}

} // namespace

std::string emitJson(const Model &model, unsigned threads, JsonStats *stats) {
  Writer w;
  JsonStats unused;
  writeModel(w, model, threads, stats ? *stats : unused);
  w.finish();
  return w.take();
}

void emitJson(const Model &model, std::ostream &out, unsigned threads) {
  Writer w(&out);
  JsonStats unused;
  writeModel(w, model, threads, unused);
  w.finish();
}

} // namespace lockspec
