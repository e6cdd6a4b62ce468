// The `lockspec check` subcommand: options, then load the spec, check files, print, exit status.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace lockspec::check {

/// The spec `check` reads when --spec is absent: the one installed with the binary `exe`, at
/// `LOCKSPEC_SPEC_FROM_BINDIR` relative to its directory (`bin/../share/lockspec/rules/mm.rules`
/// in an install; in a build tree that rules/ directory is a link to the source tree's), so
/// the command works from any directory, such as a kernel checkout.  Symlinks resolved;
/// empty when there is no such file.
std::string defaultSpecPath(const std::string &exe);

class CheckCommand {
public:
  /// Registers `check` on `app`.
  explicit CheckCommand(CLI::App &app);
  bool selected() const;
  /// Exit status: 0 no findings, 1 findings (errors or warnings), 2 usage or I/O errors.
  int run() const;

private:
  CLI::App *command_;
  std::string spec_; ///< Empty: the spec installed with the binary (defaultSpecPath()).
  std::string format_ = "text";
  unsigned jobs_ = 0;
  bool noProgress_ = false;
  std::vector<std::string> files_;
};

} // namespace lockspec::check
