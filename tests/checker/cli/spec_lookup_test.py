#!/usr/bin/python3
"""`lockspec check` run as a kernel developer runs it: from a directory outside the source
tree (a kernel checkout), without --spec.  The spec is found beside the binary: in the build
tree, in an install made by `cmake --install`, and not at all for a binary copied alone.

usage: spec_lookup_test.py --lockspec BIN --build-dir DIR
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ARGS = None

# Kernel-style code written for this test: a read lock leaked on the error path, and a VMA
# write lock taken under the mmap read lock (a finding with a note pointing into the spec).
LEAK = """\
static int leak(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	if (mm->map_count == 0)
		return -EINVAL;
	mmap_read_unlock(mm);
	return 0;
}

static void change(struct vm_area_struct *vma)
{
	mmap_read_lock(vma->vm_mm);
	vma_start_write(vma);
	mmap_read_unlock(vma->vm_mm);
}
"""


class SpecLookup(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="lockspec-check-cli-")
        os.makedirs(os.path.join(self.tmp, "kernel", "mm"))
        with open(os.path.join(self.tmp, "kernel", "mm", "leak.c"), "w") as f:
            f.write(LEAK)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def check(self, binary, *args):
        return subprocess.run([binary, "check", "--no-progress", *args, "mm/leak.c"],
                              cwd=os.path.join(self.tmp, "kernel"), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def assertFindsTheLeak(self, proc, rules_dir):
        self.assertEqual(proc.returncode, 1, proc.stderr)
        # The findings' wording is the checker's: only where they are is pinned here.
        self.assertIn("mm/leak.c:5:3: error: ", proc.stdout)
        self.assertIn("mm/leak.c:13:2: error: ", proc.stdout)
        # The spec note points at the rules the binary found, by a path that opens from here.
        spec_notes = [l for l in proc.stdout.splitlines() if ".rules:" in l]
        self.assertTrue(spec_notes, proc.stdout)
        for note in spec_notes:
            self.assertTrue(note.startswith(os.path.realpath(rules_dir) + os.sep), note)
        self.assertNotIn("cannot open", proc.stderr)

    def test_build_tree(self):
        source_rules = os.path.realpath(os.path.join(ARGS.build_dir, "share", "lockspec", "rules"))
        self.assertFindsTheLeak(self.check(ARGS.lockspec), source_rules)

    def test_install(self):
        prefix = os.path.join(self.tmp, "prefix")
        subprocess.run(["cmake", "--install", ARGS.build_dir, "--prefix", prefix],
                       check=True, stdout=subprocess.DEVNULL)
        installed = os.path.join(prefix, "share", "lockspec", "rules")
        self.assertFalse(os.path.islink(installed))
        self.assertFindsTheLeak(self.check(os.path.join(prefix, "bin", "lockspec")), installed)

    def test_binary_alone_names_spec_option(self):
        os.makedirs(os.path.join(self.tmp, "alone", "bin"))
        copy = os.path.join(self.tmp, "alone", "bin", "lockspec")
        shutil.copy(ARGS.lockspec, copy)
        proc = self.check(copy)
        self.assertEqual(proc.returncode, 2)
        looked = os.path.join(os.path.realpath(self.tmp), "alone", "share", "lockspec", "rules",
                              "mm.rules")
        self.assertEqual(proc.stderr, "lockspec: error: no spec installed with this binary "
                         f"(looked for '{looked}'); name one with --spec FILE.rules\n")
        self.assertEqual(proc.stdout, "")
        # With --spec it works again.
        spec = os.path.join(ARGS.build_dir, "share", "lockspec", "rules", "mm.rules")
        self.assertEqual(self.check(copy, "--spec", spec).returncode, 1)

    def test_missing_spec_option_file(self):
        proc = self.check(ARGS.lockspec, "--spec", "rules/mm.rules")
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(proc.stderr, "lockspec: error: cannot open the spec 'rules/mm.rules' "
                         "given by --spec\n")


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--lockspec", required=True)
    p.add_argument("--build-dir", required=True)
    ARGS, rest = p.parse_known_args()
    ARGS.lockspec = os.path.abspath(ARGS.lockspec)
    ARGS.build_dir = os.path.abspath(ARGS.build_dir)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
