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

} // namespace lockspec
