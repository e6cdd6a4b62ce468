// Helpers for compiler unit tests: compile a spec held in a string.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "driver.h"

namespace lockspec {

/// The outcome of compiling a string: the model (if no error) and the rendered diagnostics.
struct Compiled {
  std::unique_ptr<SourceManager> sources = std::make_unique<SourceManager>();
  std::optional<Model> model;
  std::string diags;
};

inline Compiled compileString(const std::string &text) {
  Compiled c;
  Diagnostics diags(*c.sources);
  c.model = loadSpecFromString("test.rules", text, *c.sources, diags);
  c.diags = diags.renderAll();
  return c;
}

/// A small but complete spec the sema tests extend.
inline const char *kBaseSpec = R"(
object mm_struct { doc "mm"; var mm; }
object vm_area_struct { doc "vma"; var vma; link mm: mm_struct = "vma->vm_mm"; }
lock mmap_lock: rwsem on mm_struct {
  doc "mmap"; source "mmap_lock.h"; path "mm->mmap_lock";
  mode read("R") shared;
  mode downgraded("D") shared implies read from write;
  mode write("W") exclusive implies downgraded;
  acquire mmap_read_lock(@mm) read "take";
  try mmap_read_trylock(@mm) read when true "try";
  release mmap_read_unlock(@mm) read "drop";
  downgrade mmap_write_downgrade(@mm) write -> downgraded "downgrade";
}
lock vma_lock: vma_lock on vm_area_struct {
  doc "vma lock"; source "mmap_lock.h";
  mode read shared;
  mode write exclusive implies read;
  try lock_vma_under_rcu(mm, addr) -> @ read when nonnull fallback mmap_read_lock "try";
}
relation vma_write_needs_mmap_write {
  doc "d"; source "s";
  acquire vma_lock.write requires mmap_lock.write;
}
)";

/// A spec of `blocks` blocks shaped like bench/gen_spec.py's: each an object linked to the
/// previous one, with two guarded fields, an rwsem and a spinlock, a relation, an order tree
/// nested under the previous block's and an operation.
inline std::string chainSpec(size_t blocks) {
  std::string out;
  for (size_t i = 0; i < blocks; ++i) {
    std::string n = std::to_string(i), o = "obj" + n, rw = "rw" + n, sp = "spin" + n;
    out += "object " + o + " { doc \"d\"; var o" + n + ";\n";
    if (i > 0)
      out += "  link parent: obj" + std::to_string(i - 1) + " = \"o" + n + "->parent\";\n";
    out += "  field state { doc \"d\"; source \"s\"; read " + rw + ".read | " + sp + "; write " +
           rw + ".write; }\n";
    out += "  field count { doc \"d\"; source \"s\"; read " + rw + ".read; write " + rw +
           ".read & " + sp + "; }\n}\n";
    out += "lock " + rw + ": rwsem on " + o + " { doc \"d\"; source \"s\"; path \"o" + n +
           "->rw\";\n  mode read shared; mode write exclusive implies read;\n  acquire " + rw +
           "_lock(@o" + n + ") write \"d\"; release " + rw + "_unlock(@o" + n +
           ") write \"d\";\n}\n";
    out += "lock " + sp + ": spinlock on " + o + " { doc \"d\"; source \"s\"; path \"o" + n +
           "->lock\";\n  mode held exclusive; acquire " + sp + "_lock(@o" + n +
           ") held \"d\";\n}\n";
    out += "relation rel" + n + " { doc \"d\"; source \"s\"; acquire " + sp + " requires " + rw +
           ".read; }\n";
    out += "order ord" + n + " { doc \"d\"; source \"s\"; " +
           (i > 0 ? "rw" + std::to_string(i - 1) + " { " + rw + " { " + sp + "; } }"
                  : rw + " { " + sp + "; }") +
           " }\n";
    out += "operation update" + n + " { doc \"d\"; source \"s\"; subject o: " + o +
           ";\n  requires any { exclusive: " + rw + ".write \"w\"; shared: " + rw + ".read & " +
           sp + " \"r\"; };\n  rejects " + rw + ".read \"r\";\n}\n";
  }
  return out;
}

} // namespace lockspec
