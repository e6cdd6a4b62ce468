#!/usr/bin/python3
"""Tests of mutate.py: the mutants of fixture.c, exact text, and their classification.

usage: mutate_test.py --lockspec BIN [--repo DIR]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mutate  # noqa: E402

ARGS = None


def _finding(rule, line, message="m", severity="error", notes=()):
    return {"rule": rule, "severity": severity, "file": "x/fixture.c", "line": line,
            "column": 2, "message": message, "notes": list(notes)}


class Classification(unittest.TestCase):
    """classify() on findings given by hand: no checker involved."""

    M = mutate.Mutant("fixture.c", "f", "remove-release", "", "", 10, 20)

    def test_new_finding_in_function_is_caught_with_its_kind(self):
        caught, right, counted = mutate.classify(self.M, [], [_finding("held-at-return", 15)])
        self.assertEqual((caught, right, len(counted)), (True, True, 1))

    def test_other_kind_is_caught_but_not_right(self):
        caught, right, _ = mutate.classify(self.M, [], [_finding("order-inversion", 15)])
        self.assertEqual((caught, right), (True, False))

    def test_finding_already_in_baseline_is_not_new(self):
        # The same finding moved within the function (a swap of calls of different heights)
        # and a number in its message that moved with it.
        base = [_finding("held-at-return", 12, "taken at line 12")]
        mutated = [_finding("held-at-return", 14, "taken at line 14")]
        self.assertEqual(mutate.classify(self.M, base, mutated)[:2], (False, False))

    def test_a_change_only_in_what_is_held_is_not_new(self):
        base = [_finding("missing-lock", 12, "call to 'f' (zap) without 'pte_lock' "
                         "(it holds 'mmap_lock' of 'mm' for write): r")]
        held = [_finding("missing-lock", 12, "call to 'f' (zap) without 'pte_lock' "
                         "(it holds 'mmap_lock' of 'mm' for read): r")]
        self.assertEqual(mutate.classify(self.M, base, held)[:2], (False, False))
        lacks = [_finding("missing-lock", 12, "call to 'f' (zap) without 'mmap_lock' of 'mm' "
                          "for read, and without 'pte_lock' (it holds none of its locks): r")]
        self.assertTrue(mutate.classify(self.M, base, lacks)[0], "it now lacks more: new")

    def test_second_copy_of_a_baseline_finding_is_new(self):
        base = [_finding("held-at-return", 12)]
        mutated = [_finding("held-at-return", 12), _finding("held-at-return", 18)]
        self.assertEqual(mutate.classify(self.M, base, mutated)[:2], (True, True))

    def test_finding_elsewhere_counts_only_with_a_note_in_the_function(self):
        outside = _finding("held-at-return", 40)
        self.assertEqual(mutate.classify(self.M, [], [outside])[:2], (False, False))
        path = dict(outside, notes=[{"file": "y/fixture.c", "line": 11, "column": 1,
                                     "message": "called here"}])
        self.assertEqual(mutate.classify(self.M, [], [path])[:2], (True, True))

    def test_finding_at_a_caller_because_of_the_function(self):
        m = self.M._replace(kind="remove-acquire",
                            text="\n" * 39 + "\tif (f(mm))\n\t\tg(mm);\n")
        through = _finding("missing-lock", 40, "call to 'r' without x (through r -> f -> h)")
        self.assertEqual(mutate.classify(m, [], [through])[:2], (True, True))
        not_through = _finding("missing-lock", 40, "call to 'r' without x (through r -> ff)")
        self.assertEqual(mutate.classify(m, [], [not_through])[:2], (False, False))
        needed = _finding("missing-lock", 40, notes=[{"file": "x/fixture.c", "line": 40,
                          "column": 2, "message": "needed by x/fixture.c:12: call to 'k'"}])
        self.assertEqual(mutate.classify(m, [], [needed])[:2], (True, True))
        m = m._replace(kind="remove-release")
        taken = _finding("held-at-return", 45, notes=[{"file": "x/fixture.c", "line": 40,
                         "column": 6, "message": "taken here"}])
        self.assertEqual(mutate.classify(m, [], [taken])[:2], (True, True))
        elsewhere = _finding("held-at-return", 45, notes=[{"file": "x/fixture.c", "line": 41,
                             "column": 3, "message": "taken here"}])
        self.assertEqual(mutate.classify(m, [], [elsewhere])[:2], (False, False))

    def test_finding_in_another_file_is_not_in_the_function(self):
        other = dict(_finding("held-at-return", 15), file="x/other.c")
        self.assertEqual(mutate.classify(self.M, [], [other])[:2], (False, False))

    def test_notes_are_not_findings(self):
        note = _finding("caller-held", 15, severity="note")
        self.assertEqual(mutate.classify(self.M, [], [note])[:2], (False, False))

    def test_survivor_classes(self):
        held = _finding("held-at-return", 15)
        self.assertEqual(mutate.survivor(self.M, [held], [held]),
                         "no change in the checker's output")
        self.assertEqual(mutate.survivor(self.M, [held], []), "findings gone, none new")
        self.assertEqual(mutate.survivor(self.M, [], [_finding("held-at-return", 40)]),
                         "new findings, none in the function or traced to it")
        caller = _finding("caller-held", 15, severity="note")
        self.assertEqual(mutate.survivor(self.M, [], [caller]),
                         "its release taken for the caller's lock (a caller-held note)")
        self.assertEqual(mutate.survivor(self.M, [], [dict(caller, line=40)]), "notes only")


class FixtureMutants(unittest.TestCase):
    """The mutants of fixture.c under the repository's spec, and the checker's verdict."""

    @classmethod
    def setUpClass(cls):
        out = subprocess.run([ARGS.lockspec, "compile", os.path.join(ARGS.repo, "rules", "mm.rules"),
                              "--emit=json"], stdout=subprocess.PIPE, check=True, text=True).stdout
        cls.spec = mutate.Spec(json.loads(out))
        with open(os.path.join(HERE, "fixture.c")) as f:
            cls.text = f.read()
        cls.mutants = mutate.mutants(cls.spec, "fixture.c", cls.text)

    def find(self, kind, what_prefix):
        found = [m for m in self.mutants if m.kind == kind and m.what.startswith(what_prefix)]
        self.assertEqual(len(found), 1, [m.what for m in self.mutants])
        return found[0]

    def check(self, mutant):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for sub, text in (("base", self.text), ("mutant", mutant.text)):
                os.makedirs(os.path.join(tmp, sub))
                paths.append(os.path.join(tmp, sub, "fixture.c"))
                with open(paths[-1], "w") as f:
                    f.write(text)
            spec = os.path.join(ARGS.repo, "rules", "mm.rules")
            base, found = (mutate.run_check(ARGS.lockspec, spec, p) for p in paths)
        return mutate.classify(mutant, base, found)

    def test_lock_calls_come_from_the_spec_and_only_its_locks(self):
        kinds = sorted((m.function, m.kind) for m in self.mutants)
        # Not the comment or the string, not spin_lock(&drv->lock) (no spec lock);
        # mm->page_table_lock is the spec's.
        self.assertEqual(kinds.count(("fixture_change", "remove-acquire")), 3)
        self.assertEqual(kinds.count(("fixture_change", "remove-release")), 2)
        self.assertEqual(kinds.count(("fixture_change", "weaken")), 2)
        self.assertEqual(kinds.count(("fixture_change", "swap")), 3)
        self.assertEqual([m.what for m in self.mutants if m.function == "fixture_count"],
                         ["removed spin_lock(&mm->page_table_lock); (line 19)",
                          "removed spin_unlock(&mm->page_table_lock); (line 21)"])
        for m in self.mutants:
            self.assertEqual((m.start_line, m.end_line),
                             (5, 12) if m.function == "fixture_change" else (15, 24))

    def test_remove_release(self):
        m = self.find("remove-release", "removed mmap_write_unlock(mm);")
        self.assertEqual(m.text, self.text.replace("\tmmap_write_unlock(mm);\n", "\t;\n"))
        self.assertEqual(self.check(m)[:2], (True, True))

    def test_remove_acquire(self):
        m = self.find("remove-acquire", "removed mmap_write_lock(mm);")
        self.assertEqual(m.text, self.text.replace("\tmmap_write_lock(mm);\n", "\t;\n"))
        caught, right, counted = self.check(m)
        # vma_start_write needs the mmap write lock.
        self.assertEqual((caught, right), (True, True), counted)

    def test_weaken_renames_the_lock_and_its_release(self):
        m = self.find("weaken", "mmap_write_lock -> mmap_read_lock")
        self.assertEqual(m.text, self.text.replace("\tmmap_write_lock(mm);", "\tmmap_read_lock(mm);")
                         .replace("\tmmap_write_unlock(mm);", "\tmmap_read_unlock(mm);"))
        caught, right, counted = self.check(m)
        # vma_start_write needs the mmap lock for write: held for read now.
        self.assertEqual((caught, right), (True, True), counted)

    def test_weaken_counts_only_where_the_spec_needs_the_write_mode(self):
        # vma_start_write needs the mmap write lock; nothing in the fixture needs the
        # anon_vma lock for write (fixture_update is no spec operation).
        self.assertEqual(self.find("weaken", "mmap_write_lock -> mmap_read_lock").outside, "")
        self.assertEqual(self.find("weaken", "anon_vma_lock_write -> anon_vma_lock_read").outside,
                         mutate.NO_WRITE_NEED)
        self.assertTrue(all(m.outside == "" for m in self.mutants if m.kind != "weaken"))

    def test_write_need_of_a_lock_helper_is_in_its_callers(self):
        # take() returns holding the lock it takes: what needs the write mode runs in its
        # caller, found through the call; in a function of its own it does not count.
        text = ("static void take(struct mm_struct *mm)\n{\n\tmmap_write_lock(mm);\n}\n\n"
                "static void user(struct mm_struct *mm, struct vm_area_struct *vma)\n{\n"
                "\ttake(mm);\n\tvma_start_write(vma);\n\tmmap_write_unlock(mm);\n}\n\n"
                "static void other(struct vm_area_struct *vma)\n{\n\tvma_start_write(vma);\n}\n\n"
                "static void alone(struct mm_struct *mm)\n{\n\tmmap_write_lock(mm);\n"
                "\tmmap_write_unlock(mm);\n}\n")
        weakened = {m.function: m for m in mutate.mutants(self.spec, "t.c", text)
                    if m.kind == "weaken"}
        self.assertEqual(weakened["take"].outside, "")
        self.assertEqual(weakened["alone"].outside, mutate.NO_WRITE_NEED)

    def test_swap(self):
        m = self.find("swap", "swapped vma_start_write(vma); (line 7) with anon_vma_lock_write")
        self.assertEqual(m.text, self.text.replace(
            "\tvma_start_write(vma);\n\tanon_vma_lock_write(vma->anon_vma);\n",
            "\tanon_vma_lock_write(vma->anon_vma);\n\tvma_start_write(vma);\n"))
        caught, right, counted = self.check(m)
        self.assertEqual((caught, right), (True, True), counted)


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--lockspec", required=True)
    p.add_argument("--repo", default=os.path.normpath(os.path.join(HERE, "..", "..", "..")))
    ARGS, rest = p.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
