"""The real site (docs/ over rules/mm.rules) builds from scratch with -W -n: warnings are
errors and every cross-reference must resolve."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import docs_util


class StrictBuild(unittest.TestCase):
    def test_site_builds_with_warnings_as_errors(self):
        out = tempfile.mkdtemp(prefix="lockspec-site-")
        self.addCleanup(shutil.rmtree, out)
        env = dict(os.environ, LOCKSPEC_PYTHONPATH=docs_util.PYTHONPATH)
        env.setdefault("LOCKSPEC_DOXYGEN_XML", os.path.join(docs_util.BUILD_DIR, "docs", "doxygen", "xml"))
        run = subprocess.run(
            [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-E", "-q", "-b", "html",
             "-d", os.path.join(out, ".doctrees"), os.path.join(docs_util.SOURCE_DIR, "docs"), out],
            env=env, capture_output=True, text=True, timeout=110)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stderr.strip(), "", "a -q build prints only warnings")
        for page in ("index.html", "mm/process_addrs.html", "mm/operations/traverse.html",
                     "mm/topics/pte_table_reclaim.html", "mm/topics/gup_get_vs_pin.html",
                     "mm/topics/mmu_notifiers.html",
                     "mm/topics/three_ways_to_read_page_tables.html", "api.html", "python.html",
                     "language.html", "model-json.html"):
            self.assertTrue(os.path.isfile(os.path.join(out, page)), page)


if __name__ == "__main__":
    unittest.main()
