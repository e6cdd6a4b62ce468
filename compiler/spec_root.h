// Where a spec may read its includes from.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "source_manager.h"

namespace lockspec {

/// The directories a spec's includes must stay in: the root spec's directory, and any
/// further roots the caller names (`-I`).  A spec is text someone else may have written;
/// compiling it must not read the machine's other files, follow a symlink out of the tree,
/// or quote such a file in a diagnostic.
class SpecRoot {
public:
  /// `rootFile` is the root spec's path as given; `extraRoots` are further directories.
  explicit SpecRoot(const std::string &rootFile, const std::vector<std::string> &extraRoots = {});

  /// Resolves `include "path";` seen in `from` at `span`: relative to the including file,
  /// inside a root once symlinks are resolved, not included before, and a regular file of
  /// at most SourceManager::kMaxFileBytes.  Reads it into `sources`, or reports why not.
  std::optional<FileId> include(SourceManager &sources, Diagnostics &diags, FileId from,
                                const std::string &path, Span span);

private:
  /// Whether the canonical `path` lies in one of the roots.
  bool inside(const std::filesystem::path &path) const;

  std::vector<std::filesystem::path> roots_; ///< Canonical.
  std::set<std::string> seen_;               ///< Canonical paths of the files read.
};

/// `path` spelled relative to the current directory when it lies below it (`./a/../b.rules`
/// and `$PWD/b.rules` both become `b.rules`), else as given.  The outputs carry the paths
/// of the files read, so the CLI spells the root spec this way: the same spec gives the same
/// bytes however the command line named it.
std::string spelledFromCurrentDirectory(const std::string &path);

} // namespace lockspec
