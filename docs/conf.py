# Sphinx configuration of the lockspec site.  The pages under mm/ are generated from rules/
# by the compiler's rst emitter, through the lockspec bindings (see _ext/lockspec_sphinx.py).
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "_ext"))
# The bindings: the build passes LOCKSPEC_PYTHONPATH; a plain sphinx-build from the source
# tree finds them in build/python.
sys.path.insert(0, os.environ.get("LOCKSPEC_PYTHONPATH", os.path.join(HERE, "..", "build", "python")))

project = "lockspec"
copyright = "the lockspec authors; kernel facts restated from the Linux kernel documentation"
author = "lockspec"

extensions = ["sphinx.ext.graphviz", "breathe", "lockspec_sphinx"]

lockspec_spec = os.environ.get("LOCKSPEC_SPEC", "../rules/mm.rules")
lockspec_root = ".."
lockspec_generated_root = "mm"
lockspec_cxx_include = "../generated/include/lockspec"

root_doc = "index"
exclude_patterns = ["_build"]
primary_domain = "c"
highlight_language = "none"
graphviz_output_format = "svg"
html_theme = "alabaster"
html_theme_options = {"page_width": "1200px", "body_max_width": "none"}
html_static_path = []

breathe_projects = {"lockspec": os.environ.get("LOCKSPEC_DOXYGEN_XML",
                                               os.path.join(HERE, "..", "build", "docs", "doxygen", "xml"))}
breathe_default_project = "lockspec"
breathe_domain_by_extension = {"h": "cpp"}

nitpicky = True
# Breathe's known false alarms under -n (toolchain-probe §2): file labels of doxygenfile and
# the namespace, which is never rendered as an entity of its own.
nitpick_ignore_regex = [("std:ref", r".*_8h(pp)?"), ("cpp:identifier", r"lockspec(::.*)?")]
