#!/usr/bin/python3
"""Mutation testing of `lockspec check` on real kernel code.

Takes the function definitions of C files (Linux v7.0's mm/*.c by default), breaks one
function at a time in one of four ways, runs `lockspec check` on the broken copy and on the
unbroken file, and counts the mutants the checker notices:

  remove-acquire  one lock call (a statement `acquire(...);`) removed
  remove-release  one unlock call (a statement `release(...);`) removed
  weaken          a write-mode acquisition turned into the read-mode one of the same lock,
                  together with the releases of that lock on the same argument in the
                  function (as a developer who meant read would write it)
  swap            two nested acquisitions, in the order the spec's lock orders require,
                  swapped (each call statement moved to the other's place)

Lock calls are found from the spec only: the compiled model's API functions (`lockspec
compile --emit=json`), their kind (acquire, try, release) and mode, and its lock orders.  A
call of an API that names its lock by a plain lock argument (`spin_lock(lock)`, the spec's
`page_table_lock` API) is mutated only when the argument is that lock (its path's field) or a
pointer the function got from a spec API (`ptl = pmd_lock(...)`, `&ptl` passed to
`pte_offset_map_lock`, `pmd_lockptr()`): other spin locks are not the spec's, and a mutant of
them would say nothing about the checker.

A mutant is *caught* when the checker reports a finding (an error or a warning; notes are not
findings) on the mutant that it does not report on the unbroken file, located in the mutated
function or with a note there, or reported at a caller because of it: a call path `(through f
-> g)` naming it, a `needed by FILE:LINE` note inside it, or a note on a line that calls it
(the lock it now returns holding, "taken here" where a caller returns).  It is caught with the *right kind* when such a finding's rule is one the
mutation should cause (EXPECTED below).  Each mutant is checked in a checker run of its own,
the mutated file alone (with --with-others: with all the other files unchanged), so an
analysis that reads all files given together (summaries across functions) sees exactly one
broken function; baselines are the unbroken files, checked the same way.

N counts the mutants whose function the spec covers: a weakened lock where nothing the
function runs needs the write mode by the spec (runs_exclusive_need) is checked but reported
on a line of its own, `not counted: ...`, and listed with its reason.

Prints the `not counted` line, `mutants: N, caught: C (right kind: K)`, a line per mutation
kind, the survivors by what the checker's output shows of them (survivor()), and the missed
mutants as `file:function: mutation`.  Exit status 1 when K is below --min-right-kind.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import random
import re
import subprocess
import sys
import tempfile

# The rules a mutation is expected to provoke.  A weakened lock may also show as a requirement
# not met ("'vma_start_write' ... needs 'mmap_lock' of 'vma->vm_mm' held for write"): the
# mutation changes nothing but the mode, so a new missing-lock finding is about the mode.
EXPECTED = {
    "remove-acquire": {"missing-lock", "unlock-not-held", "wrong-mode"},
    "remove-release": {"held-at-return", "double-acquire"},
    "weaken": {"wrong-mode", "missing-lock"},
    "swap": {"order-inversion", "forbidden-nesting"},
}
KINDS = ("remove-acquire", "remove-release", "weaken", "swap")

Api = collections.namedtuple("Api", "name kind lock mode params instance generic success killable")
Call = collections.namedtuple("Call", "api start end args statement")
Function = collections.namedtuple("Function", "name start end")
# `api`: the spec API whose call was mutated (the first of a swap).  `outside`: why the mutant
# is outside the population the score is over (what the spec covers), or "".
Mutant = collections.namedtuple("Mutant",
                                "file function kind what text start_line end_line api outside",
                                defaults=("", ""))
# Why a mutant is not counted: the spec says nothing the mutation changes.
NO_WRITE_NEED = "weakened where nothing the spec ties to the write mode runs"


class Spec:
    """The lock calls of a compiled model: API functions by name, mode counterparts, orders."""

    def __init__(self, model):
        locks = {l["name"]: l for l in model["locks"]}
        self.apis = {}
        self.lock_fields = {}  # lock -> the last field of its path ("page_table_lock")
        self.lockptr_functions = set()  # pmd_lockptr, ptep_lockptr: return a spec lock
        for lock in model["locks"]:
            path = lock.get("path", "")
            m = re.match(r"\*\s*(\w+)\s*\(", path)
            if m:
                self.lockptr_functions.add(m.group(1))
            m = re.search(r"(?:->|\.)(\w+)$", path)
            if m:
                self.lock_fields[lock["name"]] = m.group(1)
        for a in model["apis"]:
            params = [p["name"] for p in a["params"]]
            instance = next((i for i, p in enumerate(a["params"]) if p["instance"]), None)
            path = locks.get(a["lock"], {}).get("path", "")
            root = re.match(r"(\w+)", path)
            # The API names its lock by a lock argument, not by the lock's owner: a generic
            # primitive (spin_lock) the spec ties to one lock.
            generic = (instance is not None and not a.get("all") and root is not None
                       and not path.startswith("*") and root.group(1) != params[instance])
            self.apis[a["name"]] = Api(a["name"], a["kind"], a["lock"], a["mode"], tuple(params),
                                       instance, generic, a.get("success"), a.get("killable"))
        self.modes = {}  # (lock, mode) -> "shared" / "exclusive"
        for lock in model["locks"]:
            for mode in lock["modes"]:
                self.modes[(lock["name"], mode["name"])] = mode["sharing"]
        edges = set()
        for order in model["orders"]:
            if order.get("historical"):
                continue
            for e in order["edges"]:
                if e["from"]["lock"] != e["to"]["lock"]:
                    edges.add((e["from"]["lock"], e["to"]["lock"]))
        self.before = _closure(edges)
        # What needs each lock in an exclusive mode: operation functions, guarded fields
        # written, acquisitions that require it (vma_start_write needs the mmap write lock),
        # and asserts, releases and downgrades of that mode.  A weakened lock whose function runs none of them changes
        # nothing the spec can tell.
        self.exclusive_calls = collections.defaultdict(set)
        self.exclusive_fields = collections.defaultdict(set)

        def exclusive(lock, mode):
            return self.modes.get((lock, mode)) == "exclusive"

        for op in model["operations"]:
            for lock, mode in _lock_atoms(op.get("requirement")):
                if exclusive(lock, mode):
                    self.exclusive_calls[lock].update(op.get("apis", []))
        for obj in model["objects"]:
            for field in obj.get("fields", []):
                for lock, mode in _lock_atoms(field.get("writes")):
                    if exclusive(lock, mode):
                        self.exclusive_fields[lock].add(field["name"])
        for r in model["relations"]:
            if r["kind"] == "requires" and exclusive(r["other"], r.get("other_mode", "")):
                self.exclusive_calls[r["other"]].update(
                    a.name for a in self.apis.values()
                    if a.lock == r["lock"] and a.kind in ("acquire", "try") and a.mode == r["mode"])
        for a in self.apis.values():  # an assert, a release or a downgrade of the write mode
            if a.kind in ("assert", "release", "downgrade") and exclusive(a.lock, a.mode):
                self.exclusive_calls[a.lock].add(a.name)

    def weaker(self, api):
        """The read-mode API of the same lock, kind, parameters and success test as write-mode
        `api` (a trylock stays a trylock that succeeds on the same result)."""
        a = self.apis[api]
        if self.modes.get((a.lock, a.mode)) != "exclusive" or a.mode == "held":
            return None
        candidates = [b for b in self.apis.values()
                      if b.lock == a.lock and b.kind == a.kind and b.params == a.params
                      and b.success == a.success and b.killable == a.killable
                      and b.name != a.name and self.modes.get((b.lock, b.mode)) == "shared"
                      and b.mode == "read"]
        if not candidates:
            return None
        by_name = [b for b in candidates if b.name == a.name.replace("write", "read")]
        return (by_name or candidates)[0].name


def _lock_atoms(node):
    """Every (lock, mode) atom in a requirement of the compiled model (any nesting)."""
    if isinstance(node, dict):
        if node.get("kind") == "lock" and "lock" in node:
            yield node["lock"], node.get("mode", "")
        for v in node.values():
            yield from _lock_atoms(v)
    elif isinstance(node, list):
        for v in node:
            yield from _lock_atoms(v)


def _closure(edges):
    after = collections.defaultdict(set)
    for a, b in edges:
        after[a].add(b)
    changed = True
    while changed:
        changed = False
        for a in list(after):
            for b in list(after[a]):
                new = after.get(b, set()) - after[a]
                if new:
                    after[a] |= new
                    changed = True
    return {(a, b) for a in after for b in after[a]}


def mask(text):
    """`text` with comments, string and character literals and preprocessor lines blanked to
    spaces (newlines kept), so offsets match and no call is found inside them."""
    out = list(text)
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c == "#":
            j = i
            while j < n and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n and text[j + 1] == "\n":
                    j += 1
                j += 1
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
            continue
        if c == "/" and i + 1 < n and text[i + 1] in "*/":
            end = text.find("*/", i + 2) + 2 if text[i + 1] == "*" else text.find("\n", i)
            if end < 2 or end == -1:
                end = n
            for k in range(i, end):
                if out[k] != "\n":
                    out[k] = " "
            i = end
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            for k in range(i + 1, min(j, n)):
                out[k] = " "
            i = j + 1
            line_start = False
            continue
        if c == "\n":
            line_start = True
        elif not c.isspace():
            line_start = False
        i += 1
    return "".join(out)


def functions(masked):
    """Function definitions in kernel style: a body from `{` in column 0 to `}` in column 0."""
    result = []
    for m in re.finditer(r"^\{", masked, re.M):
        end = re.compile(r"^\}", re.M).search(masked, m.end())
        if not end:
            break
        header_start = max(masked.rfind(";", 0, m.start()), masked.rfind("}", 0, m.start()), 0)
        header = masked[header_start:m.start()]
        # The name is the identifier before the declarator's parameter list: the first `(` of
        # the header at depth 0 (annotations such as `__releases(x)` come after it).
        name = re.search(r"(\w+)\s*\(\s*(\w*)", header)
        label = "?" if not name else name.group(1)
        if re.fullmatch(r"SYSCALL_DEFINE\d", label) and name.group(2):
            label = "sys_" + name.group(2)  # SYSCALL_DEFINE3(mprotect, ...): sys_mprotect
        result.append(Function(label, m.start(), end.end()))
    return result


def _matching_paren(masked, open_at):
    depth = 0
    for i in range(open_at, len(masked)):
        if masked[i] == "(":
            depth += 1
        elif masked[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _split_args(inner):
    args, depth, cur = [], 0, ""
    for c in inner:
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            args.append(cur.strip())
            cur = ""
        else:
            cur += c
    if cur.strip():
        args.append(cur.strip())
    return args


def calls(spec, masked, function):
    """Calls of spec APIs in `function`, in source order."""
    body = masked[function.start:function.end]
    names = "|".join(sorted(spec.apis, key=len, reverse=True))
    result = []
    for m in re.finditer(r"(?<![\w.>])(" + names + r")\s*\(", body):
        start = function.start + m.start()
        close = _matching_paren(masked, function.start + m.end() - 1)
        if close is None:
            continue
        args = [" ".join(a.split()) for a in
                _split_args(masked[function.start + m.end():close])]
        before = masked[max(0, start - 200):start].rstrip()
        after = masked[close + 1:close + 200].lstrip()
        statement = bool(before) and (before[-1] in ";{}:)" or re.search(r"\b(else|do)$", before)) \
            and after.startswith(";")
        end = masked.index(";", close + 1) + 1 if statement else close + 1
        result.append(Call(spec.apis[m.group(1)], start, end, args, statement))
    return result


def _instance_arg(call):
    i = call.api.instance
    return call.args[i] if i is not None and i < len(call.args) else None


def covered(spec, call, function_calls, masked, function):
    """Whether the spec knows the lock `call` takes or releases (see the module comment)."""
    if not call.api.generic:
        return True
    arg = _instance_arg(call)
    if arg is None:
        return False
    field = spec.lock_fields.get(call.api.lock)
    if field and re.search(r"\b" + re.escape(field) + r"$", arg):
        return True
    bare = arg.lstrip("&").strip()
    body = masked[function.start:function.end]
    ptr = re.escape(bare)
    for c in function_calls:
        if c.api.generic:
            continue
        if any(a.replace(" ", "") == "&" + bare.replace(" ", "") for a in c.args):
            return True
        head = masked[function.start:c.start].rstrip()
        if re.search(r"(?<![\w.>])" + ptr + r"\s*=$", head):
            return True
    for fn in spec.lockptr_functions:
        if re.search(r"(?<![\w.>])" + ptr + r"\s*=\s*" + fn + r"\s*\(", body):
            return True
    return False


def _nested(masked, fcalls, a, b):
    """Whether `b` is taken under `a` in the same block with nothing in between that a swap
    would change besides the order: no release of `a`'s lock on its argument, no call on
    `b`'s lock, no assignment to the variable `b`'s argument starts with."""
    between = masked[a.end:b.start]
    depth = 0
    for ch in between:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    if depth != 0:
        return False
    for c in fcalls:
        if not a.start < c.start < b.start:
            continue
        if c.api.kind == "release" and c.api.lock == a.api.lock \
                and _instance_arg(c) == _instance_arg(a):
            return False
        if c.api.lock == b.api.lock:
            return False
    arg = _instance_arg(b)
    root = re.match(r"[&*(\s]*(\w+)", arg) if arg else None
    if root and re.search(r"(?<![\w.>])" + root.group(1) + r"\s*=[^=]", between):
        return False
    return True


_CALL = re.compile(r"(?<![\w.>])(\w+)\s*\(")
_FIELD_WRITE = re.compile(r"(?:->|\.)\s*(\w+)\s*(?:[-+*/%|&^]?=(?!=)|\+\+|--)"
                          r"|(?:\+\+|--)\s*[\w>.-]*?(?:->|\.)(\w+)")


def called_names(masked, funcs):
    """Per function definition (by start offset): the names it calls, with their offsets."""
    return {g.start: [(m.group(1), m.start(1))
                      for m in _CALL.finditer(masked, g.start, g.end)] for g in funcs}


def runs_exclusive_need(spec, masked, funcs, calls_of, function, lock, renamed=(),
                        callers=False):
    """Whether `function`, or a function of the same file it calls (transitively), calls
    something the spec says needs `lock` in an exclusive mode or writes a field that does.
    Calls at the offsets `renamed` (the weakened call and its releases) do not count.  With
    `callers` (the function returns holding the lock), its callers in the file count too.
    `calls_of` is called_names() of the file."""
    calls_needing = spec.exclusive_calls.get(lock, set())
    fields_needing = spec.exclusive_fields.get(lock, set())
    by_name = collections.defaultdict(list)  # both definitions of an #if/#else pair
    for g in funcs:
        by_name[g.name].append(g)
    todo = [function]
    if callers:
        named = {function.name}
        while True:
            more = {g.name for g in funcs if g.name not in named
                    and any(n in named for n, _ in calls_of[g.start])}
            if not more:
                break
            named |= more
        todo = [g for g in funcs if g.name in named]
    seen = set()
    while todo:
        g = todo.pop()
        if g.start in seen:
            continue
        seen.add(g.start)
        for name, at in calls_of[g.start]:
            if name in calls_needing and at not in renamed:
                return True
            todo.extend(by_name.get(name, ()))
        if any((m.group(1) or m.group(2)) in fields_needing
               for m in _FIELD_WRITE.finditer(masked, g.start, g.end)):
            return True
    return False


def _line(text, offset):
    return text.count("\n", 0, offset) + 1


def _removed(text, call):
    """`text` without the statement `call`, its newlines kept so later lines do not move."""
    return text[:call.start] + ";" + "\n" * text.count("\n", call.start, call.end) + text[call.end:]


def _renamed(text, edits):
    """`text` with each (offset, old name, new name) applied, from the last offset back."""
    for at, old, new in sorted(edits, reverse=True):
        assert text.startswith(old, at)
        text = text[:at] + new + text[at + len(old):]
    return text


def mutants(spec, path, text):
    """Every mutant of the file `path` whose `text` is given, in source order."""
    masked = mask(text)
    name = os.path.basename(path)
    result = []
    funcs = functions(masked)
    calls_of = called_names(masked, funcs)
    for f in funcs:
        fcalls = calls(spec, masked, f)
        ok = [c for c in fcalls if covered(spec, c, fcalls, masked, f)]
        lines = (_line(text, f.start), _line(text, f.end))

        def mutant(kind, what, new_text, call, renamed=()):
            outside = ""
            if kind == "weaken" and not runs_exclusive_need(
                    spec, masked, funcs, calls_of, f, call.api.lock, renamed,
                    callers=len(renamed) == 1):
                outside = NO_WRITE_NEED
            result.append(Mutant(name, f.name, kind, what, new_text, *lines, call.api.name,
                                 outside))

        def src(c):
            return " ".join(text[c.start:c.end].split())

        for c in ok:
            if c.statement and c.api.kind == "acquire":
                mutant("remove-acquire", f"removed {src(c)} (line {_line(text, c.start)})",
                       _removed(text, c), c)
            if c.statement and c.api.kind == "release":
                mutant("remove-release", f"removed {src(c)} (line {_line(text, c.start)})",
                       _removed(text, c), c)
            weaker = spec.weaker(c.api.name) if c.api.kind in ("acquire", "try") else None
            if weaker:
                edits = [(c.start, c.api.name, weaker)]
                for r in ok:
                    if (r.start > c.start and r.api.kind == "release" and r.api.lock == c.api.lock
                            and _instance_arg(r) == _instance_arg(c)):
                        weaker_release = spec.weaker(r.api.name)
                        if weaker_release:
                            edits.append((r.start, r.api.name, weaker_release))
                mutant("weaken", f"{c.api.name} -> {weaker} (line {_line(text, c.start)}), "
                       f"{len(edits) - 1} release(s) with it", _renamed(text, edits), c,
                       renamed={at for at, _, _ in edits})
        acquires = [c for c in ok if c.statement and c.api.kind == "acquire"]
        for i, a in enumerate(acquires):
            for b in acquires[i + 1:]:
                if (a.api.lock, b.api.lock) not in spec.before:
                    continue
                if not _nested(masked, ok, a, b):
                    continue
                swapped = (text[:a.start] + text[b.start:b.end] + text[a.end:b.start]
                           + text[a.start:a.end] + text[b.end:])
                mutant("swap", f"swapped {src(a)} (line {_line(text, a.start)}) with {src(b)} "
                       f"(line {_line(text, b.start)})", swapped, a)
    return result


def sample(all_mutants, size, seed):
    """`size` mutants drawn with `seed`, an equal share per kind where there are enough (the
    kinds differ in number by an order of magnitude), in a stable order."""
    rng = random.Random(seed)
    by_kind = {k: [m for m in all_mutants if m.kind == k] for k in KINDS}
    chosen = []
    share = size // len(KINDS)
    for k in KINDS:
        rng.shuffle(by_kind[k])
        chosen += by_kind[k][:share]
    rest = [m for k in KINDS for m in by_kind[k][share:]]
    rng.shuffle(rest)
    chosen += rest[:size - len(chosen)]
    return sorted(chosen, key=lambda m: (m.file, m.start_line, m.kind, m.what))


def run_check(lockspec, spec_path, path, others=()):
    """The findings of `lockspec check` on the file `path` and the files `others` checked
    with it (JSON), as a list of dicts."""
    proc = subprocess.run([lockspec, "check", "--spec", spec_path, "--format=json",
                           "--no-progress", "-j", "1", path, *others],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"lockspec check {path} exited {proc.returncode}: {proc.stderr}")
    return json.loads(proc.stdout)["findings"]


def _key(finding, lines):
    # Line numbers inside the mutated function may move (a swap of calls of different
    # heights); numbers inside messages ("taken at line 12") likewise.  What a missing-lock
    # finding says is held ("(it holds 'mmap_lock' of 'mm' for write)") changes with a
    # weakened lock while the finding, and what it lacks, stay: it is no new finding.
    file = os.path.basename(finding["file"])
    inside = file == lines[2] and lines[0] <= finding["line"] <= lines[1]
    message = re.sub(r" \(it holds [^)]*\)", "", finding["message"])
    return (file, finding["rule"], re.sub(r"\d+", "#", message),
            "in" if inside else finding["line"])


def new_findings(baseline, mutated, lines):
    """Findings (not notes) of `mutated` that `baseline` does not have, as a multiset."""
    counts = collections.Counter(_key(f, lines) for f in baseline if f["severity"] != "note")
    new = []
    for f in mutated:
        if f["severity"] == "note":
            continue
        k = _key(f, lines)
        if counts[k]:
            counts[k] -= 1
        else:
            new.append(f)
    return new


def classify(mutant, baseline, mutated):
    """(caught, right kind, the new findings that count) for one mutant."""
    lines = (mutant.start_line, mutant.end_line, mutant.file)

    def at(place):
        return (os.path.basename(place["file"]) == mutant.file
                and lines[0] <= place["line"] <= lines[1])

    def named(f):
        # A requirement the mutated function no longer meets, reported at the root of a call
        # path through it: the path names it, and the "needed by FILE:LINE" note the site.
        # A note's path names the helper that was given a lock's owner and left it held.
        for message in [f["message"]] + [n["message"] for n in f.get("notes", [])]:
            path = re.search(r"\(through ([^)]*)\)", message)
            if path and mutant.function in path.group(1).split(" -> "):
                return True
        call = re.compile(r"\b" + re.escape(mutant.function) + r"\s*\(")
        lines_of = mutant.text.split("\n")
        for n in f.get("notes", []):
            m = re.match(r"needed by (\S+):(\d+):", n["message"])
            if m and at({"file": m.group(1), "line": int(m.group(2))}):
                return True
            # A lock the mutated function now returns holding, reported where a caller
            # returns: "taken here" points at the call of the mutated function.
            if (os.path.basename(n["file"]) == mutant.file and 0 < n["line"] <= len(lines_of)
                    and call.search(lines_of[n["line"] - 1])):
                return True
        return False

    def in_function(f):
        return at(f) or any(at(n) for n in f.get("notes", [])) or named(f)

    counted = [f for f in new_findings(baseline, mutated, lines) if in_function(f)]
    right = any(f["rule"] in EXPECTED[mutant.kind] for f in counted)
    return bool(counted), right, counted


def survivor(mutant, baseline, mutated):
    """What the checker's output shows of a mutant no finding counts for: the class of a
    survivor."""
    lines = (mutant.start_line, mutant.end_line, mutant.file)
    if new_findings(baseline, mutated, lines):
        return "new findings, none in the function or traced to it"
    if new_findings(mutated, baseline, lines):
        return "findings gone, none new"

    def notes(found):
        return collections.Counter(_key(f, lines) for f in found if f["severity"] == "note")

    added = notes(mutated) - notes(baseline)
    if any(k[1] == "caller-held" and k[3] == "in" for k in added):
        return "its release taken for the caller's lock (a caller-held note)"
    if added or notes(baseline) - notes(mutated):
        return "notes only"
    return "no change in the checker's output"


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    repo_default = os.path.normpath(os.path.join(here, "..", "..", ".."))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--lockspec", required=True, help="the lockspec binary")
    p.add_argument("--repo", default=repo_default, help="the repository (for rules/mm.rules)")
    p.add_argument("--spec", help="root .rules file (default: REPO/rules/mm.rules)")
    p.add_argument("--linux", help="a Linux v7.0 tree whose mm/*.c are mutated (default: "
                   "../shared/reference/upstream/linux-v7.0 from the repository)")
    p.add_argument("--seed", type=int, default=21)
    p.add_argument("--sample", type=int, default=200, help="mutants to check (0: all)")
    p.add_argument("-j", "--jobs", type=int, default=2, help="checker runs at a time")
    p.add_argument("--min-right-kind", type=int, default=0,
                   help="fail when fewer mutants are caught with the right kind")
    p.add_argument("--show-caught", action="store_true", help="also list the caught mutants")
    p.add_argument("--with-others", action="store_true",
                   help="check each mutant together with the other files unchanged (for an "
                   "analysis across files; about as many times slower as there are files)")
    p.add_argument("files", nargs="*", help="C files to mutate (default: LINUX/mm/*.c)")
    args = p.parse_args(argv)

    spec_path = args.spec or os.path.join(args.repo, "rules", "mm.rules")
    proc = subprocess.run([args.lockspec, "compile", spec_path, "--emit=json"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        print(f"mutate: the spec does not compile:\n{proc.stderr}", file=sys.stderr)
        return 2
    spec = Spec(json.loads(proc.stdout))

    files = args.files
    if not files:
        linux = args.linux or os.path.join(args.repo, "..", "shared", "reference", "upstream",
                                           "linux-v7.0")
        mm = os.path.join(linux, "mm")
        if not os.path.isdir(mm):
            print(f"mutate: no Linux v7.0 copy at {linux} (give --linux DIR)", file=sys.stderr)
            return 2
        files = sorted(os.path.join(mm, f) for f in os.listdir(mm) if f.endswith(".c"))
    texts = {}
    for path in files:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            texts[os.path.basename(path)] = f.read()

    everything = [m for name, text in texts.items() for m in mutants(spec, name, text)]
    chosen = everything if args.sample == 0 else sample(everything, args.sample, args.seed)
    if args.sample and len(chosen) < args.sample:
        print(f"mutate: only {len(chosen)} mutants, {args.sample} asked", file=sys.stderr)
        return 2
    print(f"mutation candidates: {len(everything)} in {len(texts)} files "
          f"({', '.join(f'{k} {sum(m.kind == k for m in everything)}' for k in KINDS)}); "
          f"checking {len(chosen)} (seed {args.seed})")

    with tempfile.TemporaryDirectory(prefix="lockspec-mutate-") as tmp:
        def write(sub, name, text):
            d = os.path.join(tmp, sub)
            os.makedirs(d, exist_ok=True)
            path = os.path.join(d, name)
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(text)
            return path

        originals = {os.path.basename(p): p for p in files}

        def others(name):
            return [p for n, p in sorted(originals.items()) if n != name] \
                if args.with_others else []

        needed = sorted({m.file for m in chosen})
        jobs = [("base", name, texts[name]) for name in needed]
        jobs += [(str(i), m.file, m.text) for i, m in enumerate(chosen)]
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
            results = list(pool.map(
                lambda j: run_check(args.lockspec, spec_path, write(*j), others(j[1])), jobs))
    baselines = dict(zip(needed, results[:len(needed)]))

    # The score is over the mutants whose function the spec covers; the others are checked
    # too and reported on their own line, never counted in it nor dropped.
    tally = {k: [0, 0, 0] for k in KINDS}
    by_api = collections.defaultdict(lambda: [0, 0])
    missed, wrong_kind, caught_list, outside = [], [], [], []
    survivors = collections.defaultdict(list)
    for m, found in zip(chosen, results[len(needed):]):
        caught, right, counted = classify(m, baselines[m.file], found)
        line = f"  {m.file}:{m.function}: {m.kind}: {m.what}"
        if m.outside:
            outside.append((m.outside, line + (" (caught)" if caught else "")))
            continue
        t = tally[m.kind]
        t[0] += 1
        t[1] += caught
        t[2] += right
        by_api[(m.kind, m.api)][0] += 1
        by_api[(m.kind, m.api)][1] += right
        if not caught:
            missed.append(line)
            survivors[survivor(m, baselines[m.file], found)].append(m)
        elif not right:
            wrong_kind.append(line + " -> " + ", ".join(sorted({f['rule'] for f in counted})))
        else:
            caught_list.append(line)
    n = sum(t[0] for t in tally.values())
    c = sum(t[1] for t in tally.values())
    k = sum(t[2] for t in tally.values())
    reasons = collections.Counter(r for r, _ in outside)
    print(f"not counted: {len(outside)} of the {len(chosen)} checked, outside what the spec covers"
          + "".join(f"; {v} {r}" for r, v in sorted(reasons.items())))
    print(f"mutants: {n}, caught: {c} (right kind: {k})")
    print(f"right kind: {100 * k / max(n, 1):.0f}% of the mutants (issue 21's target: 80%)")
    for kind in KINDS:
        t = tally[kind]
        print(f"  {kind:15} {t[0]:4} mutants, caught {t[1]:4} (right kind: {t[2]})")
    print("right kind by mutation and API call (caught/mutants):")
    for kind in KINDS:
        apis = sorted((a, v) for (k, a), v in by_api.items() if k == kind)
        if apis:
            print(f"  {kind}: " + ", ".join(f"{a} {v[1]}/{v[0]}" for a, v in apis))
    print(f"survivors by what the checker's output shows ({len(missed)}):")
    for cls, ms in sorted(survivors.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        per_kind = collections.Counter(m.kind for m in ms)
        print(f"  {cls}: {len(ms)} (" + ", ".join(f"{kd} {per_kind[kd]}" for kd in KINDS
                                                  if per_kind[kd]) + ")")
        print(f"    e.g. {ms[0].file}:{ms[0].function}: {ms[0].kind}: {ms[0].what}")
    print(f"missed ({len(missed)}):")
    print("\n".join(missed))
    print(f"caught with another kind of finding ({len(wrong_kind)}):")
    print("\n".join(wrong_kind))
    print(f"not counted ({len(outside)}):")
    print("\n".join(f"{line}: {reason}" for reason, line in outside))
    if args.show_caught:
        print(f"caught with the right kind ({len(caught_list)}):")
        print("\n".join(caught_list))
    if k < args.min_right_kind:
        print(f"mutate: FAIL: {k} mutants caught with the right kind, the floor is "
              f"{args.min_right_kind}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
