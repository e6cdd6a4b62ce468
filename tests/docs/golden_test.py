"""Golden test: Sphinx's text builder over tests/docs/small.rules.

The goldens pin what a reader sees - headings, the field tables with read and write rules, the
exclusivity list-table, an operation page - after the emitter, the bindings, the extension and
docutils have all had their say.  Regenerate with LOCKSPEC_UPDATE_GOLDEN=1 and review the diff.
"""
import difflib
import os
import shutil
import unittest

import docs_util

PAGES = ["index.txt", "mm/process_addrs.txt", "mm/locks.txt", "mm/objects.txt",
         "mm/operations/install.txt",
         "mm/topics/seed_notes.txt"]


class TextGolden(unittest.TestCase):
    def test_text_output_matches_golden(self):
        tmp, spec = docs_util.scratch_site()
        self.addCleanup(shutil.rmtree, tmp)
        out = os.path.join(tmp, "text")
        run = docs_util.sphinx(os.path.join(tmp, "site"), out, spec, builder="text")
        self.assertEqual(run.returncode, 0, run.stderr)
        for page in PAGES:
            with open(os.path.join(out, page)) as f:
                actual = f.read()
            golden = os.path.join(docs_util.TESTS, "golden", page.replace("/", "__"))
            if os.environ.get("LOCKSPEC_UPDATE_GOLDEN"):
                with open(golden, "w") as f:
                    f.write(actual)
                continue
            with open(golden) as f:
                expected = f.read()
            diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                golden, page))
            self.assertEqual(expected, actual, "text output differs from the golden:\n" + diff)


if __name__ == "__main__":
    unittest.main()
