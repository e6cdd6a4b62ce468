# lit configuration for the checker corpus: C fixtures whose FileCheck lines pin every
# diagnostic `lockspec check` prints for them.
import os
import lit.formats

config.name = "lockspec-check"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c"]
config.excludes = ["Inputs", "fuzz-seeds"]
config.test_source_root = os.path.dirname(__file__)

lockspec = lit_config.params.get("lockspec")
spec = lit_config.params.get("spec")
llvm_bin = lit_config.params.get("llvm_bin", "/usr/lib/llvm-14/bin")
if not lockspec or not spec:
    lit_config.fatal("pass --param lockspec=PATH/TO/lockspec --param spec=PATH/TO/mm.rules")
# %check runs the checker on the fixture; findings go to stdout, the summary to stderr.
config.substitutions.append(("%check", "%s check --no-progress --spec %s" % (lockspec, spec)))
config.substitutions.append(("%lockspec", lockspec))
config.environment["PATH"] = os.pathsep.join([llvm_bin, config.environment.get("PATH", "")])
