// Where a spec may read its includes from, and the names its files go by in the outputs.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "source_manager.h"

namespace lockspec {

/// The directories a spec's includes must stay in: the root spec's directory, and the
/// include directories the caller names (`-I`).  A spec is text someone else may have
/// written; compiling it must not read the machine's other files, follow a symlink out of
/// the tree, or quote such a file in a diagnostic.
///
/// A file is named in the outputs by its path from the parent of the root directory it lies
/// in (`rules/objects.rules`), so the outputs are the same bytes whatever the current
/// directory and however the command line spelled the spec.
class SpecRoot {
public:
  /// `rootFile` is the root spec's path as given; `includeDirs` are further roots, searched
  /// in order for an include not found beside the including file.
  explicit SpecRoot(const std::string &rootFile, const std::vector<std::string> &includeDirs = {});

  /// Reads the root spec file into `sources`.
  std::optional<FileId> open(SourceManager &sources, std::string *error);

  /// Resolves `include "path";` seen in `from` at `span`: beside the including file, else
  /// under the first include directory that has it; inside a root once symlinks are
  /// resolved, not included before, and a regular file of at most
  /// SourceManager::kMaxFileBytes.  Reads it into `sources`, or reports why not.
  std::optional<FileId> include(SourceManager &sources, Diagnostics &diags, FileId from,
                                const std::string &path, Span span);

  /// The outputs' name of the file at `path` (made absolute without resolving symlinks).
  std::string displayName(const std::filesystem::path &path) const;

private:
  struct Root {
    std::filesystem::path given;    ///< As the caller spelled it, for the paths we open.
    std::filesystem::path absolute; ///< Lexically normal, for display names.
    std::filesystem::path real;     ///< Canonical, for confinement.
  };
  /// Whether the canonical `path` lies in one of the roots.
  bool inside(const std::filesystem::path &path) const;

  std::string rootFile_;
  std::vector<Root> roots_;    ///< roots_[0]: the root spec's directory.
  std::set<std::string> seen_; ///< Canonical paths of the files read.
};

} // namespace lockspec
