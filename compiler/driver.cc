#include "driver.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "cxx_backend.h"
#include "json_backend.h"
#include "kernel_filter.h"
#include "names.h"
#include "parser.h"
#include "rst_backend.h"
#include "rust_backend.h"
#include "sema.h"
#include "sema_checks.h"
#include "spec_root.h"

namespace lockspec {
namespace fs = std::filesystem;

namespace {

std::optional<Model> analyzeFrom(FileId root, SpecRoot &specRoot, SourceManager &sources,
                                 Diagnostics &diags, const LoadOptions &options = {}) {
  auto resolve = [&](FileId from, const std::string &path, Span span) {
    return specRoot.include(sources, diags, from, path, span);
  };
  Parser parser(sources, diags, resolve);
  ast::Spec spec;
  {
    TimeReport::Scope timing(options.timeReport, "parse");
    parser.parseFile(root, spec);
  }
  checkNames(spec, diags);
  if (diags.hadErrors())
    return std::nullopt; // Sema on a broken tree would only cascade.
  std::vector<VersionedRule> versioned = filterForKernel(spec, options.kernel, sources, diags);
  if (diags.hadErrors())
    return std::nullopt;
  TimeReport::Scope timing(options.timeReport, "sema");
  auto model = analyze(spec, sources, diags, {.timeReport = options.timeReport});
  if (model)
    crossCheck(*model, sources, diags);
  if (!model || diags.hadErrors())
    return std::nullopt;
  model->kernel = std::string(options.kernel);
  model->versioned = std::move(versioned);
  return model;
}

std::vector<OutputFile> emitJsonFile(const Model &model) {
  // Not `return {{...}}`: an initializer list is copied from, and the model of a large spec
  // is hundreds of megabytes.
  std::vector<OutputFile> out;
  out.push_back({"model.json", emitJson(model)});
  return out;
}

} // namespace

std::optional<Model> loadSpec(const std::string &path, SourceManager &sources, Diagnostics &diags,
                              LoadOptions options) {
  SpecRoot specRoot(path, options.includeDirs);
  std::string error;
  auto root = specRoot.open(sources, &error);
  if (!root) {
    diags.error(error);
    return std::nullopt;
  }
  return analyzeFrom(*root, specRoot, sources, diags, options);
}

std::optional<Model> loadSpecFromString(const std::string &name, const std::string &text,
                                        SourceManager &sources, Diagnostics &diags) {
  SpecRoot specRoot(name);
  return analyzeFrom(sources.addBuffer(name, text), specRoot, sources, diags);
}

const std::vector<Backend> &backends() {
  static const std::vector<Backend> table = {
      {"json", emitJsonFile, emitJson},
      {"rst", emitRst},
      {"cxx", emitCxx},
      {"rust", emitRust},
  };
  return table;
}

std::optional<std::vector<OutputFile>>
runBackends(const Model &model, const std::vector<std::string> &only, std::string *error) {
  for (const std::string &name : only) {
    bool known = false;
    for (const Backend &b : backends())
      known = known || name == b.name;
    if (!known) {
      *error = "unknown backend '" + name + "'";
      return std::nullopt;
    }
  }
  std::vector<OutputFile> outputs;
  for (const Backend &b : backends()) {
    if (!only.empty() && std::find(only.begin(), only.end(), b.name) == only.end())
      continue;
    for (OutputFile &f : b.emit(model))
      outputs.push_back(std::move(f));
  }
  return outputs;
}

static bool safeName(const std::string &name) {
  fs::path p(name);
  if (name.empty() || p.is_absolute())
    return false;
  for (const auto &part : p)
    if (part == "..")
      return false;
  return true;
}

static std::optional<std::string> readFile(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

/// The leftover half of writeOutputs: files in the outputs' own directories that no output names.
void removeLeftovers(const std::string &dir, const std::vector<OutputFile> &outputs, bool checkOnly,
                     WriteReport &report) {
  std::set<fs::path> named, dirs;
  for (const OutputFile &f : outputs) {
    fs::path path = (fs::path(dir) / f.name).lexically_normal();
    named.insert(path);
    dirs.insert(path.parent_path());
  }
  for (const fs::path &d : dirs) {
    std::error_code ec;
    std::vector<fs::path> found;
    for (fs::directory_iterator it(d, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file() && !named.count(it->path().lexically_normal()))
        found.push_back(it->path());
    std::sort(found.begin(), found.end()); // directory order is the file system's
    for (const fs::path &p : found) {
      report.leftover.push_back(p.string());
      if (!checkOnly && !fs::remove(p, ec))
        report.errors.push_back("cannot remove '" + p.string() + "': " + ec.message());
    }
  }
}

} // namespace

WriteReport writeOutputs(const std::string &dir, const std::vector<OutputFile> &outputs,
                         bool checkOnly, bool complete) {
  WriteReport report;
  for (const OutputFile &f : outputs)
    if (!safeName(f.name))
      report.errors.push_back("output name '" + f.name + "' escapes the output directory");
  if (!report.errors.empty())
    return report;
  for (const OutputFile &f : outputs) {
    fs::path path = fs::path(dir) / f.name;
    if (readFile(path) == f.contents)
      continue;
    report.changed.push_back(path.string());
    if (checkOnly)
      continue;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    // Write beside the target and rename, so an interrupted run never leaves half a file.
    fs::path tmp = path;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary);
      out << f.contents;
      if (!out) {
        report.errors.push_back("cannot write '" + tmp.string() + "'");
        continue;
      }
    }
    fs::rename(tmp, path, ec);
    if (ec)
      report.errors.push_back("cannot write '" + path.string() + "': " + ec.message());
  }
  if (complete)
    removeLeftovers(dir, outputs, checkOnly, report);
  return report;
}

std::string depfile(const std::string &dir, const std::vector<OutputFile> &outputs,
                    const SourceManager &sources) {
  auto escape = [](const std::string &s) {
    std::string out;
    for (char c : s) {
      if (c == ' ' || c == '#')
        out += '\\';
      if (c == '$')
        out += '$';
      out += c;
    }
    return out;
  };
  std::string text;
  for (const OutputFile &f : outputs) {
    text += escape((fs::path(dir) / f.name).string()) + ":";
    for (FileId file = 0; file < sources.size(); ++file)
      text += " " + escape(sources.path(file));
    text += "\n";
  }
  return text;
}

} // namespace lockspec
