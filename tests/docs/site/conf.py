# A minimal site over one spec, for the docs tests: the extension alone, no Breathe.
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ["LOCKSPEC_EXT_DIR"])
sys.path.insert(0, os.environ["LOCKSPEC_PYTHONPATH"])

project = "lockspec-test"
extensions = ["sphinx.ext.graphviz", "lockspec_sphinx"]
lockspec_spec = os.environ["LOCKSPEC_SPEC"]
lockspec_root = os.path.dirname(lockspec_spec)
lockspec_generated_root = "mm"
root_doc = "index"
highlight_language = "none"
nitpicky = True
