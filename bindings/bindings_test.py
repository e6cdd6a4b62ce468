"""Tests of the lockspec Python module, run by ctest with Debian's /usr/bin/python3."""
import os
import subprocess
import unittest

import lockspec

SOURCE_DIR = os.environ.get("LOCKSPEC_SOURCE_DIR",
                            os.path.join(os.path.dirname(__file__), ".."))
MM_RULES = os.path.join(SOURCE_DIR, "rules", "mm.rules")


class LoadRealSpec(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.result = lockspec.load(MM_RULES)
        cls.model = cls.result.model

    def test_loads_without_diagnostics(self):
        self.assertTrue(self.result.ok, [d.text for d in self.result.diagnostics])
        self.assertEqual(self.result.diagnostics, [])
        self.assertEqual(len(self.model.files), len(self.result.files))
        self.assertTrue(any(f.endswith("topics.rules") for f in self.model.files))

    def test_queries_locks_and_modes(self):
        mmap = self.model.lock("mmap_lock")
        self.assertIsNotNone(mmap)
        self.assertEqual([m.name for m in self.model.modes("mmap_lock")],
                         ["read", "downgraded", "write"])
        write = [m for m in mmap.modes if m.name == "write"][0]
        self.assertIn("read", write.satisfies)
        self.assertIsNone(self.model.lock("no_such_lock"))
        self.assertEqual(self.model.modes("no_such_lock"), [])

    def test_queries_fields_with_read_and_write_rules(self):
        fields = {f.name: f for f in self.model.fields("vm_area_struct")}
        self.assertIn("vm_start", fields)
        self.assertEqual(fields["vm_start"].table, "Virtual layout fields")
        self.assertIsNotNone(fields["vm_start"].read)
        writes = fields["vm_start"].writes[0].requirement.describe()
        for lock in ("mmap_lock write", "vma_lock write"):
            self.assertIn(lock, writes)

    def test_objects_name_their_constructors_and_publishers(self):
        objects = {o.name: o for o in self.model.objects}
        vma = objects["vm_area_struct"]
        self.assertEqual(vma.constructors, ["vm_area_alloc", "vm_area_dup"])
        self.assertIn("vma_mark_attached", vma.publishers)
        self.assertEqual(objects["mm_struct"].constructors, [])

    def test_atoms_name_their_role_object_and_path(self):
        # install through the VMA: the mmap lock of the VMA's mm, reached over the vm_mm link.
        atoms = [a for alt in self.model.alternatives("install") for a in alt.atoms
                 if a.lock == "mmap_lock"]
        self.assertTrue(atoms)
        self.assertTrue(all(a.object == "vm_area_struct" for a in atoms if a.role == "vma"),
                        [(a.role, a.object) for a in atoms])
        vma = [a for a in atoms if a.role == "vma"][0]
        self.assertEqual((vma.links, vma.instance), (["mm"], "vma->vm_mm->mmap_lock"))

    def test_operations_have_alternatives(self):
        labels = {a.label for a in self.model.alternatives("traverse")}
        self.assertTrue({"fully_locked", "semi_locked", "gup_fast"} <= labels, labels)
        # Each `any` branch's doc string says why that way is enough.
        docs = {a.label: a.doc for a in self.model.alternatives("traverse")}
        self.assertIn("interrupts disabled", docs["gup_fast"])
        install = self.model.operation("install")
        self.assertTrue(install.rejects, "install documents what is not enough")
        # Each requires clause keeps its own reason, in order.
        self.assertEqual([c.text for c in install.clauses][1], "pte_lock@pte")
        self.assertIn("lock of their table", install.clauses[1].reason)
        self.assertIn("rmap lock alone", install.clauses[0].reason)
        self.assertEqual(self.model.alternatives("no_such_operation"), [])

    def test_order_edges_enforced_and_all(self):
        enforced = self.model.order_edges()
        every = self.model.order_edges(enforced_only=False)
        self.assertGreater(len(every), len(enforced), "one tree is historical")
        pairs = {(e.from_.lock, e.to.lock) for e in enforced}
        self.assertIn(("mmap_lock", "i_mmap_lock"), pairs)

    def test_derived_tables(self):
        table = self.model.state_tables[0]
        self.assertEqual(table.axis_titles, ["mmap lock", "VMA lock", "rmap lock"])
        self.assertTrue(table.derived)
        mx = self.model.matrices[0]
        self.assertEqual(mx.modes, ["read", "downgraded", "write"])
        self.assertEqual(mx.excludes[1], [False, True, True])

    def test_rst_is_the_cli_emitter_output(self):
        """The module renders with the same C++ emitter as `lockspec compile`."""
        page = self.model.rst_page("process_addrs")
        with open(os.path.join(SOURCE_DIR, "generated", "docs", "process_addrs.rst")) as f:
            on_disk = f.read()
        self.assertTrue(on_disk.endswith(page.text), "generated/ differs from the bindings")
        self.assertEqual(len(page.lines), len(page.origins))
        self.assertTrue(all(o.file.startswith(os.path.dirname(MM_RULES)) or
                            o.file.startswith("rules/") for o in page.origins))

    def test_rst_pieces(self):
        table = self.model.rst_field_table("vm_area_struct", "Core fields")
        self.assertIn(".. table:: Core fields", table.text)
        self.assertIsNone(self.model.rst_field_table("vm_area_struct", "No such caption"))
        self.assertIn(".. graphviz::", self.model.rst_order_graph().text)
        self.assertIn("digraph", self.model.order_graph_dot())
        op = self.model.rst_operation("zap")
        self.assertTrue(op.lines[1] == "zap", op.lines[:3])
        self.assertIsNone(self.model.rst_operation("nope"))
        names = {p.name for p in self.model.rst_pages()}
        self.assertTrue({"process_addrs", "operations/index", "topics/pte_table_reclaim",
                         "topics/gup_get_vs_pin", "topics/mmu_notifiers",
                         "topics/three_ways_to_read_page_tables"} <= names, names)


class Diagnostics(unittest.TestCase):
    def test_errors_are_located(self):
        r = lockspec.load_string("lock x: rwsem on nothing {\n  doc \"d\";\n}\n", "bad.rules")
        self.assertFalse(r.ok)
        self.assertIsNone(r.model)
        self.assertTrue(r.diagnostics)
        d = r.diagnostics[0]
        self.assertEqual((d.file, d.line, d.severity), ("bad.rules", 1, "error"))
        self.assertGreater(d.column, 0)
        self.assertTrue(d.text.startswith("bad.rules:1:%d: error: " % d.column), d.text)

    def test_missing_file_is_a_diagnostic_not_an_exception(self):
        r = lockspec.load("/nonexistent/spec.rules")
        self.assertFalse(r.ok)
        self.assertEqual(r.diagnostics[0].severity, "error")
        self.assertEqual(r.diagnostics[0].file, "")

    def test_syntax_error_position(self):
        r = lockspec.load_string("topic t {\n  title \"T\"\n}\n", "syntax.rules")
        self.assertFalse(r.ok)
        self.assertEqual(r.diagnostics[0].file, "syntax.rules")
        self.assertGreaterEqual(r.diagnostics[0].line, 2)


class StubMatchesModule(unittest.TestCase):
    def test_every_public_name_is_in_the_stub(self):
        stub = os.path.join(SOURCE_DIR, "bindings", "lockspec.pyi")
        with open(stub) as f:
            text = f.read()
        for name in dir(lockspec):
            if not name.startswith("_"):
                self.assertTrue(("class %s" % name) in text or ("def %s(" % name) in text,
                                name)
        for name in dir(lockspec.Model):
            if not name.startswith("_"):
                self.assertIn(name, text, "Model.%s" % name)


if __name__ == "__main__":
    unittest.main()
