"""Coverage report: every section, table row and rule of process_addrs.rst (as listed in
process_addrs_coverage.tsv) and where the generated site says it.  Fails on any missing item."""
import collections
import os
import unittest

import docs_util
import lockspec


def load_items():
    items = []
    with open(os.path.join(docs_util.TESTS, "process_addrs_coverage.tsv")) as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            kind, item, page, needle = line.rstrip("\n").split("\t")
            items.append((n, kind, item, page, needle))
    return items


def find(rst, needle):
    """Index of the line where `needle` starts; prose needles may run across wrapped lines."""
    for i, line in enumerate(rst.lines):
        if needle in line:
            return i
    text, starts = "", []
    for line in rst.lines:
        starts.append(len(text))
        text += " ".join(line.split()) + " "
    at = text.find(" ".join(needle.split()))
    if at < 0:
        return None
    return max(i for i, s in enumerate(starts) if s <= at)


class Coverage(unittest.TestCase):
    def test_every_item_is_covered(self):
        result = lockspec.load(os.path.join(docs_util.SOURCE_DIR, "rules", "mm.rules"))
        self.assertTrue(result.ok, [d.text for d in result.diagnostics])
        pages = {p.name: p for p in result.model.rst_pages()}
        missing, counts = [], collections.Counter()
        for n, kind, item, page, needle in load_items():
            counts[kind] += 1
            rst = pages.get(page)
            where = None
            i = find(rst, needle) if rst else None
            if i is not None:
                o = rst.origins[i]
                where = "docs/mm/%s.rst:%d (from %s:%d)" % (page, i + 1, o.file, o.line)
            if where:
                print("covered  %-7s %-60s %s" % (kind, item[:60], where))
            else:
                print("MISSING  %-7s %-60s (%s: %r)" % (kind, item[:60], page, needle))
                missing.append("process_addrs_coverage.tsv:%d: %s" % (n, item))
        total = sum(counts.values())
        print("coverage: %d/%d items of process_addrs.rst covered (%s)" % (
            total - len(missing), total,
            ", ".join("%d %ss" % (counts[k], k) for k in ("section", "row", "rule"))))
        self.assertEqual(missing, [])


if __name__ == "__main__":
    unittest.main()
