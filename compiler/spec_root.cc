#include "spec_root.h"

#include <algorithm>
#include <system_error>

namespace lockspec {
namespace fs = std::filesystem;

namespace {

/// `path` made absolute with symlinks and `..` resolved; the part that does not exist is
/// only normalised.
fs::path resolved(const fs::path &path) {
  std::error_code ec;
  fs::path result = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::absolute(path, ec).lexically_normal() : result;
}

/// `path` made absolute and lexically normal, symlinks kept, with no trailing separator.
fs::path lexicalAbsolute(const fs::path &path) {
  std::error_code ec;
  fs::path result = fs::absolute(path, ec).lexically_normal();
  return result.has_filename() || result == result.root_path() ? result : result.parent_path();
}

bool under(const fs::path &root, const fs::path &path) {
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

} // namespace

SpecRoot::SpecRoot(const std::string &rootFile, const std::vector<std::string> &includeDirs)
    : rootFile_(rootFile) {
  auto add = [&](fs::path dir) {
    if (dir.empty())
      dir = ".";
    roots_.push_back({dir, lexicalAbsolute(dir), resolved(dir)});
  };
  add(fs::path(rootFile).parent_path());
  for (const std::string &dir : includeDirs)
    add(dir);
}

bool SpecRoot::inside(const fs::path &path) const {
  return std::any_of(roots_.begin(), roots_.end(),
                     [&](const Root &root) { return under(root.real, path); });
}

std::string SpecRoot::displayName(const fs::path &path) const {
  fs::path lexical = lexicalAbsolute(path);
  for (const Root &root : roots_)
    if (under(root.absolute, lexical))
      return (root.absolute.filename() / lexical.lexically_relative(root.absolute)).string();
  // Reached through a symlink from outside every root's spelling: name it where it lies.
  fs::path real = resolved(lexical);
  for (const Root &root : roots_)
    if (under(root.real, real))
      return (root.absolute.filename() / real.lexically_relative(root.real)).string();
  return lexical.filename().string();
}

std::optional<FileId> SpecRoot::open(SourceManager &sources, std::string *error) {
  seen_.insert(resolved(rootFile_).string());
  return sources.addFile(rootFile_, displayName(rootFile_), error);
}

std::optional<FileId> SpecRoot::include(SourceManager &sources, Diagnostics &diags, FileId from,
                                        const std::string &path, Span span) {
  if (fs::path(path).is_absolute()) {
    diags.error(span, "include path '" + path + "' is absolute; it must be relative to the " +
                          "including file");
    return std::nullopt;
  }
  fs::path target = fs::path(sources.path(from)).parent_path() / path;
  std::error_code ec;
  for (size_t i = 1; i < roots_.size() && !fs::exists(target, ec); ++i)
    if (fs::exists(roots_[i].given / path, ec))
      target = roots_[i].given / path;
  target = target.lexically_normal();
  fs::path real = resolved(target);
  // Checked on the resolved path, so neither `..` nor a symlink leads out; the message names
  // only what the spec wrote, never what lies outside.
  std::string outside = "'" + path + "' is outside the spec's directory" +
                        (roots_.size() > 1 ? " and the include directories" : "");
  if (!inside(real)) {
    diags.error(span, outside);
    return std::nullopt;
  }
  if (!seen_.insert(real.string()).second) {
    diags.error(span, "'" + path + "' is already included");
    return std::nullopt;
  }
  std::string error;
  auto file = sources.addFile(target.string(), displayName(target), &error, [&](int fd) {
    // The file opened, as the kernel names it, is checked again: a symlink swapped in
    // after the check above cannot lead out.
    std::error_code linkError;
    fs::path opened = fs::read_symlink("/proc/self/fd/" + std::to_string(fd), linkError);
    return linkError || inside(opened) ? std::string() : outside;
  });
  if (!file)
    diags.error(span, error);
  return file;
}

} // namespace lockspec
