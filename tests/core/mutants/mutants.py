#!/usr/bin/env python3
"""Lock-removal mutants of the reference core (tests/core/mutants/README.md).

Finds every lock acquisition in core/ by parsing its source against the acquiring functions
the generated header declares, makes mutants of each (drop it, weaken write to read, swap it
with the next acquisition the lock order puts after it, take another object's lock), and
judges each: clang's thread-safety analysis rejects it (caught at compile time), or the
stress tool with the validator on fails, crashes or hangs (caught at run time), or neither
(survived).  A mutant that fails to compile for a reason other than the analysis is not a
mutant of the protocol and is listed as invalid, outside N.

    mutants.py --repo DIR --cxx clang++ --core-lib liblockspec_core_plain.a \
        --link-lib /usr/lib/.../liburcu-memb.so ... --sources folio.cc mm.cc ...
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import time

IDENT = r"[A-Za-z_]\w*"
# Core files that are harness, tests or the RCU primitive itself, not protocol code.
SKIP = re.compile(r"(_test\.cc|_test_fixture\.h|^stress.*|^rcu_backend\.h)$")
MEMBER_ACQUIRE = {"lock": "excl", "lock_shared": "shared", "try_lock": "try-true",
                  "try_lock_shared": "try-true"}


def blank_comments(text):
    """The text with comments and string/char literals replaced by spaces (offsets kept)."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out[i:j] = " " * (j - i)
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out[i:j] = [ch if ch == "\n" else " " for ch in text[i:j]]
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out[i + 1:j] = " " * (j - i - 1)
            i = j + 1
        else:
            i += 1
    return "".join(out)


def match_paren(text, i):
    """Index just past the parenthesis that closes the one at text[i]."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] in "([{":
            depth += 1
        elif text[j] in ")]}":
            depth -= 1
            if depth == 0:
                return j + 1
    raise ValueError("unbalanced parentheses")


def split_args(s):
    """Top-level comma-separated arguments of an argument list's inside."""
    args, depth, cur = [], 0, ""
    for ch in s:
        if ch in "([{<" and not (ch == "<" and depth == 0):
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            args.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        args.append(cur.strip())
    return args


def last_ident(expr):
    ids = re.findall(IDENT, expr)
    return ids[-1] if ids else expr


class Spec:
    """What the generated header says: acquiring functions, rw lock members, lock order."""

    def __init__(self, header):
        raw = open(header).read()
        text = blank_comments(raw)
        # Functions in namespaces alias (bridges that assert) and op (operations) acquire nothing.
        skip = []
        for ns in ("alias", "op", "spec_tables", "via"):
            for m in re.finditer(r"namespace %s \{" % ns, text):
                end = raw.find("} // namespace %s" % ns, m.end())
                skip.append((m.start(), end if end >= 0 else len(text)))
        self.funcs = {}  # name -> list of (kind, [cap exprs], [param names])
        fn = re.compile(r"inline [^;{}()]*?\b(%s)\s*\(([^()]*)\)\s*((?:LOCKSPEC_\w+(?:\([^{;]*?\))?\s*)+)\{" % IDENT)
        for m in fn.finditer(text):
            if any(a <= m.start() < b for a, b in skip):
                continue
            name, params, ann = m.group(1), m.group(2), m.group(3)
            kind = caps = None
            for am in re.finditer(r"LOCKSPEC_(\w+)\(([^()]*(?:\([^()]*\))?[^()]*)\)", ann):
                a, inner = am.group(1), am.group(2)
                if a in ("ACQUIRE", "ASSERT_CAPABILITY"):
                    kind, caps = "excl", split_args(inner)
                elif a in ("ACQUIRE_SHARED", "ASSERT_SHARED_CAPABILITY"):
                    kind, caps = "shared", split_args(inner)
                elif a.startswith("TRY_ACQUIRE"):
                    parts = split_args(inner)
                    kind = "try-" + ("true" if parts[0] in ("true", "1") else "false")
                    caps = parts[1:]
            if kind is None or "RELEASE" in ann:
                continue
            pnames = [last_ident(p) for p in split_args(params)]
            self.funcs.setdefault(name, []).append((kind, caps, pnames))
        # Capability classes that have a shared mode, and the members of those types.
        self.rw_members = set()
        rw_classes = set()
        for m in re.finditer(r"class LOCKSPEC_CAPABILITY\([^)]*\) (%s)" % IDENT, text):
            nxt = text.find("\nclass ", m.end())
            if "lock_shared()" in text[m.end():nxt if nxt > 0 else len(text)]:
                rw_classes.add(m.group(1))
        # Order: member declarations with ACQUIRED_BEFORE/AFTER, by member (or global) name.
        self.before = {}
        for m in re.finditer(r"^\s*(?:inline )?(%s) (%s)((?: LOCKSPEC_ACQUIRED_\w+\([^)]*\))*);" % (IDENT, IDENT),
                             text, re.M):
            cls, member, ann = m.groups()
            if cls in rw_classes:
                self.rw_members.add(member)
            for am in re.finditer(r"LOCKSPEC_ACQUIRED_(BEFORE|AFTER)\(([^)]*)\)", ann):
                for other in split_args(am.group(2)):
                    o = last_ident(other)
                    a, b = (member, o) if am.group(1) == "BEFORE" else (o, member)
                    self.before.setdefault(a, set()).add(b)
        changed = True
        while changed:  # transitive closure
            changed = False
            for a, bs in self.before.items():
                extra = set().union(*(self.before.get(b, set()) for b in bs)) - bs
                if extra:
                    bs |= extra
                    changed = True

    def ordered(self, a, b):
        return b in self.before.get(a, set())


class Site:
    """One acquisition in one file."""

    def __init__(self, path, start, end, name, args, receiver, kind, lock, statement, func):
        self.path, self.start, self.end = path, start, end
        self.name, self.args, self.receiver = name, args, receiver
        self.kind, self.lock, self.statement, self.func = kind, lock, statement, func

    def where(self, raw):
        line = raw.count("\n", 0, self.start) + 1
        return "core/%s:%d" % (os.path.basename(self.path), line)


def functions(text):
    """(start, end, header) of every function body: a brace block not opened by a namespace,
    class, struct, enum or initialiser, outside any other function body."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text[i] == "{":
            k = i - 1
            while k >= 0 and text[k] not in ";{}":
                k -= 1
            head = text[k + 1:i]
            if re.search(r"\b(namespace|struct|class|enum|union)\b", head) and ")" not in head.split("{")[-1][-2:] \
                    and not re.search(r"\)\s*(const\s*)?(LOCKSPEC_\w+\(.*\)\s*)*$", head.strip(), re.S):
                i += 1
                continue
            if not re.search(r"\)\s*(const|override|noexcept|\s|LOCKSPEC_\w+\([^{]*?\))*$", head, re.S):
                i += 1
                continue
            end = match_paren(text, i)
            out.append((k + 1, end, head))
            i = end
        else:
            i += 1
    return out


def declarations(text, before):
    """name -> type of the pointer parameters and locals declared before offset `before`:
    `Type *name` and `auto *name = new Type`."""
    decls = {}
    for m in re.finditer(r"([A-Za-z_][\w:]*)\s*\*\s*(%s)\s*(?=[=,;)])" % IDENT, text[:before]):
        t, name = m.groups()
        if t in ("return", "delete", "auto"):
            continue
        decls.setdefault(name, t)
    for m in re.finditer(r"auto\s*\*\s*(%s)\s*=\s*new\s+([A-Za-z_][\w:]*)" % IDENT, text[:before]):
        decls.setdefault(m.group(1), m.group(2))
    return decls


def core_acquirers(texts):
    """The core's own acquiring functions (annotated declarations in its sources)."""
    found = {}
    for text in texts:
        for m in re.finditer(r"\b(%s)\s*\(([^()]*)\)\s*((?:LOCKSPEC_\w+\([^{;]*?\)\s*)+)\{" % IDENT, text):
            name, params, ann = m.groups()
            t = re.search(r"LOCKSPEC_TRY_ACQUIRE(?:_SHARED)?\((true|false), ([^)]*)\)", ann)
            a = re.search(r"LOCKSPEC_ACQUIRE(_SHARED)?\(([^)]*)\)", ann)
            pnames = [last_ident(p) for p in split_args(params)]
            if t:
                found.setdefault(name, []).append(("try-" + t.group(1), [t.group(2)], pnames))
            elif a and name not in ("lock", "lock_shared"):
                found.setdefault(name, []).append(("shared" if a.group(1) else "excl", [a.group(2)], pnames))
    return found


def find_sites(path, raw, spec, own):
    text = blank_comments(raw)
    funcs = functions(text)
    sites = []
    acq = dict(spec.funcs)
    acq.update(own)
    pat = re.compile(r"(?<![\w.>:])(%s)\s*\(" % "|".join(sorted(map(re.escape, acq), key=len, reverse=True)))
    member = re.compile(r"((?:%s)(?:\s*(?:->|\.)\s*%s|\(\))*)\s*\.\s*(lock|lock_shared|try_lock|try_lock_shared)\s*\(\s*\)"
                        % (IDENT, IDENT))
    for fstart, fend, head in funcs:
        body = text[fstart:fend]
        for m in pat.finditer(body):
            s = fstart + m.start()
            prev = text[:s].rstrip()
            if re.search(r"(alias::|\b(?!return\b)%s\s*(\*+|&)?)$" % IDENT, prev):
                continue  # a declaration, a bridge, or a qualified name
            close = match_paren(text, fstart + m.end() - 1)
            args = split_args(text[fstart + m.end():close - 1])
            cands = [c for c in acq[m.group(1)] if len(c[2]) == len(args)] or acq[m.group(1)]
            kind, caps, pnames = cands[0]
            cap = caps[0] if caps else ""
            root = re.match(IDENT, cap)
            if root and root.group(0) in pnames and len(pnames) == len(args):
                arg = args[pnames.index(root.group(0))]
                lock = last_ident(cap) if cap != root.group(0) else last_ident(arg)
            else:
                lock = last_ident(cap)
            stmt = text[close:].lstrip().startswith(";") and prev[-1:] in ";{})"
            site = Site(path, s, close, m.group(1), args, None, kind, lock, stmt, (fstart, fend))
            # The argument that names the lock taken: the root of the capability expression.
            site.operand = (args[pnames.index(root.group(0))]
                            if root and root.group(0) in pnames and len(pnames) == len(args) else None)
            sites.append(site)
        for m in member.finditer(body):
            recv = m.group(1)
            if recv.endswith("()") or last_ident(recv) in ("rcu",):
                pass
            s = fstart + m.start()
            prev = text[:s].rstrip()
            close = fstart + m.end()
            stmt = text[close:].lstrip().startswith(";") and prev[-1:] in ";{})"
            site = Site(path, s, close, m.group(2), [], recv, MEMBER_ACQUIRE[m.group(2)],
                        last_ident(recv), stmt, (fstart, fend))
            site.operand = recv
            sites.append(site)
    # Acquisitions a rule-break hook adds (`if (LOCKSPEC_BREAKS(...)) ...`, core/rule_breaks.h)
    # are dead code in the normal build: no mutant of them could be caught.
    hooks = []
    for m in re.finditer(r"\bif\s*\(\s*LOCKSPEC_BREAKS\s*\(", text):
        cond_end = match_paren(text, text.index("(", m.start()))
        rest = text[cond_end:]
        body = rest.lstrip()
        start = cond_end + len(rest) - len(body)
        end = match_paren(text, start) if body.startswith("{") else text.index(";", start) + 1
        hooks.append((start, end))
    sites = [x for x in sites if not any(a <= x.start < b for a, b in hooks)]
    sites.sort(key=lambda x: x.start)
    return sites, text


def same_block(text, a, b):
    """True when text[a:b] opens and closes no block: a and b are in the same block."""
    return not re.search(r"[{}]", text[a:b])


def block_end(text, func, at):
    """The offset of the brace that closes the innermost block around `at` in `func`."""
    depth = 0
    for j in range(at - 1, func[0] - 1, -1):
        if text[j] == "}":
            depth += 1
        elif text[j] == "{":
            if depth == 0:
                return match_paren(text, j) - 1
            depth -= 1
    return func[1]


def releases(text, s, a, b):
    """True when text[a:b] releases what `s` acquired: an unlock call or member unlock that
    names the same object (`mmap_write_unlock(mm)` after `mmap_write_lock(mm)`,
    `pte->pte_lock.unlock()` after `pte->pte_lock.lock()`)."""
    root = re.match(IDENT, s.operand or "")
    for m in re.finditer(r"\w*unlock\w*\s*\(", text[a:b]):
        close = match_paren(text, a + m.end() - 1)
        stmt_from = text.rfind(";", a, a + m.start()) + 1 or a
        stmt_from = max(stmt_from, text.rfind("{", a, a + m.start()) + 1, text.rfind("}", a, a + m.start()) + 1)
        call = text[stmt_from:close]
        if root is None or re.search(r"\b%s\b" % re.escape(root.group(0)), call):
            return True
    return False


def nested_after(s, sites, text, i):
    """The acquisitions after `s` in its function made while `s` is held: up to the first
    release of the object `s` locked.  Leaving `s`'s block does not release it (a lock taken
    in an `if constexpr` block is held after it: clang checked the original's lock sets agree
    where branches join)."""
    for t in sites[i + 1:]:
        if t.func != s.func or releases(text, s, s.end, t.start) or leaves(text[s.end:t.start]):
            break
        yield t


def leaves(between):
    """True when the path from an acquisition to the text after `between` ends first: a
    `return`, `break` or `continue` in the acquisition's block or one around it, or an `else`
    after its block closed (the later code is another branch)."""
    depth = 0
    for m in re.finditer(r"[{}]|\b(return|break|continue|else)\b", between):
        if m.group(0) == "{":
            depth += 1
        elif m.group(0) == "}":
            depth -= 1
        elif depth <= 0 and (m.group(1) != "else" or depth < 0):
            return True
    return False


def release_after(text, s, t):
    """The source of the first statement after `t` that releases what `s` acquired, or None."""
    root = re.match(IDENT, s.operand or "")
    if root is None:
        return None
    for m in re.finditer(r"\w*unlock\w*\s*\(", text[t.end:s.func[1]]):
        a = t.end + m.start()
        close = match_paren(text, t.end + m.end() - 1)
        start = max(text.rfind(c, t.end, a) for c in ";{}") + 1 or a
        call = text[start:close].strip()
        if re.search(r"\b%s\b" % re.escape(root.group(0)), call):
            return call
    return None


def statement_start(text, s):
    """Where the statement that makes acquisition `s` starts, when `s` is a statement of its
    own (not a condition's operand); None otherwise.  A statement controlled by an `if` or
    `if constexpr` without braces starts at the `if`, so a moved acquisition stays outside
    the condition."""
    if not s.statement:
        return None
    at = s.start
    prev = text[:at].rstrip()
    if prev.endswith(")"):
        depth = 0
        for j in range(len(prev) - 1, -1, -1):
            if prev[j] == ")":
                depth += 1
            elif prev[j] == "(":
                depth -= 1
                if depth == 0:
                    break
        kw = re.search(r"\b(if(\s+constexpr)?)\s*$", prev[:j])
        if not kw:
            return None
        at = kw.start()
        prev = text[:at].rstrip()
    return at if prev[-1:] in ";{}" else None


def in_scope(text, fstart, at, t):
    """True when every variable `t`'s call names appears in its function before `at` (so the
    moved call compiles there); members and calls after `->`/`.` are not variables."""
    call = text[t.start:t.end]
    before = text[fstart:at]
    for m in re.finditer(r"(?<![\w.>:])(%s)\b(?!\s*\()" % IDENT, call):
        name = m.group(1)
        if name in ("this", "true", "false", "nullptr") or name[0].isupper():
            continue
        if not re.search(r"\b%s\b" % re.escape(name), before):
            return False
    return True


def mutants_of(path, raw, text, sites, spec, own):
    """(id, description, new source) for every mutant of the file's sites."""
    acq = dict(spec.funcs)
    acq.update(own)
    out = []

    def edit(pairs):
        src = raw
        for a, b, rep in sorted(pairs, reverse=True):
            src = src[:a] + rep + src[b:]
        return src

    for i, s in enumerate(sites):
        where = s.where(raw)
        call = raw[s.start:s.end]
        # 1. Drop it.
        if s.statement:
            out.append((where, "drop `%s`" % call, edit([(s.start, s.end, "(void)0")])))
        elif s.kind.startswith("try-"):
            ok = "true" if s.kind == "try-true" else "0"
            out.append((where, "drop `%s` (taken as success)" % call, edit([(s.start, s.end, ok)])))
        # 2. Weaken write to read.
        if s.receiver is None and "write" in s.name:
            weak = s.name.replace("write", "read")
            if weak in acq and any(len(c[2]) == len(s.args) for c in acq[weak]):
                out.append((where, "weaken `%s` to %s" % (call, weak),
                            edit([(s.start, s.start + len(s.name), weak)])))
        elif s.receiver is not None and s.name in ("lock", "try_lock") and s.lock in spec.rw_members:
            j = raw.index(s.name, s.start + len(s.receiver))
            out.append((where, "weaken `%s` to %s_shared" % (call, s.name),
                        edit([(j, j + len(s.name), s.name + "_shared")])))
        # 3. Against the order: every later acquisition `t` made while this one is held (in
        # this block or a block inside it) that the order puts after it.  Two statements of the
        # same block with no other acquisition between swap places; otherwise `t` moves to just
        # before this acquisition's statement (its old place becomes a no-op), when its
        # operands are already in scope there.
        for t in nested_after(s, sites, text, i):
            if not spec.ordered(s.lock, t.lock):
                continue
            inner = raw[t.start:t.end]
            if t is sites[i + 1] and s.statement and t.statement and same_block(text, s.end, t.start):
                out.append((where, "swap `%s` with the later `%s` (%s before %s)"
                            % (call, inner, s.lock, t.lock),
                            edit([(s.start, s.end, inner), (t.start, t.end, call)])))
                continue
            if not t.statement:
                continue
            at = statement_start(text, s)
            if at is not None and in_scope(text, s.func[0], at, t):
                out.append((where, "move the later `%s` (line %d) before `%s` (%s before %s)"
                            % (inner, raw.count("\n", 0, t.start) + 1, call, s.lock, t.lock),
                            edit([(at, at, inner + "; "), (t.start, t.end, "(void)0")])))
                continue
            # Its operands are not known yet where `s` is: release `s` (as the core does, later)
            # just before `t` and take it again just after, so `s` is acquired holding `t`.
            rel = release_after(text, s, t)
            if rel is not None and "{" not in rel:
                rel_src = raw[text.index(rel, t.end):text.index(rel, t.end) + len(rel)]
                out.append((where, "take `%s` again after the later `%s` (line %d), released "
                            "before it (%s before %s)" % (call, inner, raw.count("\n", 0, t.start) + 1,
                                                          s.lock, t.lock),
                            edit([(t.start, t.end, "(%s, %s, %s)" % (rel_src, inner, call))])))
        # 4. Another object's lock: the root of the operand replaced by another variable of
        # its type in the same function.
        operand = s.operand
        root = re.match(IDENT, operand or "")
        if root and root.group(0) != "this":
            fstart, fend = s.func
            decls = declarations(text[fstart:fend], s.start - fstart)
            t = decls.get(root.group(0))
            others = [n for n, ty in decls.items() if ty == t and n != root.group(0)] if t else []
            if others:
                other = others[0]
                # The operand's place: the receiver starts the site; an argument follows the
                # callee's name and the opening parenthesis.
                at = s.start if s.receiver is not None else \
                    re.compile(r"\b%s\b" % re.escape(operand)).search(raw, raw.index("(", s.start)).start()
                out.append((where, "take `%s` on %s instead of %s" % (call, other, root.group(0)),
                            edit([(at, at + len(root.group(0)), other)])))
    # 5. Against the order, across a call: a lock the function requires of its caller
    # (`LOCKSPEC_REQUIRES(mm->mmap_lock)`) is released just before an acquisition the order
    # puts after it and taken again just after, so the caller's lock is acquired holding it.
    for fstart, fend, head in functions(text):
        held = []
        for am in re.finditer(r"LOCKSPEC_REQUIRES(_SHARED)?\(([^()]*)\)", head):
            held += [(cap, bool(am.group(1))) for cap in split_args(am.group(2))]
        for cap, shared in held:
            if not re.fullmatch(r"%s(\s*->\s*%s)+" % (IDENT, IDENT), cap):
                continue  # `S::cap(vma)` and globals: no member to unlock through
            fake = Site(path, fstart, fstart, "", [], cap, "", last_ident(cap), True, (fstart, fend))
            fake.operand = cap
            for t in sites:
                if t.func != (fstart, fend) or not t.statement or not spec.ordered(last_ident(cap), t.lock):
                    continue
                if releases(text, fake, fstart, t.start):
                    break
                unlock, lock = ("unlock_shared", "lock_shared") if shared else ("unlock", "lock")
                inner = raw[t.start:t.end]
                out.append((t.where(raw), "take the caller's `%s` again after `%s`, released before "
                            "it (%s before %s)" % (cap, inner, last_ident(cap), t.lock),
                            edit([(t.start, t.end, "(%s.%s(), %s, %s.%s())"
                                   % (cap, unlock, inner, cap, lock))])))
    return out


def includes_closure(core, name, cache={}):
    if name in cache:
        return cache[name]
    cache[name] = set()
    p = os.path.join(core, name)
    found = set()
    if os.path.exists(p):
        for inc in re.findall(r'#include "core/([\w.]+)"', open(p).read()):
            found.add(inc)
            found |= includes_closure(core, inc)
    cache[name] = found
    return found


def run(cmd, timeout=None, **kw):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=timeout, **kw)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout or ""
        return "timeout", out if isinstance(out, str) else out.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", required=True)
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--sources", nargs="+", required=True, help="the core library's .cc files")
    ap.add_argument("--stress-main", default="stress.cc")
    ap.add_argument("--core-lib", required=True)
    ap.add_argument("--link-lib", nargs="*", default=[])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=1.5, help="stress run per compiled mutant")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--list", action="store_true", help="print the mutants and stop")
    ap.add_argument("--only", help="run only the mutants whose location contains this")
    ap.add_argument("--report", help="also write the report to this file")
    a = ap.parse_args()

    core = os.path.join(a.repo, "core")
    header = os.path.join(a.repo, "generated", "include", "lockspec", "mm_locks.h")
    spec = Spec(header)
    files = sorted(f for f in os.listdir(core) if f.endswith((".cc", ".h")) and not SKIP.search(f))
    raws = {f: open(os.path.join(core, f)).read() for f in files}
    own = core_acquirers([blank_comments(r) for r in raws.values()])
    flags = ["-std=c++20", "-DLOCKSPEC_VALIDATE", '-DLOCKSPEC_RCU_BACKEND="core/rcu_backend.h"',
             "-I", a.repo, "-I", os.path.join(a.repo, "generated", "include")]
    tsa = ["-Wthread-safety", "-Wthread-safety-beta", "-Werror"]

    all_mutants = []
    for f in files:
        sites, text = find_sites(os.path.join(core, f), raws[f], spec, own)
        for where, what, src in mutants_of(os.path.join(core, f), raws[f], text, sites, spec, own):
            all_mutants.append((f, where, what, src))
    if a.only:
        all_mutants = [m for m in all_mutants if a.only in m[1]]
    if a.list:
        for f, where, what, _ in all_mutants:
            print("%s: %s" % (where, what))
        print("%d mutants" % len(all_mutants))
        return 0

    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="lockspec-mutants-") as work:
        lines, rc = judge(a, core, flags, tsa, all_mutants, work)
    lines.append("(%.0f s)" % (time.time() - t0))
    print("\n".join(lines))
    if a.report:
        with open(a.report, "w") as out:
            out.write("\n".join(lines) + "\n")
    return rc


def judge(a, core, flags, tsa, all_mutants, work):
    """Compiles, links and runs the mutants in `work`; returns the report's lines and the exit
    status."""
    # The generated header, precompiled once with the flags of every check (half of each
    # compile is parsing it).
    pch = os.path.join(work, "mm_locks.pch")
    rc, log = run([a.cxx, "-x", "c++-header"] + flags + tsa +
                  [os.path.join(a.repo, "generated", "include", "lockspec", "mm_locks.h"), "-o", pch])
    if rc != 0:
        return [log, "mutants: cannot precompile the generated header"], 2
    # The mutated file replaces the original through an overlay directory searched first: the
    # other translation units and headers are the repository's own.
    def tus_of(f):
        if f.endswith(".cc"):
            return [f]
        return [s for s in a.sources if f in includes_closure(core, s)]

    def compile_check(idx, m):
        f, where, what, src = m
        overlay = os.path.join(work, "m%d" % idx)
        os.makedirs(os.path.join(overlay, "core"))
        with open(os.path.join(overlay, "core", f), "w") as out:
            out.write(src)
        tus = [os.path.join(overlay, "core", t) if t == f else os.path.join(core, t) for t in tus_of(f)]
        rc, log = run([a.cxx, "-fsyntax-only", "-include-pch", pch, "-I", overlay] + flags + tsa + tus)
        return overlay, tus, rc, log

    # The baseline: the unmutated core linked the way mutants are must run clean.
    stress_obj = os.path.join(work, "stress.o")
    rc, log = run([a.cxx, "-c", "-O1"] + flags + [os.path.join(core, a.stress_main), "-o", stress_obj])
    if rc != 0:
        return [log, "mutants: cannot build the stress tool"], 2

    def link_and_run(idx, overlay, tus):
        objs = []
        for t in tus:
            o = os.path.join(overlay, os.path.basename(t) + ".o")
            rc, log = run([a.cxx, "-c", "-O1", "-I", overlay] + flags + [t, "-o", o])
            if rc != 0:
                return "build", log
            objs.append(o)
        exe = os.path.join(overlay, "stress")
        rc, log = run([a.cxx, "-o", exe, stress_obj] + objs + [a.core_lib] + a.link_lib + ["-pthread"])
        if rc != 0:
            return "link", log
        rc, log = run([exe, "--threads", "2", "--seconds", str(a.seconds), "--seed", str(a.seed)],
                      timeout=30 + 4 * a.seconds)
        return rc, log

    rc, log = link_and_run(-1, work, [])
    if rc != 0:
        return [log[-3000:], "mutants: the unmutated core does not run clean when linked for "
                "mutants (%s)" % rc], 2

    results = []
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        checks = list(pool.map(lambda p: compile_check(*p), enumerate(all_mutants)))
        survivors_idx = [i for i, (_, _, rc, log) in enumerate(checks) if rc == 0]
        runs = dict(zip(survivors_idx, pool.map(lambda i: link_and_run(i, checks[i][0], checks[i][1]),
                                                survivors_idx)))
    n = c = r = 0
    invalid, survived, caught_rt = [], [], []
    # Mutants against the lock order, and how many of them clang rejects for the order itself
    # (-Wthread-safety-beta: "... must be acquired before ...") rather than for another
    # consequence of the edit (a lock released that was not held on some path, say).
    order_n = order_c = order_by_order = 0
    for i, (m, (_, _, rc, log)) in enumerate(zip(all_mutants, checks)):
        f, where, what, _ = m
        against_order = re.search(r"\(\w+ before \w+\)$", what) is not None
        if rc != 0 and "-Wthread-safety" in log and against_order:
            order_n += 1
            order_c += 1
            order_by_order += re.search(r"must be acquired (before|after)", log) is not None
        elif rc == 0 and against_order:
            order_n += 1
        if rc != 0:
            if "-Wthread-safety" in log:
                n += 1
                c += 1
            else:
                first = next((l for l in log.splitlines() if "error:" in l), log[:200])
                invalid.append("%s: %s: %s" % (where, what, first.strip()))
            continue
        n += 1
        rrc, rlog = runs[i]
        if rrc == 0:
            survived.append("%s: %s" % (where, what))
        else:
            r += 1
            why = "hang (timeout)" if rrc == "timeout" else next(
                (l for l in rlog.splitlines() if "violat" in l or "ERROR" in l or "Assertion" in l),
                "exit status %s" % rrc)
            caught_rt.append("%s: %s: %s" % (where, what, why.strip()[:240]))
    lines = ["caught at run time:"] + ["  " + x for x in caught_rt]
    if invalid:
        lines += ["not counted (the mutant is not valid C++):"] + ["  " + x for x in invalid]
    lines += ["survived:"] + ["  " + x for x in survived]
    lines.append("against the lock order: %d mutants, caught at compile time: %d, %d of them "
                 "by clang's order check" % (order_n, order_c, order_by_order))
    lines.append("mutants: %d, caught at compile time: %d, caught at run time: %d, survived: %d"
                 % (n, c, r, len(survived)))
    ok = n > 0 and c * 10 >= 9 * n and c + r == n
    return lines, 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
