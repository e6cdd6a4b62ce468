// Expressions and conditions: evaluation order, assignments, and the two states a condition
// leaves (a try's success on one branch, `&&`/`||`/`?:` joins).
#include <algorithm>

#include "c_expr.h"
#include "flow_analysis.h"
#include "preprocess.h"

namespace lockspec::check {

std::vector<ts::Node> FunctionAnalysis::evalArgs(ts::Node call, State &st, int depth) {
  std::vector<ts::Node> args = callArgs(call);
  for (const ts::Node &a : args)
    eval(a, st, depth + 1);
  forgetWritten(st, args);
  return args;
}

void FunctionAnalysis::pointerSet(State &st, const std::string &var) {
  std::erase(st.gone, "*" + var); // a release through the old value says nothing of the new
}

void FunctionAnalysis::evalInto(ts::Node value, const std::string &var, State &st, int depth) {
  ts::Node v = value;
  std::erase(st.unpublished, var); // whatever `var` pointed to before
  if (stripNode(v) == std::string_view("call_expression")) {
    // A constructor's result is new whatever the call names (in a constructor's own body,
    // the allocator it returns from is a plain kmalloc).
    if (constructs(v, var))
      st.unpublished.push_back(var);
    // A table found through an entry built in this function's own frame (`pte =
    // pte_offset_map(&_pmd, addr)` after `pmd_populate(mm, &_pmd, pgtable)`) is linked into
    // no page table yet: no other thread can reach it or need its lock.
    else if (ts::Node fn = v.child("function");
             isIdentifier(var) && (index_.api(fn.text()) || index_.pointer(fn.text())))
      for (const ts::Node &a : callArgs(v)) {
        std::string c = canonical(a);
        if (c.size() > 1 && c[0] == '&' && isIdentifier(c.substr(1)) && freshLocalValue(c.substr(1))) {
          st.unpublished.push_back(var);
          break;
        }
      }
    // As in eval(): a call that names nothing the spec or a summary knows has no effect.
    if (!mayHaveEffect(st, v.text()))
      return;
    std::vector<ts::Node> args = evalArgs(v, st, depth);
    if (auto t = applyCall(v, st, var, args)) {
      addMay(st, t->held);
      for (const Held &h : t->more)
        addMay(st, h);
    }
    return;
  }
  eval(value, st, depth + 1);
  std::erase_if(st.pending, [&](const Pending &p) { return p.var == var; });
}

void FunctionAnalysis::succeeded(State &st, const Held &h) {
  // Held now: a may-hold of the same lock (a retry loop's back edge joined with its first
  // entry) is superseded, as an acquisition supersedes it.  Kept beside the hold, it would
  // turn the hold into a may-hold at the next join.  RCU read sections nest: another one
  // may still be open.
  if (h.lock && h.lock->kind != LockKind::Rcu)
    std::erase_if(st.held, [&](const Held &o) { return o.may && sameHold(o, h); });
  st.held.push_back(h);
}

void FunctionAnalysis::addMay(State &st, Held h) {
  h.may = true; // An unchecked try: held or not, the checker cannot tell.
  st.held.push_back(h);
}

void FunctionAnalysis::eval(ts::Node e, State &st, int depth) {
  if (e.isNull() || !st.live || depth > kMaxDepth)
    return;
  if (e.namedChildCount() > 0 && !mayHaveEffect(st, e.text()))
    return;
  std::string_view t = e.type();
  if (t == "call_expression") {
    ts::Node fn = e.child("function");
    std::string_view n = fn.text();
    // cleanup.h: `guard(name)(args)` takes the guard class's lock, held to the end of the
    // scope.  The end of the scope is not modelled: the hold is never a leak, as an assert's.
    if (std::string_view(fn.type()) == "call_expression" &&
        fn.child("function").text() == "guard") {
      std::vector<ts::Node> g = callArgs(fn);
      const std::string *lock =
          g.size() == 1 ? MacroHints::kernel().guardLock(g[0].text()) : nullptr;
      if (lock) {
        std::vector<ts::Node> args = evalArgs(e, st, depth);
        size_t before = st.held.size();
        applyCall(e, st, "", args, *lock);
        for (size_t i = before; i < st.held.size(); ++i)
          st.held[i].asserted = true;
        return;
      }
    }
    if (n == "likely" || n == "unlikely" || std::string_view(fn.type()) != "identifier") {
      eval(fn, st, depth + 1);
      evalArgs(e, st, depth);
      return;
    }
    std::vector<ts::Node> args = evalArgs(e, st, depth);
    if (auto tr = applyCall(e, st, "", args)) {
      addMay(st, tr->held);
      for (const Held &h : tr->more)
        addMay(st, h);
    }
    return;
  }
  if (t == "assignment_expression") {
    ts::Node left = e.child("left"), right = e.child("right");
    ts::Node l = left;
    stripNode(l);
    bool plain = true;
    for (const ts::Node &c : e.children())
      if (!c.isNamed())
        plain = c.text() == "=";
    std::string_view lt = l.type();
    // A flag (`locked = false;`, `*locked = 0;`, `vms->unlock = unlock;`) now has the
    // value assigned, or one the checker does not know; a call's result stored in it may
    // guard a hold (set by the call, so after this).
    bool flag = lt == "identifier" || lt == "field_expression" || lt == "pointer_expression";
    if (flag)
      setFact(st, canonical(l), plain ? literalValue(right) : std::nullopt);
    if (lt != "identifier") {
      // Stored through a pointer (`vmg->target = vma`, `*vmap = vma`): others may reach it.
      ts::Node r = right;
      if (stripNode(r) == std::string_view("identifier"))
        if (std::string key = resolve(std::string(r.text())); isUnpublished(st, key))
          publish(st, key);
    }
    if (lt == "identifier" && plain) {
      evalInto(right, std::string(l.text()), st, depth);
      assigned(std::string(l.text()), right);
      pointerSet(st, std::string(l.text()));
    } else if (lt == "field_expression" && plain) {
      handOver(l, right, st);
      evalInto(right, canonical(l), st, depth); // `vmf->ptl = pmd_lock(...)`
      bindPointer(canonical(l), right);         // `vmf->ptl = pte_lockptr(...)`
      if (ts::Node r = right; stripNode(r) == std::string_view("identifier"))
        storedIn_[std::string(r.text())] = canonical(l);
    } else {
      if (lt == "pointer_expression" && plain)
        handOver(l, right, st);
      eval(right, st, depth + 1);
      if (lt == "identifier")
        assigned(std::string(l.text()), {});
    }
    fieldWrite(left, plain ? right : ts::Node(), st);
    return;
  }
  if (t == "update_expression") {
    eval(e.child("argument"), st, depth + 1);
    if (!st.facts.empty() || st.held.size() > 0)
      setFact(st, canonical(e.child("argument")), std::nullopt);
    fieldWrite(e.child("argument"), {}, st);
    return;
  }
  if (t == "conditional_expression" || (t == "binary_expression" && (isLogical(e)))) {
    auto [yes, no] = cond(t == "conditional_expression" ? e.child("condition") : e, st, depth);
    if (t == "conditional_expression") {
      eval(e.child("consequence"), yes, depth + 1);
      eval(e.child("alternative"), no, depth + 1);
    }
    st = join(yes, no);
    return;
  }
  if (t == "identifier" || t == "number_literal" || t == "string_literal" || t == "char_literal" ||
      t == "sizeof_expression" || t == "null" || t == "true" || t == "false" || t == "comment" ||
      t == "concatenated_string")
    return;
  // A member access does nothing unless a call hides in it (`f(x)->y`).
  if (t == "field_expression" && e.text().find('(') == std::string_view::npos)
    return;
  if (t == "compound_statement") { // GNU statement expression
    st = graph(e, st, true, depth + 1);
    return;
  }
  for (const ts::Node &c : e.namedChildren())
    eval(c, st, depth + 1);
}

std::pair<const Lock *, std::string> FunctionAnalysis::pointerLock(ts::Node e) const {
  ts::Node n = e;
  std::string_view t = stripNode(n);
  if (t != "identifier" && t != "field_expression")
    return {nullptr, ""};
  std::string c = canonical(n);
  auto bound = pointerClass_.find(c);
  if (bound != pointerClass_.end())
    return {bound->second, "*" + c};
  return {nullptr, ""};
}

bool FunctionAnalysis::mayHaveEffect(const State &st, std::string_view text) const {
  if (!st.pending.empty() ||
      (!knowsNothing(st) && text.find('(') != std::string_view::npos))
    return true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '=' || c == '{' || c == '?' ||
        ((c == '&' || c == '|') && i + 1 < text.size() && text[i + 1] == c))
      return true;
  }
  return mentions(text);
}

std::optional<bool> FunctionAnalysis::literalValue(ts::Node value) {
  if (value.isNull())
    return std::nullopt;
  if (std::string_view(stripNode(value)) == "assignment_expression") // `a = b = NULL`
    return literalValue(value.child("right"));
  switch (classifyReturn(canonical(value))) {
  case ReturnClass::Zero:
    return false;
  case ReturnClass::Nonzero:
    return true;
  default:
    return std::nullopt;
  }
}

void FunctionAnalysis::forgetWritten(State &st, const std::vector<ts::Node> &args) {
  if (knowsNothing(st))
    return;
  for (const ts::Node &a : args) {
    std::string_view t = a.type();
    if (t == "identifier") {
      setFact(st, "*" + std::string(a.text()), std::nullopt);
    } else if (t == "pointer_expression" && !a.children().empty() &&
               a.children().front().text() == "&") {
      std::string c = canonical(a);
      if (c.size() > 1 && c[0] == '&')
        setFact(st, c.substr(1), std::nullopt);
    }
  }
}

bool FunctionAnalysis::isLogical(ts::Node e) {
  for (const ts::Node &c : e.children())
    if (!c.isNamed() && (c.text() == "&&" || c.text() == "||"))
      return true;
  return false;
}

std::string_view FunctionAnalysis::binaryOp(ts::Node e) {
  for (const ts::Node &c : e.children())
    if (!c.isNamed())
      return c.text();
  return "";
}

std::optional<std::pair<State, State>> FunctionAnalysis::scopedGuard(ts::Node e, State &st,
                                                                     int depth) {
  std::vector<ts::Node> g = callArgs(e.child("function"));
  const std::string *lock = g.size() == 1 ? MacroHints::kernel().guardLock(g[0].text()) : nullptr;
  ts::Node stmt = e.parent();
  while (!stmt.isNull() && std::string_view(stmt.type()) == "parenthesized_expression")
    stmt = stmt.parent();
  if (!lock || stmt.isNull() || std::string_view(stmt.type()) != "if_statement")
    return std::nullopt;
  uint32_t begin = stmt.child("consequence").begin(), end = stmt.end();
  std::vector<ts::Node> args = evalArgs(e, st, depth);
  size_t before = st.held.size();
  auto scope = [&](Held &h) {
    // Released by the compiler at the end of the scope, and on a return in it: never a leak.
    h.scopeBegin = begin;
    h.scopeEnd = end;
  };
  if (auto tr = applyCall(e, st, "", args, *lock)) {
    // A conditional guard class: the statement runs only when the lock was taken.
    State yes = st;
    Held h = tr->held;
    scope(h);
    yes.held.push_back(h);
    return std::pair{std::move(yes), std::move(st)};
  }
  for (size_t i = before; i < st.held.size(); ++i)
    scope(st.held[i]);
  return std::pair{std::move(st), deadState()}; // the statement always runs
}

std::pair<State, State> FunctionAnalysis::cond(ts::Node e, State st, int depth) {
  if (e.isNull() || !st.live || depth > kMaxDepth)
    return {st, st};
  std::string_view t = e.type();
  if (t == "parenthesized_expression" && e.namedChildCount() == 1)
    return cond(e.namedChild(0), std::move(st), depth + 1);
  if (t == "unary_expression" && e.children().size() >= 1 && e.children().front().text() == "!") {
    auto [yes, no] = cond(e.child("argument"), std::move(st), depth + 1);
    return {no, yes};
  }
  if (t == "binary_expression") {
    std::string_view op = binaryOp(e);
    ts::Node left = e.child("left"), right = e.child("right");
    if (op == "&&") {
      auto [lt, lf] = cond(left, std::move(st), depth + 1);
      auto [rt, rf] = cond(right, std::move(lt), depth + 1);
      return {rt, join(lf, rf)};
    }
    if (op == "||") {
      auto [lt, lf] = cond(left, std::move(st), depth + 1);
      auto [rt, rf] = cond(right, std::move(lf), depth + 1);
      return {join(lt, rt), rf};
    }
    if (op == "==" || op == "!=") {
      auto [lx, kx] = pointerLock(left);
      auto [ly, ky] = pointerLock(right);
      if (lx && ly && kx != ky) { // `ptl != pml`: two names of one lock, or two locks
        eval(e, st, depth + 1);
        State eq = st, ne = std::move(st);
        comparePointers(eq, lx, kx, ly, ky, true);
        comparePointers(ne, lx, kx, ly, ky, false);
        return op == "==" ? std::pair{eq, ne} : std::pair{ne, eq};
      }
    }
    bool rightNull = isNullLiteral(right.text()), leftNull = isNullLiteral(left.text());
    if ((op == "==" || op == "!=") && (rightNull || leftNull)) {
      auto [yes, no] = cond(rightNull ? left : right, std::move(st), depth + 1);
      return op == "!=" ? std::pair{yes, no} : std::pair{no, yes};
    }
    if (op == "<" && rightNull) // `err < 0`: the call failed, as `err` being nonzero says.
      return cond(left, std::move(st), depth + 1);
    // `ret & VM_FAULT_RETRY`, `fault & (VM_FAULT_RETRY | VM_FAULT_COMPLETED)`: result bits.
    ts::Node var = left;
    std::string_view vt = stripNode(var);
    if (op == "&" && (vt == "identifier" || vt == "field_expression") &&
        std::all_of(right.text().begin(), right.text().end(), [](char c) {
          return isIdentifier(std::string_view(&c, 1)) || c == '|' || c == ' ' || c == '(' ||
                 c == ')' || c == '\n' || c == '\t';
        })) {
      std::vector<std::string> bits;
      anyIdentifier(right.text(), [&](std::string_view w) {
        bits.emplace_back(w);
        return false;
      });
      std::sort(bits.begin(), bits.end());
      std::string v = canonical(var);
      State yes = st, no = st;
      assumeBits(yes, v, bits, true);
      assumeBits(no, v, bits, false);
      return {yes, no};
    }
  }
  if (t == "call_expression" && std::string_view(e.child("function").type()) == "call_expression" &&
      e.child("function").child("function").text() == "guard")
    if (auto scoped = scopedGuard(e, st, depth))
      return *scoped;
  if (t == "call_expression") {
    ts::Node fn = e.child("function");
    std::string_view n = fn.text();
    std::vector<ts::Node> args = callArgs(e);
    if ((n == "likely" || n == "unlikely") && args.size() == 1)
      return cond(args[0], std::move(st), depth + 1);
    for (const ts::Node &a : args)
      eval(a, st, depth + 1);
    forgetWritten(st, args);
    auto tr = applyCall(e, st, "", args);
    // A callee of the files checked that only ever returns zero: its true branch is dead.
    if (const FunctionSummary *s = ctx_ && ctx_->callee ? ctx_->callee(n) : nullptr;
        s && s->returnsZero)
      return {deadState(), st};
    if (!tr)
      return {st, st};
    State yes = st, no = st;
    succeeded(tr->success == TrySuccess::Zero ? no : yes, tr->held);
    for (const Held &h : tr->more)
      succeeded(tr->success == TrySuccess::Zero ? no : yes, h);
    return {yes, no};
  }
  if (t == "assignment_expression") {
    eval(e, st, depth + 1);
    ts::Node left = e.child("left");
    return cond(left, std::move(st), depth + 1);
  }
  if (t == "update_expression" && !e.child("argument").isNull() &&
      e.child("argument").begin() == e.begin()) { // `ptep++` tests the old value
    auto [yes, no] = cond(e.child("argument"), std::move(st), depth + 1);
    setFact(no, canonical(e.child("argument")), std::nullopt); // NULL + 1 is no longer NULL
    return {yes, no};
  }
  bool deref = t == "pointer_expression" && !e.children().empty() &&
               e.children().front().text() == "*";
  if (t == "identifier" || t == "field_expression" || deref) {
    std::string var = canonical(e);
    // A pointer known NULL on this path: the branch that needs it non-NULL is not taken.
    if (const Fact *f = factOf(st, var); t == "identifier" && f && !f->nonzero)
      return {deadState(), st};
    State yes = st, no = st;
    std::erase_if(yes.pending, [&](const Pending &p) { return p.var == var; });
    std::erase_if(no.pending, [&](const Pending &p) { return p.var == var; });
    for (const Pending &p : st.pending) {
      if (p.var != var)
        continue;
      // The hold is tied to the variable: a later test of it (`if (pte) pte_unmap(pte);`)
      // tells the paths that hold it from those that do not.  A hold on some of those paths
      // only (a callee's may-hold) stays one.
      Held h = p.held;
      if (!h.may) {
        h.guard = var;
        h.guardNonzero = p.success != TrySuccess::Zero;
      }
      succeeded(p.success == TrySuccess::Zero ? no : yes, h);
    }
    assume(yes, var, true);
    assume(no, var, false);
    return {yes, no};
  }
  eval(e, st, depth + 1);
  return {st, st};
}

std::optional<bool> FunctionAnalysis::knownValue(const State &st, const std::string &key) const {
  if (ReturnClass c = classifyReturn(key); c == ReturnClass::Zero || c == ReturnClass::Nonzero)
    return c == ReturnClass::Nonzero;
  if (const Fact *f = factOf(st, key); f && ctx_ && passedIn(toParams(resolve(key), ctx_->params)))
    return f->nonzero;
  size_t dot = key.find('.');
  if (dot == std::string::npos || !isIdentifier(std::string_view(key).substr(0, dot)) ||
      !isIdentifier(std::string_view(key).substr(dot + 1)))
    return std::nullopt;
  std::string_view var = std::string_view(key).substr(0, dot);
  std::string_view field = std::string_view(key).substr(dot + 1);
  std::optional<bool> value;
  bool designated = false, assigned = false;
  std::vector<ts::Node> todo{function_.child("body")};
  while (!todo.empty() && !assigned) {
    ts::Node n = todo.back();
    todo.pop_back();
    std::string_view t = n.type();
    if (t == "init_declarator" && n.child("declarator").text() == var &&
        std::string_view(n.child("value").type()) == "initializer_list") {
      for (const ts::Node &item : n.child("value").namedChildren()) {
        if (std::string_view(item.type()) != "initializer_pair")
          continue;
        designated = true;
        ts::Node d = item.child("designator");
        if (!d.isNull() && std::string_view(d.type()) == "field_designator" &&
            d.text().substr(d.text().find_first_not_of(". \t")) == field)
          value = literalValue(item.child("value"));
      }
      continue;
    }
    if ((t == "assignment_expression" && canonical(n.child("left")) == key) ||
        (t == "update_expression" && canonical(n.child("argument")) == key))
      assigned = true;
    for (const ts::Node &c : n.children())
      todo.push_back(c);
  }
  if (assigned || !designated || !ctx_ || !ctx_->assignedFields ||
      ctx_->assignedFields->count(std::string(field)))
    return std::nullopt;
  return value ? value : std::optional<bool>(false);
}

bool FunctionAnalysis::reassigned(std::string_view param) const {
  auto it = reassigned_.find(param);
  if (it != reassigned_.end())
    return it->second;
  bool assigned = false;
  std::vector<ts::Node> todo{function_.child("body")};
  while (!todo.empty() && !assigned) {
    ts::Node n = todo.back();
    todo.pop_back();
    std::string_view t = n.type();
    if ((t == "assignment_expression" && n.child("left").text() == param) ||
        (t == "update_expression" && n.child("argument").text() == param))
      assigned = true;
    for (const ts::Node &c : n.children())
      todo.push_back(c);
  }
  reassigned_.emplace(std::string(param), assigned);
  return assigned;
}

void FunctionAnalysis::handOver(ts::Node l, ts::Node right, State &st) {
  ts::Node rv = right;
  if (!ctx_ || stripNode(rv) != std::string_view("identifier") ||
      toParams(canonical(l), ctx_->params).empty())
    return;
  // Stored where the caller reads it (`madv_behavior->vma = vma;`): a lock of that object
  // is named by the caller through the same place, and so is one of an object reached from
  // it (`*vmap = vma;` handing back a new VMA whose file's i_mmap lock is held:
  // `vma->vm_file->f_mapping`).  The object's own lock stored through a pointer is left to
  // the out-parameter rules.
  bool field = std::string_view(l.type()) == "field_expression";
  std::string_view v = rv.text();
  for (Held &h : st.held) {
    std::string_view k = h.key;
    if (k == v && field)
      h.handedTo = canonical(l);
    else if (k.size() > v.size() + 2 && k.substr(0, v.size()) == v &&
             k.substr(v.size(), 2) == "->")
      h.handedTo =
          (field ? canonical(l) : "(" + canonical(l) + ")") + std::string(k.substr(v.size()));
  }
}

bool FunctionAnalysis::freshLocalValue(std::string_view id) const {
  ts::Node body = function_.child("body");
  bool declared = false, assigned = false;
  std::vector<ts::Node> todo{body};
  while (!todo.empty() && !assigned) {
    ts::Node n = todo.back();
    todo.pop_back();
    std::string_view t = n.type();
    if (t == "declaration") {
      for (const ts::Node &d : n.children()) {
        std::string_view dt = d.type();
        if (dt == "identifier" && d.text() == id)
          declared = true; // `pmd_t _pmd;`
        else if (dt == "init_declarator" && d.child("declarator").text() == id)
          assigned = true; // initialised: a copy of something
      }
      continue;
    }
    if (t == "assignment_expression" && n.child("left").text() == id)
      assigned = true;
    for (const ts::Node &c : n.children())
      todo.push_back(c);
  }
  return declared && !assigned;
}

} // namespace lockspec::check
