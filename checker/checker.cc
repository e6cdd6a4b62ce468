#include "checker.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>

#include "c_expr.h"
#include "preprocess.h"
#include "program.h"

namespace lockspec::check {

const std::vector<RuleInfo> &rules() {
  static const std::vector<RuleInfo> kRules = {
      {"missing-lock",
       "an operation, field write or lock acquisition without the locks the spec requires"},
      {"wrong-mode", "a lock held, released, downgraded or asserted in the wrong mode"},
      {"order-inversion", "a lock taken while a lock the spec orders after it is held"},
      {"forbidden-nesting", "a lock taken while holding a lock the spec forbids under it"},
      {"held-forbidden", "an operation called while holding a lock it must run without"},
      {"double-acquire", "a non-recursive lock taken while already held"},
      {"unlock-not-held", "a release or downgrade of a lock that is not held"},
      {"held-at-return", "a lock still held when the function returns"},
      {"caller-held", "a release of a lock the function has not taken, assumed held by its caller"},
      {"assumed-fact", "a call allowed only by a condition the checker cannot see"},
      {"parse-error", "code that does not parse; the function is skipped"},
  };
  return kRules;
}

Checker::Checker(const Model &model, const SourceManager &specSources)
    : index_(model, specSources) {}

namespace {

/// structParameters() below `node`, in pre-order (source order).
void collectStructParameters(ts::Node node, std::vector<StructParam> &out, int depth) {
  if (depth > 32)
    return;
  if (std::string_view(node.type()) == "parameter_declaration") {
    ts::Node type = node.child("type"), declarator = node.child("declarator");
    if (std::string_view(type.type()) == "struct_specifier" && !declarator.isNull()) {
      ts::Node name = type.child("name");
      if (std::string_view(name.type()) == "type_identifier")
        out.push_back({name.text(), declarator});
    }
  }
  for (const ts::Node &c : node.namedChildren())
    collectStructParameters(c, out, depth + 1);
}

} // namespace

std::vector<StructParam> structParameters(ts::Node declarator) {
  std::vector<StructParam> out;
  // Only a declarator that says "struct" can declare one.
  if (declarator.text().find("struct") != std::string_view::npos)
    collectStructParameters(declarator, out, 0);
  return out;
}

namespace {

/// Function definitions at file level, also inside preprocessor conditionals and `extern "C"`.
void collectFunctions(ts::Node node, std::vector<ts::Node> &out, int depth = 0) {
  for (const ts::Node &c : node.namedChildren()) {
    std::string_view t = c.type();
    if (t == "function_definition")
      out.push_back(c);
    else if (depth < 32 && (t.rfind("preproc_", 0) == 0 || t == "linkage_specification" ||
                            t == "declaration_list"))
      collectFunctions(c, out, depth + 1);
  }
}

/// The declared name of a function definition (through pointer declarators), or a null node.
ts::Node functionName(ts::Node fn) {
  ts::Node d = fn.child("declarator");
  for (int guard = 0; guard < 8 && !d.isNull(); ++guard) {
    std::string_view t = d.type();
    if (t == "identifier")
      return d;
    if (t != "function_declarator" && t != "pointer_declarator" &&
        t != "parenthesized_declarator" && t != "attributed_declarator")
      return {};
    d = d.child("declarator");
  }
  return {};
}

/// The parameter names of a function definition, in order.
std::vector<std::string> parameterNames(ts::Node fn) {
  std::vector<std::string> out;
  ts::Node d = fn.child("declarator");
  for (int guard = 0; guard < 8 && !d.isNull(); ++guard) {
    if (std::string_view(d.type()) == "function_declarator")
      break;
    d = d.child("declarator");
  }
  if (d.isNull())
    return out;
  for (const ts::Node &p : d.child("parameters").namedChildren()) {
    ts::Node id = p.child("declarator");
    for (int guard = 0; guard < 16 && !id.isNull() && std::string_view(id.type()) != "identifier";
         ++guard) {
      ts::Node next = id.child("declarator");
      id = next.isNull() ? id.namedChild(0) : next;
    }
    out.push_back(id.isNull() ? "" : std::string(id.text()));
  }
  return out;
}

} // namespace

ParsedFile parseFile(ts::Parser &parser, std::string text) {
  std::vector<size_t> definers;
  std::vector<LockAnnotation> annotations;
  preprocess(text, MacroHints::kernel(), &definers, &annotations);
  ParsedFile pf{parser.parse(std::move(text)), {}, {}, {}};
  std::vector<Finding> &out = pf.findings;
  FunctionStats &stats = pf.stats;
  const ts::Tree &tree = pf.tree;
  ts::Node root = tree.root();
  std::vector<ts::Node> functions;
  collectFunctions(root, functions);
  std::vector<std::pair<uint32_t, uint32_t>> analysed;
  for (const ts::Node &fn : functions) {
    ts::Node name = functionName(fn);
    analysed.push_back({fn.begin(), fn.end()});
    if (name.isNull())
      continue;
    ++stats.defined;
    if (fn.hasError()) {
      stats.skipped.push_back({std::string(name.text()), fn.begin(), "does not parse"});
      ts::Node e = fn.firstError();
      Finding f;
      f.rule = "parse-error";
      f.diag.severity = Severity::Note;
      f.diag.hasSpan = true;
      f.diag.span = {kCheckedFile, e.begin(), std::max(e.end(), e.begin() + 1)};
      f.diag.message = "function '" + std::string(name.text()) +
                       "' is not checked: it does not parse here (macros the checker cannot "
                       "expand?)";
      out.push_back(std::move(f));
      continue;
    }
    ++stats.analysed;
    FunctionDef def{std::string(name.text()), fn, structParameters(fn.child("declarator")),
                    parameterNames(fn)};
    // Rewritten from SYSCALL_DEFINEn: a root of the call graph.
    def.syscall = std::binary_search(definers.begin(), definers.end(), size_t(fn.begin()));
    def.isStatic =
        fn.text().substr(0, name.begin() - fn.begin()).find("static") != std::string_view::npos;
    uint32_t body = fn.child("body").begin();
    for (const LockAnnotation &a : annotations)
      if (a.offset >= name.end() && a.offset < body)
        def.annotations.push_back(a);
    pf.functions.push_back(std::move(def));
  }
  // Errors outside every function definition: one note for the file.  A function they hide
  // from collectFunctions is not checked either.
  bool reported = false;
  for (const ts::Node &top : root.children()) {
    if (!top.hasError() && !top.isMissing())
      continue;
    bool inside = std::any_of(analysed.begin(), analysed.end(), [&](const auto &r) {
      return top.begin() >= r.first && top.end() <= r.second;
    });
    if (inside)
      continue;
    // Definitions swallowed by the error: kernel style opens a function body in column 0.
    std::string_view region = top.text();
    for (size_t at = region.find("\n{"); at != std::string_view::npos;
         at = region.find("\n{", at + 2)) {
      uint32_t brace = top.begin() + static_cast<uint32_t>(at + 1);
      if (std::any_of(analysed.begin(), analysed.end(),
                      [&](const auto &r) { return brace >= r.first && brace < r.second; }))
        continue; // a definition already counted
      ++stats.defined;
      stats.skipped.push_back({"?", brace, "inside code that does not parse"});
    }
    if (reported)
      continue;
    reported = true;
    ts::Node e = top.firstError();
    if (e.isNull())
      e = top;
    Finding f;
    f.rule = "parse-error";
    f.diag.severity = Severity::Note;
    f.diag.hasSpan = true;
    uint32_t size = static_cast<uint32_t>(tree.source().size());
    uint32_t begin = std::min(e.begin(), size);
    f.diag.span = {kCheckedFile, begin, std::min(std::max(e.end(), begin + 1), size)};
    f.diag.message = "code that does not parse here is not checked";
    out.push_back(std::move(f));
  }
  return pf;
}

std::vector<Finding> FileChecker::check(std::string text) {
  std::vector<ProgramFile> files(1);
  files[0].name = "<input>";
  files[0].parsed = parseFile(parser_, std::move(text));
  checkProgram(checker_, files, 1);
  functions_ = files[0].parsed.stats;
  return std::move(files[0].parsed.findings);
}

} // namespace lockspec::check
