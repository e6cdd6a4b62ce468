// The `lockspec check` subcommand: options, then load the spec, check files, print, exit status.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace lockspec::check {

class CheckCommand {
public:
  /// Registers `check` on `app`.
  explicit CheckCommand(CLI::App &app);
  bool selected() const;
  /// Exit status: 0 no findings, 1 findings (errors or warnings), 2 usage or I/O errors.
  int run() const;

private:
  CLI::App *command_;
  std::string spec_ = "rules/mm.rules";
  std::string format_ = "text";
  unsigned jobs_ = 0;
  bool noProgress_ = false;
  std::vector<std::string> files_;
};

} // namespace lockspec::check
