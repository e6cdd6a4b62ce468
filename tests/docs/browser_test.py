"""Headless Chromium loads the built site: the main page's title, tables and lock-order graph
must be in the rendered DOM, every page is measured as the browser lays it out (no literal
backslash escape in the text, no list inside a table cell, no table wider than the text column,
no table cell cut off after a colon, no stray backtick; every operation page's Rust calls match
its C++ calls way for way and name only guards the crate documents), and screenshots are saved
for a human to look at."""
import glob
import html
import json
import os
import re
import subprocess
import tempfile
import shutil
import unittest

import docs_util

HTML = os.path.join(docs_util.BUILD_DIR, "docs", "html")
SCREENSHOT = os.path.join(docs_util.BUILD_DIR, "docs", "process_addrs.png")
GRAPH_SHOT = os.path.join(docs_util.BUILD_DIR, "docs", "order_graph.png")
# Layout checks of every page, run in one browser: a harness page loads each page in an iframe
# 1280 pixels wide (a laptop's window) and writes what it measured into its own DOM.
LOCKS_SHOT = os.path.join(docs_util.BUILD_DIR, "docs", "locks.png")
MEASURE_JS = r"""
function measure(doc, name) {
  var out = {page: name, wide: [], lists: [], escapes: [], colon: [], backticks: [],
             cxx: [], rust: []};
  // The calls an operation page shows, line by line as the reader sees them.
  [['cxx', 'div.highlight-c\\+\\+ pre'], ['rust', 'div.highlight-rust pre']].forEach(function (k) {
    doc.querySelectorAll(k[1]).forEach(function (pre) {
      pre.textContent.split('\n').forEach(function (l) { if (l.trim()) out[k[0]].push(l.trim()); });
    });
  });
  var main = doc.querySelector('div.body') || doc.body;
  var column = main.getBoundingClientRect();
  doc.querySelectorAll('table').forEach(function (t, i) {
    var r = t.getBoundingClientRect();
    var caption = t.querySelector('caption');
    var name = caption ? caption.textContent.replace(/\u00b6/g, '').trim() : 'table ' + (i + 1);
    if (r.right > column.right + 1)
      out.wide.push(name + ': ' + Math.round(r.width) + 'px in a ' + Math.round(column.width) + 'px column');
    t.querySelectorAll('td ul, td ol, th ul, th ol').forEach(function (l) {
      out.lists.push(name + ': ' + l.closest('tr').textContent.replace(/\s+/g, ' ').trim().slice(0, 60));
    });
    t.querySelectorAll('td').forEach(function (td) {
      if (/:\s*$/.test(td.textContent))
        out.colon.push(name + ': ...' + td.textContent.replace(/\s+/g, ' ').trim().slice(-60));
    });
  });
  var walker = doc.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (var n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest('pre, script, style')) continue;
    var text = n.textContent;
    // What an RST or Doxygen escape leaves behind when it is shown instead of applied.
    if (/\\[&@#<>%*_|`-]/.test(text)) out.escapes.push(text.trim().slice(0, 60));
    if (text.indexOf('`') >= 0)
      out.backticks.push(text.trim().slice(0, 60));
  }
  return out;
}
var results = [];
window.addEventListener('load', function () {
  document.querySelectorAll('iframe').forEach(function (f) {
    try { results.push(measure(f.contentDocument, f.dataset.page)); }
    catch (e) { results.push({page: f.dataset.page, error: String(e)}); }
  });
  document.getElementById('report').textContent = JSON.stringify(results);
});
"""
CHROMIUM = ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--hide-scrollbars"]


def chromium(*args):
    profile = tempfile.mkdtemp(prefix="lockspec-chromium-")
    try:
        return subprocess.run(CHROMIUM + ["--user-data-dir=" + profile, *args],
                              capture_output=True, text=True, timeout=60)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class MainPageRenders(unittest.TestCase):
    page = os.path.join(HTML, "mm", "process_addrs.html")

    def setUp(self):
        if not os.path.isfile(self.page):
            self.fail("the docs target has not built %s" % self.page)

    def test_dom_has_tables_and_order_graph(self):
        run = chromium("--dump-dom", "file://" + self.page)
        self.assertEqual(run.returncode, 0, run.stderr)
        dom = run.stdout
        self.assertIn("<h1>Process Addresses", dom)
        tables = re.findall(r"<table\b[^>]*>(.*?)</table>", dom, re.S)
        self.assertGreaterEqual(len(tables), 8, "lock states, field tables, exclusivity")
        joined = "\n".join(tables)
        for text in ("Write most?", "Virtual layout fields", "Reverse mapping fields",
                     "Lock exclusivity", "Read lock"):
            self.assertIn(text, joined)
        graphs = re.findall(r'<(?:object|img)[^>]*(?:data|src)="([^"]*graphviz[^"]*\.svg)"', dom)
        self.assertTrue(graphs, "no graphviz SVG on the page")
        with open(os.path.join(os.path.dirname(self.page), graphs[0])) as f:
            svg = f.read()
        self.assertIn("<svg", svg)
        self.assertIn("mmap_lock", svg, "the order graph names the mmap lock")
        # The graph as the browser draws it, for a human to look at.
        shot = chromium("--window-size=1400,1400", "--screenshot=" + GRAPH_SHOT,
                        "file://" + os.path.join(os.path.dirname(self.page), graphs[0]))
        self.assertEqual(shot.returncode, 0, shot.stderr)
        print("order graph screenshot:", GRAPH_SHOT)

    def test_screenshot(self):
        if os.path.exists(SCREENSHOT):
            os.remove(SCREENSHOT)
        run = chromium("--window-size=1280,2400", "--screenshot=" + SCREENSHOT,
                       "file://" + self.page)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(SCREENSHOT, "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"\x89PNG"), "not a PNG")
        self.assertGreater(len(data), 50_000, "an empty page compresses far smaller")
        print("screenshot:", SCREENSHOT)


class EveryPageLaysOut(unittest.TestCase):
    """Rendering faults that a -W -n build cannot see, because docutils accepts the source."""

    @classmethod
    def setUpClass(cls):
        pages = sorted(os.path.relpath(p, HTML)
                       for p in glob.glob(os.path.join(HTML, "**", "*.html"), recursive=True)
                       if os.path.basename(p) not in ("genindex.html", "search.html"))
        if "mm/process_addrs.html" not in pages:
            raise unittest.SkipTest("the docs target has not built the site")
        tmp = tempfile.mkdtemp(prefix="lockspec-measure-")
        try:
            frames = "".join('<iframe data-page="%s" src="file://%s" width="1280" height="900">'
                             "</iframe>" % (p, os.path.join(HTML, p)) for p in pages)
            harness = os.path.join(tmp, "measure.html")
            with open(harness, "w") as f:
                f.write("<html><body><pre id=report></pre>%s<script>%s</script></body></html>"
                        % (frames, MEASURE_JS))
            # The harness reads each frame's DOM, which file:// origins forbid by default.
            run = chromium("--allow-file-access-from-files", "--disable-web-security",
                           "--window-size=1400,1000", "--virtual-time-budget=30000",
                           "--dump-dom", "file://" + harness)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        match = re.search(r'<pre id="report">(.*?)</pre>', run.stdout, re.S)
        if not match or not match.group(1):
            raise AssertionError("the harness reported nothing: " + run.stderr[-2000:])
        cls.results = json.loads(html.unescape(match.group(1)))
        cls.pages = pages

    def faults(self, kind):
        return {r["page"]: r[kind] for r in self.results if r.get(kind)}

    def test_every_page_measured(self):
        self.assertEqual(sorted(r["page"] for r in self.results), self.pages)
        self.assertEqual({r["page"]: r["error"] for r in self.results if r.get("error")}, {})

    def test_no_literal_escapes(self):
        self.assertEqual(self.faults("escapes"), {}, "backslash escapes shown as text")

    def test_no_list_in_a_table_cell(self):
        self.assertEqual(self.faults("lists"), {}, "a cell starting with - or * became a list")

    def test_no_table_wider_than_its_column(self):
        self.assertEqual(self.faults("wide"), {})

    def test_no_cell_cut_off_after_a_colon(self):
        self.assertEqual(self.faults("colon"), {}, "a cell ends where its doc went on")

    def test_no_stray_backticks(self):
        self.assertEqual(self.faults("backticks"), {}, "an inline literal docutils did not close")

    def test_every_operation_page_shows_its_rust_call(self):
        """Each way's Rust call sits under its C++ call with the same name, calls the page's
        operation, and names only guards the crate's rustdoc documents."""
        rustdoc = os.path.join(HTML, "rust", "lockspec_mm")
        crate = os.path.join(docs_util.SOURCE_DIR, "generated", "rust", "src")
        with open(os.path.join(crate, "guards.rs")) as f, open(os.path.join(crate, "ops.rs")) as g:
            source = f.read() + g.read()

        def documented(kind, name):
            # The rustdoc the docs target copies beside the site; the crate's source when
            # cargo was missing at configure time and there is none.
            if os.path.isdir(rustdoc):
                return os.path.isfile(os.path.join(rustdoc, kind + "s", "%s.%s.html" % (
                    "struct" if kind == "guard" else "fn", name)))
            return re.search(r"pub (?:struct|fn) %s\b" % name, source) is not None
        pages = [r for r in self.results
                 if r["page"].startswith("mm/operations/") and not r["page"].endswith("index.html")]
        self.assertGreater(len(pages), 20)
        wrong = {}
        for r in pages:
            op = os.path.splitext(os.path.basename(r["page"]))[0]
            faults = []
            cxx = [l for l in r["cxx"] if not l.endswith("// error: not enough (above)")]
            cxx_tags = [m.group(1) if m else "" for m in
                        (re.search(r"via::(\w+)\{\}", l) for l in cxx)]
            # A way's name trails its call, or stands on a comment line above it.
            rust_tags, named = [], False
            for line in r["rust"]:
                m = re.search(r"//\s*(\w+)(?::.*)?$", line)
                if line.startswith("//"):
                    rust_tags.append(m.group(1))
                    # A bare name labels the call below; "NAME: no evidence type" stands alone.
                    named = re.fullmatch(r"//\s*\w+", line) is not None
                elif not named:
                    rust_tags.append(m.group(1) if m else "")
                else:
                    named = False
            if not r["rust"]:
                faults.append("no Rust call")
            if rust_tags != cxx_tags:
                faults.append("ways %s in C++, %s in Rust" % (cxx_tags, rust_tags))
            for line in r["rust"]:
                call = line.split("//")[0].strip()
                if not call:
                    continue
                if not call.startswith("ops::%s(" % op) or not call.endswith(");"):
                    faults.append("not a call of ops::%s: %s" % (op, line))
                for guard in re.findall(r"&(\w+?_guard)(?:_at_\w+)?\b", call):
                    name = "".join(p.capitalize() for p in guard.split("_"))
                    if not documented("guard", name):
                        faults.append("no guard %s in the crate" % name)
            if not documented("op", op) and any(
                    "ops::" in l for l in r["rust"]):
                faults.append("the crate has no ops::%s" % op)
            if faults:
                wrong[r["page"]] = faults
        self.assertEqual(wrong, {})

    def test_locks_page_screenshot(self):
        run = chromium("--window-size=1280,2400", "--screenshot=" + LOCKS_SHOT,
                       "file://" + os.path.join(HTML, "mm", "locks.html"))
        self.assertEqual(run.returncode, 0, run.stderr)
        print("screenshot:", LOCKS_SHOT)


if __name__ == "__main__":
    unittest.main()
