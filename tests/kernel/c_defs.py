"""What a set of C sources *defines*: functions, macros, structs and their members, enumerators,
typedefs, global variables, and the CONFIG_ symbols the code tests.

"Defines" means a declaration the compiler would see: a function definition or prototype, a
#define, a struct or union member, an enumerator, a typedef, a global variable's declaration, or
a CONFIG_X token outside comments.  Comments and string literals are blanked first, so a name
that a comment merely mentions is not defined.  This is a declaration scanner for kernel-style
headers and .c files, not a C parser: it tracks braces, parentheses and statements, which is
what telling a member from a call or a prototype from a macro invocation needs.
"""

import re
from dataclasses import dataclass, field

_IDENT = re.compile(r"[A-Za-z_]\w*")
_TOKEN = re.compile(r"[A-Za-z_]\w*|0[xX][0-9a-fA-F]+|\d+\w*|->|\.\.\.|[^\sA-Za-z_0-9]")

# Attribute macros that take no arguments and may follow a declarator or a struct body.
_BARE_ATTRIBUTES = {
    "__randomize_layout", "__packed", "__private", "__rcu", "__user", "__iomem", "__percpu",
    "__ro_after_init", "__read_mostly", "__cacheline_aligned", "__cacheline_aligned_in_smp",
    "____cacheline_aligned", "____cacheline_aligned_in_smp", "__always_inline", "__must_check",
    "__init", "__weak", "__maybe_unused", "noinline", "inline", "static", "extern", "const",
    "volatile", "__latent_entropy", "__no_randomize_layout", "__data_racy",
}

# Attribute macros that take arguments: GCC attributes, alignment, and the lock annotations of
# compiler-context-analysis.h (__acquires_shared(x), __must_hold(x), __guarded_by(x), ...).
# They are dropped with their argument list; a function whose name starts with "__" is not.
_ARG_ATTRIBUTE = re.compile(
    r"__attribute__|__aligned|__printf|__scanf|__section|__alloc_size|__cleanup|__malloc"
    r"|__counted_by\w*|__guarded_by|__pt_guarded_by|__must_check_fn|__must_hold\w*"
    r"|__(cond_)?(acquire|release)s?\w*|__requires\w*|__excludes\w*|__assumes?_\w*")


# Words that may precede `name(` in code but never a declared function's name.
_KEYWORDS = {"return", "else", "case", "do", "goto", "sizeof", "typeof", "if", "while", "for",
             "switch"}


def strip_comments_and_strings(text):
    """Blanks comments and string/char literals, keeping newlines so line numbers survive."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


@dataclass
class Definitions:
    """Every name the scanned sources define, each with the first file that defines it."""

    functions: dict = field(default_factory=dict)   # name -> file (definition or prototype)
    macros: dict = field(default_factory=dict)      # name -> file
    structs: dict = field(default_factory=dict)     # struct/union tag -> file
    members: dict = field(default_factory=dict)     # tag -> {member: type tag or ""}
    enumerators: dict = field(default_factory=dict)
    typedefs: dict = field(default_factory=dict)
    variables: dict = field(default_factory=dict)   # global variables (extern or defined)
    configs: dict = field(default_factory=dict)     # CONFIG_X -> file

    def callable(self, name):
        """A name usable as `name(...)`: a function, a function-like or object macro."""
        return name in self.functions or name in self.macros

    def constant(self, name):
        """A name usable as a value: a macro, an enumerator or a global variable."""
        return name in self.macros or name in self.enumerators or name in self.variables

    def type_name(self, name):
        return name in self.structs or name in self.typedefs

    def member(self, tag, name):
        """Whether `name` (or a dotted path "a.b" through nested members) is a member of `tag`."""
        return name in self.members.get(tag, {})

    def any_member(self, name):
        return any(name in m for m in self.members.values())

    def member_type(self, tag, name):
        return self.members.get(tag, {}).get(name, "")


def _drop_attributes(tokens):
    """Removes `__attr(...)` groups and bare attribute macros from a declaration's tokens."""
    out = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in _BARE_ATTRIBUTES:
            i += 1
            continue
        if _ARG_ATTRIBUTE.fullmatch(t) and i + 1 < len(tokens) and tokens[i + 1] == "(":
            depth, j = 0, i + 1
            while j < len(tokens):
                depth += tokens[j] == "("
                depth -= tokens[j] == ")"
                j += 1
                if depth == 0:
                    break
            i = j
            continue
        out.append(t)
        i += 1
    return out


def _drop_invocations(tokens):
    """Removes leading `MACRO(...)` invocations (DEFINE_GUARD(...), EXPORT_SYMBOL(x)) that end
    without a ';' and so run into the declaration after them."""
    while len(tokens) > 2 and re.fullmatch(r"[A-Z][A-Z0-9_]*", tokens[0]) and tokens[1] == "(":
        depth, j = 0, 1
        while j < len(tokens):
            depth += tokens[j] == "("
            depth -= tokens[j] == ")"
            j += 1
            if depth == 0:
                break
        if j >= len(tokens):
            break
        tokens = tokens[j:]
    return tokens


def _split_top(tokens, sep):
    parts, cur, depth = [], [], 0
    for t in tokens:
        if t in "([":
            depth += 1
        elif t in ")]":
            depth -= 1
        if t == sep and depth == 0:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    return parts


def _declarator_name(tokens):
    """The name a declarator declares: `(*name)(...)`, `name[..]`, `name : 3`, `name = x`."""
    for i in range(len(tokens) - 2):
        if tokens[i] == "(" and tokens[i + 1] == "*" and _IDENT.fullmatch(tokens[i + 2]):
            return tokens[i + 2]
    depth, kept = 0, []
    for t in tokens:
        if t in ("=", ":") and depth == 0:
            break
        if t in "([":
            depth += 1
        elif t in ")]":
            depth -= 1
        elif depth == 0:
            kept.append(t)
    idents = [t for t in kept if _IDENT.fullmatch(t)]
    return idents[-1] if idents else ""


def _struct_tag(tokens):
    """`struct foo` in a declaration's tokens (the type of a member), or ""."""
    for i in range(len(tokens) - 1):
        if tokens[i] in ("struct", "union") and _IDENT.fullmatch(tokens[i + 1]):
            return tokens[i + 1]
    return ""


class _Scanner:
    def __init__(self, defs, path):
        self.defs = defs
        self.path = path

    def add(self, table, name):
        if name and name not in ("struct", "union", "enum"):
            table.setdefault(name, self.path)

    def scan(self, text):
        code = strip_comments_and_strings(text)
        for m in re.finditer(r"\bCONFIG_\w+", code):
            self.add(self.defs.configs, m.group(0))
        lines = code.split("\n")
        c_lines = []
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.lstrip().startswith("#"):
                directive = line
                while directive.endswith("\\") and i + 1 < len(lines):
                    i += 1
                    directive = directive[:-1] + " " + lines[i]
                m = re.match(r"\s*#\s*define\s+([A-Za-z_]\w*)", directive)
                if m:
                    self.add(self.defs.macros, m.group(1))
                c_lines.append("")
            else:
                c_lines.append(line)
            i += 1
        self.tokens = _TOKEN.findall("\n".join(c_lines))
        self.pos = 0
        self.block(None)

    def block(self, tag):
        """Scans declarations until the matching '}' (or the end); `tag` is the key of the struct
        whose members they are (a made-up "<anonN>" for an anonymous one), None at file scope."""
        stmt = []
        while self.pos < len(self.tokens):
            t = self.tokens[self.pos]
            self.pos += 1
            if t == "}":
                if tag is not None:
                    self.statement(stmt, tag)
                    return
                stmt = []
                continue
            if t == ";":
                self.statement(stmt, tag)
                stmt = []
                continue
            if t == "{":
                stmt = self.open_brace(stmt, tag)
                continue
            stmt.append(t)
        self.statement(stmt, tag)

    def open_brace(self, stmt, tag):
        """Handles a '{' after `stmt`; returns the tokens that continue the statement."""
        clean = _drop_attributes(stmt)
        if tag is None:
            clean = _drop_invocations(clean)
        kind = None
        for j in range(len(clean) - 1, -1, -1):
            if clean[j] in ("struct", "union", "enum"):
                kind = clean[j]
                inner = clean[j + 1] if j + 1 < len(clean) and _IDENT.fullmatch(clean[j + 1]) else ""
                break
            if clean[j] in ("(", ")", "=", ","):
                break
        if kind == "enum":
            self.enum_body()
            return stmt + ["{}"]
        if kind in ("struct", "union") and "=" not in clean and ")" not in clean:
            if inner:
                self.add(self.defs.structs, inner)
            key = inner or self.anon_key()
            self.defs.members.setdefault(key, {})
            self.block(key)
            # The statement goes on with the declarators of this body, if any.
            self.pending_nested = key
            return stmt + ["{}"]
        # A function body or an initializer: record a function definition, skip the body.
        if tag is None and "(" in clean and "=" not in clean:
            self.function_name(clean)
        self.skip_body()
        return [] if tag is None and "=" not in clean else stmt + ["{}"]

    anon_count = 0
    pending_nested = None

    def anon_key(self):
        _Scanner.anon_count += 1
        return "<anon%d>" % _Scanner.anon_count

    def skip_body(self):
        depth = 1
        while self.pos < len(self.tokens) and depth:
            t = self.tokens[self.pos]
            depth += t == "{"
            depth -= t == "}"
            self.pos += 1

    def enum_body(self):
        depth = 1
        expect_name = True
        while self.pos < len(self.tokens) and depth:
            t = self.tokens[self.pos]
            self.pos += 1
            if t in "({[":
                depth += 1
            elif t in ")}]":
                depth -= 1
            elif t == "," and depth == 1:
                expect_name = True
                continue
            if expect_name and depth == 1 and _IDENT.fullmatch(t):
                self.add(self.defs.enumerators, t)
            expect_name = False

    def function_name(self, clean):
        for i, t in enumerate(clean):
            if t == "(" and i > 0 and _IDENT.fullmatch(clean[i - 1]):
                prev = clean[i - 2] if i >= 2 else ""
                if prev == "*" or (_IDENT.fullmatch(prev or "-") and prev not in _KEYWORDS):
                    self.add(self.defs.functions, clean[i - 1])
                return

    def statement(self, stmt, tag):
        nested = self.pending_nested
        self.pending_nested = None
        clean = _drop_attributes(stmt)
        if tag is None:
            clean = _drop_invocations(clean)
        if not clean:
            return
        if tag is not None:
            members = self.defs.members.setdefault(tag, {})
            if nested is not None:
                inner_members = self.defs.members.get(nested, {})
                after = clean[clean.index("{}") + 1:] if "{}" in clean else []
                names = [n for n in (_declarator_name(d) for d in _split_top(after, ",")) if n]
                if not names:  # an anonymous struct or union: its members are the outer's
                    members.update(inner_members)
                for n in names:
                    members[n] = "" if nested.startswith("<") else nested
                    for k, v in inner_members.items():
                        members[n + "." + k] = v
                return
            type_tag = _struct_tag(clean)
            for d in _split_top(clean, ","):
                name = _declarator_name(d)
                if name:
                    members[name] = type_tag
            return
        if clean[0] == "typedef":
            name = _declarator_name(clean)
            self.add(self.defs.typedefs, name)
            tag_ = _struct_tag(clean)
            if tag_ and tag_ in self.defs.members:
                self.defs.members.setdefault(name, self.defs.members[tag_])
            elif nested is not None:
                self.defs.members.setdefault(name, self.defs.members.get(nested, {}))
            return
        if "{}" in clean:
            return
        # File scope: a prototype, a global variable, or a DEFINE_X(name) macro invocation.
        if clean[0].startswith("DEFINE_") and len(clean) > 2 and clean[1] == "(":
            self.add(self.defs.variables, clean[2])
            return
        if "(" in clean and not ("(" in clean[:3] and clean[clean.index("(") + 1] == "*"):
            if _IDENT.fullmatch(clean[0]) and clean[1:2] == ["("] and len(clean) > 1:
                return  # a macro invocation at file scope (EXPORT_SYMBOL(x), ...)
            self.function_name(clean)
            return
        if clean[0] in ("struct", "union", "enum") and len(clean) == 2:
            return  # a forward declaration
        for d in _split_top(clean, ","):
            self.add(self.defs.variables, _declarator_name(d))


def scan_tree(root):
    """Definitions of every .c and .h file under `root` (a pathlib.Path), keyed by relative path."""
    defs = Definitions()
    for path in sorted(list(root.rglob("*.h")) + list(root.rglob("*.c"))):
        _Scanner(defs, str(path.relative_to(root))).scan(path.read_text(errors="replace"))
    return defs
