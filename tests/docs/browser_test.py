"""Headless Chromium loads the built main page: the title, the tables and the lock-order graph
must be in the rendered DOM, and a screenshot is saved for a human to look at."""
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


if __name__ == "__main__":
    unittest.main()
