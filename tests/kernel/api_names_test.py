#!/usr/bin/python3
"""Every C name the spec's v7.0 target uses is defined in Linux v7.0.

Compiles the spec for the v7.0 target (`lockspec compile --emit=json`), collects every C name
the model uses - lock and operation API functions, object structs and their fields, link and
lock-path expressions, fact tests, role expressions, config symbols, and the C-domain roles
(:c:func:, :c:member:, :c:struct:, :c:type:) and ``CONFIG_X`` literals of its doc text - and
looks each up in the definitions of the v7.0 copy (../shared/reference/upstream/linux-v7.0/
from the repository root, see c_defs.py for what "defines" means).  A name defined outside the
copy passes only through an entry of outside_copy.tsv, which names the v7.0 file that defines it.
The test fails listing every name that is neither defined nor listed, and every entry of the
list that the spec no longer uses or that the copy does define (a stale entry hides nothing).

usage: api_names_test.py --lockspec BIN --repo DIR [--upstream DIR] [--kernel VERSION]
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import c_defs  # noqa: E402

_TOKEN = re.compile(r"[A-Za-z_]\w*|->|\d+|\S")
_IDENT = re.compile(r"[A-Za-z_]\w*")
_CONSTANT = re.compile(r"[A-Z][A-Z0-9_]*[A-Z0-9]")
_ROLE = re.compile(r":c:(func|member|struct|type|macro):`!?([^`]*)`")
_CONFIG = re.compile(r"\bCONFIG_[A-Z0-9_]+\b")

# Objects of the spec that model no C struct: a page table is named by a pointer to one of its
# entries (pmd_t *, pte_t *), and the spec gives the two kinds of table a name of their own.
SPEC_ONLY_OBJECTS = {"pmd_table", "pte_table"}

# Words of C itself, which no kernel file defines.
C_WORDS = {"NULL", "sizeof", "struct"}


class Use:
    """One C name the model uses: kind (function, struct, member, constant, variable, config),
    the name (tag.member for members), and where the spec uses it."""

    def __init__(self, kind, name, where):
        self.kind, self.name, self.where = kind, name, where

    def key(self):
        return (self.kind, self.name)


def where_of(entity, what=""):
    pos = entity.get("pos") or {}
    loc = "%s:%s" % (pos.get("file", "?"), pos.get("line", "?"))
    return "%s (%s%s)" % (loc, entity.get("name", ""), (" " + what) if what else "")


class Collector:
    def __init__(self, model, defs):
        self.defs = defs
        self.uses = []
        self.vars = {o["var"]: o["name"] for o in model["objects"]}

    def use(self, kind, name, where):
        self.uses.append(Use(kind, name, where))

    def member_use(self, tag, member, where):
        """A member of struct `tag` ("" when the struct is not known)."""
        self.use("member", "%s.%s" % (tag or "?", member), where)

    def expression(self, text, where, head_is_global=False):
        """Names used by a C expression: calls, member accesses along typed chains, upper-case
        constants; the first identifier is a global variable when `head_is_global`."""
        toks = _TOKEN.findall(text)
        tag = None  # the struct type of the value just read, when known
        first = True
        for i, t in enumerate(toks):
            if not _IDENT.fullmatch(t):
                if t not in ("->", "."):
                    tag = None
                continue
            after = toks[i + 1] if i + 1 < len(toks) else ""
            before = toks[i - 1] if i > 0 else ""
            if before in ("->", "."):
                self.member_use(tag, t, where)
                tag = self.defs.member_type(tag, t) if tag else None
            elif after == "(":
                if t not in C_WORDS:
                    self.use("function", t, where)
                tag = None
            elif t in self.vars:
                tag = self.vars[t]
            elif _CONSTANT.fullmatch(t) and t not in C_WORDS:
                self.use("constant", t, where)
                tag = None
            elif first and head_is_global:
                self.use("variable", t, where)
                tag = None
            first = False

    def doc(self, text, entity, what="doc"):
        if not text:
            return
        where = where_of(entity, what)
        for role, body in _ROLE.findall(text):
            body = body.strip()
            if role == "func" or role == "macro":
                self.use("function", body.rstrip("()"), where)
            elif role == "struct":
                self.use("struct", body.split()[-1], where)
            elif role == "type":
                self.use("type", body.split()[-1], where)
            elif role == "member":
                if "->" in body:
                    self.expression(body, where)
                else:
                    self.member_use("", body, where)
        for literal in re.findall(r"``([^`]+)``", text):
            for config in _CONFIG.findall(literal):
                self.use("config", config, where)

    def collect(self, model):
        for obj in model["objects"]:
            self.doc(obj["doc"], obj)
            if obj["name"] not in SPEC_ONLY_OBJECTS:
                self.use("struct", obj["name"], where_of(obj))
            for link in obj["links"]:
                self.expression(link["expr"], where_of(obj, "link " + link["name"]))
            for kind in ("constructors", "publishers"):
                for fn in obj[kind]:
                    self.use("function", fn, where_of(obj, kind[:-1]))
            for f in obj["fields"]:
                w = where_of(f)
                self.doc(f["doc"], f)
                self.member_use(obj["name"], f["name"], w)
                if f["config"]:
                    self.use("config", f["config"], w)
        for lock in model["locks"]:
            w = where_of(lock, "path")
            self.doc(lock["doc"], lock)
            if lock["path"]:
                self.expression(lock["path"], w, head_is_global=not lock["owner"])
            if lock["split"]:
                self.use("config", lock["split"]["config"], where_of(lock, "split"))
        for api in model["apis"]:
            self.use("function", api["name"], where_of(api))
            self.doc(api["doc"], api)
        for fact in model["facts"]:
            self.doc(fact["doc"], fact)
            if fact.get("test"):
                self.expression(fact["test"], where_of(fact, "test"))
        for op in model["operations"]:
            self.doc(op["doc"], op)
            for name in op["apis"]:
                self.use("function", name, where_of(op, "api"))
            for role in [op["subject"]] + op["roles"]:
                if role["expr"]:
                    self.expression(role["expr"], where_of(op, "role " + role["name"]),
                                    head_is_global=True)
        for kind in ("groups", "lets", "relations", "orders", "tables", "matrices", "topics"):
            for entity in model[kind]:
                self.doc(entity.get("doc", ""), entity)

    def defined(self, use):
        d = self.defs
        if use.kind == "function":
            return d.callable(use.name)
        if use.kind == "struct":
            return use.name in d.structs
        if use.kind == "type":
            return d.type_name(use.name)
        if use.kind == "constant":
            return d.constant(use.name)
        if use.kind == "variable":
            return use.name in d.variables
        if use.kind == "config":
            return use.name in d.configs
        if use.kind == "member":
            tag, member = use.name.split(".", 1)
            if tag == "?":
                return d.any_member(member)
            if tag not in d.members:
                return False
            if d.member(tag, member):
                return True
            # A field path a.b is spelled a_b in the spec (identifiers have no dot).
            return any(d.member(tag, member[:i] + "." + member[i + 1:])
                       for i, c in enumerate(member) if c == "_")
        raise AssertionError(use.kind)


def read_allow_list(path):
    """(kind, name) -> (v7.0 file, reason); blank lines and '#' comments are skipped."""
    entries = {}
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4 or not all(c.strip() for c in cols):
            sys.exit("%s:%d: want 4 tab-separated columns: kind, name, v7.0 file, why" % (path, n))
        entries[(cols[0], cols[1])] = (cols[2], cols[3])
    return entries


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lockspec", required=True)
    ap.add_argument("--repo", required=True, type=pathlib.Path)
    ap.add_argument("--upstream", type=pathlib.Path,
                    help="the v7.0 copy (default: REPO/../shared/reference/upstream/linux-v7.0)")
    ap.add_argument("--kernel", default="7.0",
                    help="the target passed to lockspec compile --kernel (default 7.0)")
    args = ap.parse_args()

    upstream = args.upstream or (args.repo / ".." / "shared" / "reference" / "upstream" /
                                 "linux-v7.0")
    if not (upstream / "mm").is_dir() or not (upstream / "include" / "linux").is_dir():
        print("FAIL: the Linux v7.0 copy is missing: %s (expected mm/ and include/linux/ "
              "there; see shared/reference/upstream/README.md)" % upstream.resolve())
        return 1

    cmd = [args.lockspec, "compile", "--emit=json", "rules/mm.rules"]
    if args.kernel:
        cmd += ["--kernel", args.kernel]
    run = subprocess.run(cmd, cwd=args.repo, capture_output=True, text=True)
    if run.returncode != 0:
        print("FAIL: %s\n%s" % (" ".join(cmd), run.stderr))
        return 1
    model = json.loads(run.stdout)

    defs = c_defs.scan_tree(upstream)
    coll = Collector(model, defs)
    coll.collect(model)
    allow = read_allow_list(pathlib.Path(__file__).resolve().parent / "outside_copy.tsv")

    missing = {}
    used_keys = set()
    for use in coll.uses:
        used_keys.add(use.key())
        if coll.defined(use) or use.key() in allow:
            continue
        missing.setdefault(use.key(), []).append(use.where)
    stale = [k for k in allow if k not in used_keys or
             coll.defined(next(u for u in coll.uses if u.key() == k))]

    names = sorted({u.key() for u in coll.uses})
    print("%d distinct C names used by the %s target, %d defined in the copy, %d listed in "
          "outside_copy.tsv" % (len(names), args.kernel or "default",
                                sum(1 for k in names if k not in missing and k not in allow),
                                sum(1 for k in names if k in allow)))
    for (kind, name), wheres in sorted(missing.items()):
        print("not defined in v7.0: %s %s, used at %s" % (kind, name, "; ".join(sorted(set(wheres)))))
    for kind, name in sorted(stale):
        print("stale allow-list entry: %s %s (%s)" % (kind, name,
              "defined in the copy" if (kind, name) in used_keys else "not used by the spec"))
    if missing or stale:
        print("FAIL: %d names not defined in v7.0, %d stale allow-list entries"
              % (len(missing), len(stale)))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
