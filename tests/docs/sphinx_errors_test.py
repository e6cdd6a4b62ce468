"""The extension turns spec problems into located Sphinx warnings, so -W fails at rules/."""
import os
import re
import shutil
import unittest

import docs_util


class SpecErrors(unittest.TestCase):
    def run_site(self, spec_text, *extra):
        tmp, spec = docs_util.scratch_site(spec_text)
        self.addCleanup(shutil.rmtree, tmp)
        return docs_util.sphinx(os.path.join(tmp, "site"), os.path.join(tmp, "out"), spec,
                                extra=extra), tmp

    def test_spec_error_is_a_located_warning_and_fails_the_build(self):
        with open(os.path.join(docs_util.TESTS, "small.rules")) as f:
            text = f.read()
        # Line 3 of the broken spec names a lock that does not exist.
        broken = "// broken\n\nlet bad = no_such_lock.read { doc \"d\"; source \"s\"; }\n" + text
        run, _ = self.run_site(broken)
        self.assertNotEqual(run.returncode, 0, run.stderr)
        self.assertRegex(run.stderr, r"spec\.rules:3: WARNING: lockspec error: .*no_such_lock",
                         run.stderr)

    def test_bad_rst_in_a_doc_body_points_at_the_rule(self):
        with open(os.path.join(docs_util.TESTS, "small.rules")) as f:
            text = f.read()
        text = text.replace('doc "Something the kernel document does not say.";',
                            'doc "An unknown role :nosuchrole:`x` here.";')
        # The message names the doc line itself, not just the topic's declaration.
        line = next(i for i, l in enumerate(text.splitlines(), 1) if ":nosuchrole:" in l)
        self.assertNotEqual(line, next(i for i, l in enumerate(text.splitlines(), 1)
                                       if l.startswith("topic seed")))
        run, _ = self.run_site(text)
        self.assertNotEqual(run.returncode, 0)
        self.assertRegex(run.stderr, r"spec\.rules:%d: ERROR: Unknown interpreted text role"
                         % line, run.stderr)

    def test_parallel_build_and_dependencies(self):
        """parallel_read_safe holds, and a doc edit in the spec re-reads the page it changes."""
        tmp, spec = docs_util.scratch_site()
        self.addCleanup(shutil.rmtree, tmp)
        site, out = os.path.join(tmp, "site"), os.path.join(tmp, "out")
        first = docs_util.sphinx(site, out, spec, extra=("-j", "2"))
        self.assertEqual(first.returncode, 0, first.stderr)
        again = docs_util.sphinx(site, out, spec)
        self.assertNotIn("mm/process_addrs", again.stdout, "nothing changed, nothing re-read")
        with open(spec) as f:
            text = f.read()
        with open(spec, "w") as f:
            f.write(text.replace("This is the *overview*.", "This is the *changed* overview."))
        # Sphinx compares mtimes; make sure the edit is seen as newer.
        os.utime(spec, (os.path.getmtime(spec) + 2,) * 2)
        third = docs_util.sphinx(site, out, spec)
        self.assertEqual(third.returncode, 0, third.stderr)
        self.assertIn("mm/process_addrs", third.stdout)
        # Only the page whose RST changed is read again; the operation page is kept.
        self.assertNotIn("mm/operations/install", third.stdout)
        with open(os.path.join(out, "mm", "process_addrs.html")) as f:
            self.assertIn("<em>changed</em> overview", f.read())


if __name__ == "__main__":
    unittest.main()
