"""A thin Sphinx adapter over the lockspec bindings.

Everything the pages say comes from the compiler's own RST emitter (the ``lockspec`` pybind11
module); this file only feeds that RST to docutils with each line's spec position, so that a
problem in a doc body is reported at its ``rules/`` location, and turns spec diagnostics into
located Sphinx warnings (``-W`` then fails the build).

Directives:

``.. lockspec-page:: NAME``            a whole generated page (``process_addrs``,
                                        ``operations/zap``, ``topics/mmu_notifiers`` ...)
``.. lockspec-operation:: NAME``       one operation with its diagram
``.. lockspec-field-table:: OBJECT``   one field table; the caption is the directive content
``.. lockspec-order-graph::``          the enforced lock-order graph
``.. lockspec-cxx-api::``              the API of every generated C++ header through Breathe,
                                        or a note that none is generated yet

At ``builder-inited`` the extension writes one stub per generated page under
``<srcdir>/<lockspec_generated_root>/`` (only when a stub changes, like autosummary), so
Sphinx sees each page as a document.
"""

import glob
import hashlib
import os
from xml.etree import ElementTree

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.environment import CONFIG_OK
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, switch_source_input
from sphinx.util.nodes import nested_parse_with_titles

import lockspec

logger = logging.getLogger(__name__)

# Loaded models per spec path, with the mtimes of every file read.  Parallel readers are forked
# after builder-inited, so each inherits the loaded model.
_cache = {}


def _mtimes(files):
    return tuple(os.path.getmtime(f) if os.path.exists(f) else -1.0 for f in files)


def _load(spec):
    cached = _cache.get(spec)
    if cached and cached[0] == _mtimes(cached[1].files):
        return cached[1]
    result = lockspec.load(spec)
    _cache[spec] = (_mtimes(result.files), result)
    return result


def _spec_path(app):
    return os.path.abspath(os.path.join(app.confdir, app.config.lockspec_spec))


def _root(app):
    return os.path.abspath(os.path.join(app.confdir, app.config.lockspec_root))


def _spec_file(app, name):
    """The path of a spec file the model names: model names are relative to the parent of
    the root spec's directory (``rules/objects.rules``), whatever the current directory."""
    return os.path.join(os.path.dirname(os.path.dirname(_spec_path(app))), name)


def _display(path, root):
    """Spec paths relative to the project root, as the compiler prints them."""
    rel = os.path.relpath(path, root)
    return path if rel.startswith("..") else rel


def _report(app, result):
    root = _root(app)
    for d in result.diagnostics:
        location = "%s:%d" % (_display(d.file, root), d.line) if d.file else None
        message = d.message
        for n in d.notes:
            message += "\n  %s:%d: note: %s" % (_display(n.file, root), n.line, n.message)
        if d.severity == "error":
            logger.warning("lockspec error: %s", message, location=location, type="lockspec")
        else:
            logger.warning("lockspec %s: %s", d.severity, message, location=location,
                           type="lockspec")


def _write_if_changed(path, text):
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def _builder_inited(app):
    result = _load(_spec_path(app))
    _report(app, result)
    if not result.ok:
        return
    root = os.path.join(app.srcdir, app.config.lockspec_generated_root)
    wanted = set()
    for page in result.model.rst_pages():
        path = os.path.join(root, page.name + ".rst")
        wanted.add(path)
        _write_if_changed(path, ".. lockspec-page:: %s\n" % page.name)
    for stale in glob.glob(os.path.join(root, "**", "*.rst"), recursive=True):
        if stale not in wanted:
            os.remove(stale)


_spec_lines = {}


def _exact_line(path, origin, text):
    """The model places a doc body at its entity's declaration; the body's own lines follow
    it in the spec.  A generated line that appears verbatim a little below the declaration is
    mapped to that line, so a docutils message names the very line to fix.  Lines the emitter
    composed (table cells, headings) keep the declaration's line."""
    wanted = text.strip()
    if len(wanted) < 8:
        return origin.line
    try:
        key = (path, os.path.getmtime(path))
    except OSError:
        return origin.line
    lines = _spec_lines.get(key)
    if lines is None:
        with open(path, encoding="utf-8") as f:
            lines = _spec_lines[key] = [l.strip() for l in f]
    for n in range(origin.line - 1, min(len(lines), origin.line + 200)):
        if lines[n] == wanted or lines[n].endswith('"' + wanted + '";') or \
                lines[n].endswith('"' + wanted + '"'):
            return n + 1
    return origin.line


def _digest(rst):
    """What a generated page's doctree depends on: its text and where each line came from."""
    h = hashlib.sha256(rst.text.encode())
    for o in rst.origins:
        h.update(("%s:%d\n" % (o.file, o.line)).encode())
    return h.hexdigest()


def _skip_unchanged_pages(app, env, docnames):
    """Every generated page depends on every spec file, so one doc edit outdates them all.
    Pages whose rendered RST (and line origins) did not change keep their doctrees: only the
    pages the edit actually changes are read again and written."""
    rendered = getattr(env, "lockspec_rendered", {})
    # A changed configuration rereads everything on purpose (it may change any page).
    if not rendered or env.config_status != CONFIG_OK:
        return
    result = _load(_spec_path(app))
    if not result.ok:
        return
    prefix = app.config.lockspec_generated_root + "/"
    for docname in list(docnames):
        if docname not in rendered or docname not in env.all_docs:
            continue
        page = result.model.rst_page(docname[len(prefix):])
        if page is not None and _digest(page) == rendered[docname]:
            docnames.remove(docname)


def _purge_doc(app, env, docname):
    getattr(env, "lockspec_rendered", {}).pop(docname, None)


def _merge_info(app, env, docnames, other):
    rendered = getattr(other, "lockspec_rendered", {})
    env.lockspec_rendered = getattr(env, "lockspec_rendered", {})
    env.lockspec_rendered.update({d: rendered[d] for d in docnames if d in rendered})


def _parse_here(state, content):
    """Parses `content` in place; the reporter reads each line's own source and line, so
    messages name the spec file (the nested state machine alone would name the stub)."""
    node = nodes.section()
    node.document = state.document
    with switch_source_input(state, content):
        nested_parse_with_titles(state, content, node)
    return node.children


class _LockspecDirective(SphinxDirective):
    """Common part: the loaded model, dependencies, and parsing emitter RST in place."""

    def run(self):
        result = _load(_spec_path(self.env.app))
        # The spec files, and the code that turns them into RST: a new emitter (the bindings'
        # module) or a new adapter must re-render the pages even when rules/ did not change.
        for f in [*result.files, lockspec.__file__, __file__]:
            self.env.note_dependency(os.path.abspath(f))
        # A broken spec renders nothing; its diagnostics were reported, with their places, at
        # builder-inited.
        return self.render(result.model) if result.ok else []

    def render(self, model):
        raise NotImplementedError

    def parse(self, rst):
        root = _root(self.env.app)
        content = StringList()
        for line, origin in zip(rst.lines, rst.origins):
            path = _spec_file(self.env.app, origin.file)
            number = _exact_line(path, origin, line)
            content.append(line, _display(path, root), max(number - 1, 0))
        return _parse_here(self.state, content)

    def missing(self, what):
        logger.warning("lockspec: no %s in the spec", what, location=self.get_location())
        return []


class PageDirective(_LockspecDirective):
    required_arguments = 1

    def render(self, model):
        page = model.rst_page(self.arguments[0])
        if not page:
            return self.missing("page '%s'" % self.arguments[0])
        if self.env.docname == "%s/%s" % (self.config.lockspec_generated_root, page.name):
            if not hasattr(self.env, "lockspec_rendered"):
                self.env.lockspec_rendered = {}
            self.env.lockspec_rendered[self.env.docname] = _digest(page)
        return self.parse(page)


class OperationDirective(_LockspecDirective):
    required_arguments = 1

    def render(self, model):
        rst = model.rst_operation(self.arguments[0])
        return self.parse(rst) if rst else self.missing("operation '%s'" % self.arguments[0])


class FieldTableDirective(_LockspecDirective):
    required_arguments = 1
    has_content = True

    def render(self, model):
        caption = " ".join(self.content).strip()
        rst = model.rst_field_table(self.arguments[0], caption)
        if not rst:
            return self.missing("field table '%s' of '%s'" % (caption, self.arguments[0]))
        return self.parse(rst)


class OrderGraphDirective(_LockspecDirective):
    def render(self, model):
        return self.parse(model.rst_order_graph())


def _namespaces(xml_dir):
    """Top-level namespaces in Doxygen's index (nested ones render inside them)."""
    index = ElementTree.parse(os.path.join(xml_dir, "index.xml")).getroot()
    names = [c.findtext("name") for c in index if c.get("kind") == "namespace"]
    return sorted(n for n in names if n and "::" not in n)


class CxxApiDirective(SphinxDirective):
    """Breathe pages of every generated header, or a note that there is none."""

    option_spec = {"project": directives.unchanged}

    def run(self):
        include = os.path.join(self.env.app.confdir, self.config.lockspec_cxx_include)
        # The directory itself: a header added or removed changes its mtime.
        self.env.note_dependency(include)
        headers = sorted(glob.glob(os.path.join(include, "*.h")))
        if not headers:
            para = nodes.paragraph(
                text="The C++ header is not generated yet: when the C++ backend writes "
                     "generated/include/lockspec/*.h, this page renders each header's API "
                     "here.")
            return [para]
        project = self.options.get("project", "lockspec")
        xml = self.config.breathe_projects.get(project, "")
        if not os.path.isfile(os.path.join(xml, "index.xml")):
            logger.warning("lockspec: %d generated header(s) but no Doxygen XML in '%s'",
                           len(headers), xml, location=self.get_location())
            return []
        # Every generated header opens the same namespace, and Breathe's doxygenfile declares
        # a file's namespaces afresh for each file: two headers give a duplicate C++
        # declaration and a duplicate ID, which fail -W.  So the headers are listed, and their
        # entities rendered once, through the namespaces Doxygen found in them.
        namespaces = _namespaces(xml)
        content = StringList()
        lines = ["The generated headers:", ""]
        for header in headers:
            self.env.note_dependency(header)
            lines.append("* ``lockspec/%s``" % os.path.basename(header))
        lines.append("")
        for ns in namespaces:
            lines += [".. doxygennamespace:: %s" % ns, "   :project: %s" % project,
                      "   :members:", "   :undoc-members:", ""]
        if not namespaces:  # Nothing shared: each file on its own.
            for header in headers:
                lines += [".. doxygenfile:: %s" % os.path.basename(header),
                          "   :project: %s" % project, ""]
        for line in lines:
            content.append(line, headers[0], 0)
        return _parse_here(self.state, content)


def setup(app):
    app.add_config_value("lockspec_spec", "../rules/mm.rules", "env")
    app.add_config_value("lockspec_root", "..", "env")
    app.add_config_value("lockspec_generated_root", "mm", "env")
    app.add_config_value("lockspec_cxx_include", "../generated/include/lockspec", "env")
    app.add_directive("lockspec-page", PageDirective)
    app.add_directive("lockspec-operation", OperationDirective)
    app.add_directive("lockspec-field-table", FieldTableDirective)
    app.add_directive("lockspec-order-graph", OrderGraphDirective)
    app.add_directive("lockspec-cxx-api", CxxApiDirective)
    app.connect("builder-inited", _builder_inited)
    app.connect("env-before-read-docs", _skip_unchanged_pages)
    app.connect("env-purge-doc", _purge_doc)
    app.connect("env-merge-info", _merge_info)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
