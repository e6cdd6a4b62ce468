// The rst backend's account of kernel versions: which kernel a versioned operation follows,
// which of its functions belong to one kernel only, and the page listing every rule of one
// kernel (Model::versioned, filled by the kernel filter).
#include "rst_impl.h"

#include <algorithm>

namespace lockspec::rst {

namespace {

std::string kernelTitle(const std::string &id) {
  const Kernel *k = findKernel(id);
  return k ? std::string(k->title) : id;
}

/// `operations.rules:63`: the file's name only, so a page reads the same whichever path the
/// compiler was given.
std::string declaredAt(const VersionedRule &v) {
  return literal(v.file.substr(v.file.find_last_of('/') + 1) + ":" + std::to_string(v.line));
}

} // namespace

void kernelNote(const Model &m, Writer &w, const Operation &op, const std::string &toRoot) {
  const VersionedRule *mine = nullptr;
  std::vector<std::string> others;
  for (const VersionedRule &v : m.versioned)
    if (v.kind == "operation" && v.name == op.name) {
      if (v.kept)
        mine = &v;
      else
        others.push_back(kernelTitle(v.kernel) + " (" + declaredAt(v) + ")");
    }
  if (!mine)
    return;
  std::string text = "**Kernel:** this rule follows " + kernelTitle(mine->kernel) + ".";
  if (!others.empty())
    text += "  It differs in " + join(others, ", ") + ".";
  w.admonition("note", text + "  See :doc:`" + toRoot + kVersionsPage + "`.", op.pos);
}

void kernelFunctions(const Model &m, Writer &w, const Operation &op) {
  if (op.apis.empty())
    return;
  std::vector<std::string> fns, absent;
  for (const std::string &a : op.apis)
    fns.push_back(func(a));
  for (const VersionedRule &v : m.versioned)
    if (v.kind == "operation api" && v.name.starts_with(op.name + ".")) {
      std::string fn = v.name.substr(op.name.size() + 1);
      if (v.kept)
        std::replace(fns.begin(), fns.end(), func(fn),
                     func(fn) + " (" + kernelTitle(v.kernel) + " only)");
      else
        absent.push_back(literal(fn) + " (" + kernelTitle(v.kernel) + ")");
    }
  w.paragraph("**Kernel functions:** " + join(fns, ", ") + ".", op.pos);
  if (!absent.empty())
    w.paragraph("**In other kernels:** " + join(absent, ", ") + ".", op.pos);
}

RstPage versionsPage(const Model &m, const SourcePos &top, const Topic *deltas) {
  RstPage page;
  page.name = kVersionsPage;
  page.title = "Kernel versions";
  Writer w(page);
  w.heading(page.title, kTitle, top);
  std::string kernels;
  for (const Kernel &k : kKernels)
    kernels += std::string(kernels.empty() ? "" : ", ") + literal(std::string(k.id)) + " (" +
               std::string(k.title) + ")";
  w.paragraph("These pages follow **" + kernelTitle(m.kernel) + "**.  The spec covers the kernels " +
                  kernels +
                  "; a rule, API function or field rule marked ``kernel \"ID\"`` holds for that "
                  "kernel only, and ``lockspec compile --kernel ID`` compiles the spec for another "
                  "one.",
              top);
  if (deltas)
    w.paragraph("What differs between them, and why, is summarised in :doc:`" + deltas->name +
                    "`.",
                top);
  if (m.versioned.empty()) {
    w.paragraph("Every rule of this spec holds for every kernel it covers.", top);
    return page;
  }
  std::vector<TableRowText> rows;
  for (const VersionedRule &v : m.versioned) {
    std::string name = v.kind == "operation" && v.kept ? ":doc:`../" + operationPage(v.name) + "`"
                                                       : literal(v.name);
    rows.push_back({{cell(v.kind), name, cell(kernelTitle(v.kernel)), v.kept ? "yes" : "no",
                     declaredAt(v)},
                    top});
  }
  simpleTable(w, "Rules of one kernel only",
              {"Kind", "Rule", "Holds for", "In these pages", "Declared at"}, rows, 40, top);
  return page;
}

} // namespace lockspec::rst
