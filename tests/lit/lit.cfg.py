# lit configuration for lockspec's FileCheck suites.
import os
import lit.formats

config.name = "lockspec"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".rules"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)

lockspec = lit_config.params.get("lockspec")
llvm_bin = lit_config.params.get("llvm_bin", "/usr/lib/llvm-14/bin")
if not lockspec:
    lit_config.fatal("pass --param lockspec=PATH/TO/lockspec")
config.substitutions.append(("%lockspec", lockspec))
# FileCheck and `not` come from Debian's llvm-14-tools.
config.environment["PATH"] = os.pathsep.join([llvm_bin, config.environment.get("PATH", "")])
