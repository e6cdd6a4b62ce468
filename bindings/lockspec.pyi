"""Type hints for the lockspec module (bindings/lockspec_py.cc)."""
from typing import Optional

class SourcePos:
    file: str
    line: int
    column: int

class Diagnostic:
    file: str
    line: int
    column: int
    severity: str  # "error" | "warning" | "note"
    message: str
    notes: list[Diagnostic]
    text: str

class _Documented:
    name: str
    doc: str
    source: str
    pos: SourcePos

class Mode:
    name: str
    abbrev: str
    sharing: str
    implies: list[str]
    entered_from: str
    satisfies: list[str]

class Lock(_Documented):
    kind: str
    owner: str
    path: str
    modes: list[Mode]
    apis: list[str]
    groups: list[str]

class Api(_Documented):
    kind: str
    lock: str
    mode: str
    to_mode: str
    fallback: str
    released_when: list[str]
    else_lock: str

class Atom:
    kind: str  # "lock" | "fact"
    held: bool
    lock: str
    mode: str
    fact: str
    role: str
    object: str  # the role's object type ("" for a global lock or inside a let)
    links: list[str]
    instance: str
    condition: str

class Alternative:
    label: str
    atoms: list[Atom]

class Requirement:
    text: str
    reason: str
    alternatives: list[Alternative]
    def describe(self) -> str: ...

class FieldRule:
    kind: str
    transition: str
    owner: str
    requirement: Requirement
    pos: SourcePos

class Field(_Documented):
    table: str
    config: str
    read: Optional[FieldRule]
    writes: list[FieldRule]

class Object(_Documented):
    var: str
    fields: list[Field]
    constructors: list[str]
    publishers: list[str]

class Role:
    name: str
    object: str
    expr: str

class Rejection:
    requirement: Requirement
    reason: str

class Operation(_Documented):
    subject: Role
    roles: list[Role]
    clauses: list[Requirement]
    requirement: Requirement
    rejects: list[Rejection]
    notes: list[str]
    warnings: list[str]
    apis: list[str]

class LockMode:
    lock: str
    mode: str

class OrderEdge:
    from_: LockMode
    to: LockMode
    order: str
    pos: SourcePos

class Order(_Documented):
    historical: str
    edges: list[OrderEdge]

class Topic(_Documented):
    title: str

class DerivedRow:
    state: list[str]
    values: list[bool]

class StateTable(_Documented):
    object: str
    axes: list[str]
    axis_titles: list[str]
    column_titles: list[str]
    derived: list[DerivedRow]

class Matrix(_Documented):
    lock: str
    modes: list[str]
    excludes: list[list[bool]]

class Relation(_Documented):
    kind: str
    lock: str
    mode: str
    other: str
    other_mode: str

class RstText:
    lines: list[str]
    origins: list[SourcePos]
    @property
    def text(self) -> str: ...

class RstPage(RstText):
    name: str
    title: str

class Model:
    files: list[str]
    objects: list[Object]
    locks: list[Lock]
    apis: list[Api]
    relations: list[Relation]
    orders: list[Order]
    operations: list[Operation]
    state_tables: list[StateTable]
    matrices: list[Matrix]
    topics: list[Topic]
    def lock(self, name: str) -> Optional[Lock]: ...
    def modes(self, lock: str) -> list[Mode]: ...
    def fields(self, object: str) -> list[Field]: ...
    def operation(self, name: str) -> Optional[Operation]: ...
    def alternatives(self, operation: str) -> list[Alternative]: ...
    def order_edges(self, enforced_only: bool = True) -> list[OrderEdge]: ...
    def rst_pages(self) -> list[RstPage]: ...
    def rst_page(self, name: str) -> Optional[RstPage]: ...
    def rst_operation(self, name: str) -> Optional[RstText]: ...
    def rst_field_table(self, object: str, caption: str) -> Optional[RstText]: ...
    def rst_order_graph(self) -> RstText: ...
    def order_graph_dot(self) -> str: ...
    def operation_graph_dot(self, name: str) -> Optional[str]: ...

class LoadResult:
    model: Optional[Model]
    diagnostics: list[Diagnostic]
    files: list[str]
    @property
    def ok(self) -> bool: ...

def load(path: str) -> LoadResult: ...
def load_string(text: str, name: str = "<string>") -> LoadResult: ...
