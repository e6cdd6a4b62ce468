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

} // namespace

SpecRoot::SpecRoot(const std::string &rootFile, const std::vector<std::string> &extraRoots) {
  fs::path dir = fs::path(rootFile).parent_path();
  roots_.push_back(resolved(dir.empty() ? fs::path(".") : dir));
  seen_.insert(resolved(rootFile).string());
  for (const std::string &root : extraRoots)
    roots_.push_back(resolved(root));
}

bool SpecRoot::inside(const fs::path &path) const {
  for (const fs::path &root : roots_) {
    auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
    if (r == root.end())
      return true;
  }
  return false;
}

std::optional<FileId> SpecRoot::include(SourceManager &sources, Diagnostics &diags, FileId from,
                                        const std::string &path, Span span) {
  if (fs::path(path).is_absolute()) {
    diags.error(span, "include path '" + path + "' is absolute; it must be relative to the " +
                          "including file");
    return std::nullopt;
  }
  fs::path target = (fs::path(sources.name(from)).parent_path() / path).lexically_normal();
  fs::path real = resolved(target);
  // Checked on the resolved path, so neither `..` nor a symlink leads out; the message names
  // only what the spec wrote, never what lies outside.
  if (!inside(real)) {
    diags.error(span, "'" + path + "' is outside the spec's directory");
    return std::nullopt;
  }
  if (!seen_.insert(real.string()).second) {
    diags.error(span, "'" + path + "' is already included");
    return std::nullopt;
  }
  std::string error;
  auto file = sources.addFile(target.string(), &error);
  if (!file)
    diags.error(span, error);
  return file;
}

std::string spelledFromCurrentDirectory(const std::string &path) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec); // Physical: getcwd resolves symlinks.
  if (ec || path.empty())
    return path;
  // The directory resolved the same way, the file name kept: a symlinked spec file keeps
  // its own name.
  fs::path given(path);
  fs::path dir = resolved(given.parent_path().empty() ? fs::path(".") : given.parent_path());
  fs::path rel = (dir / given.filename()).lexically_relative(cwd);
  if (rel.empty() || *rel.begin() == "..")
    return path;
  return rel.string();
}

} // namespace lockspec
