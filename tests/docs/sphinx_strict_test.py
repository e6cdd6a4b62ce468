"""The real site (docs/ over rules/mm.rules) builds from scratch with -W -n: warnings are
errors and every cross-reference must resolve."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import docs_util


FIXTURE = os.path.join(docs_util.TESTS, "cxx_fixture", "include", "lockspec")


def build_site(out, xml, *extra):
    env = dict(os.environ, LOCKSPEC_PYTHONPATH=docs_util.PYTHONPATH, LOCKSPEC_DOXYGEN_XML=xml)
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-E", "-q", "-b", "html",
         "-d", os.path.join(out, ".doctrees"), *extra, os.path.join(docs_util.SOURCE_DIR, "docs"),
         out], env=env, capture_output=True, text=True, timeout=110)


class StrictBuild(unittest.TestCase):
    def test_site_builds_with_warnings_as_errors(self):
        out = tempfile.mkdtemp(prefix="lockspec-site-")
        self.addCleanup(shutil.rmtree, out)
        xml = os.environ.get("LOCKSPEC_DOXYGEN_XML",
                             os.path.join(docs_util.BUILD_DIR, "docs", "doxygen", "xml"))
        run = build_site(out, xml)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stderr.strip(), "", "a -q build prints only warnings")
        for page in ("index.html", "mm/process_addrs.html", "mm/operations/traverse.html",
                     "mm/topics/pte_table_reclaim.html", "mm/topics/gup_get_vs_pin.html",
                     "mm/topics/mmu_notifiers.html",
                     "mm/topics/three_ways_to_read_page_tables.html", "api.html", "python.html",
                     "language.html", "model-json.html"):
            self.assertTrue(os.path.isfile(os.path.join(out, page)), page)


    def test_api_page_renders_generated_headers_through_breathe(self):
        """Two headers sharing a namespace, with capability macros: what the cxx backend
        writes.  Doxygen runs with the site's Doxyfile; -W -n must still pass."""
        tmp = tempfile.mkdtemp(prefix="lockspec-api-")
        self.addCleanup(shutil.rmtree, tmp)
        with open(os.path.join(docs_util.SOURCE_DIR, "docs", "Doxyfile.in")) as f:
            doxyfile = (f.read().replace("@LOCKSPEC_CXX_INCLUDE@", FIXTURE)
                        .replace("@DOXYGEN_OUT@", tmp)
                        .replace("@PROJECT_SOURCE_DIR@", docs_util.SOURCE_DIR))
        with open(os.path.join(tmp, "Doxyfile"), "w") as f:
            f.write(doxyfile)
        doxygen = subprocess.run(["doxygen", os.path.join(tmp, "Doxyfile")],
                                 capture_output=True, text=True, timeout=60)
        self.assertEqual(doxygen.returncode, 0, doxygen.stderr)
        out = os.path.join(tmp, "html")
        run = build_site(out, os.path.join(tmp, "xml"), "-D", "lockspec_cxx_include=" + FIXTURE)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(os.path.join(out, "api.html")) as f:
            html = f.read()
        for name in ("mm_locks.h", "runtime.h", "mmap_read_lock_fixture", "RwSem", "writeSeq"):
            self.assertIn(name, html)
        self.assertFalse("C++ header is not generated yet" in html)

    def test_api_page_without_headers_says_so(self):
        out = tempfile.mkdtemp(prefix="lockspec-site-")
        self.addCleanup(shutil.rmtree, out)
        empty = os.path.join(out, "no-headers")
        os.makedirs(empty)
        run = build_site(os.path.join(out, "html"), os.path.join(out, "no-xml"),
                         "-D", "lockspec_cxx_include=" + empty)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(os.path.join(out, "html", "api.html")) as f:
            html = f.read()
        self.assertIn("C++ header is not generated yet", html)
        self.assertIn('href="rust/lockspec_mm/index.html"', html)


if __name__ == "__main__":
    unittest.main()
