// Expressions and conditions: evaluation order, assignments, and the two states a condition
// leaves (a try's success on one branch, `&&`/`||`/`?:` joins).
#include <algorithm>

#include "c_expr.h"
#include "flow_analysis.h"
#include "preprocess.h"

namespace lockspec::check {

namespace {

/// The hold a try stored in `var` gives where a test of `var` says it succeeded, tied to the
/// variable: a later test of it (`if (pte) pte_unmap(pte);`) tells the paths that hold it
/// from those that do not.  A hold on some of those paths only (a callee's may-hold) stays one.
Held tiedTo(const Pending &p, const std::string &var) {
  Held h = p.held;
  if (!h.may) {
    h.guard = var;
    h.guardNonzero = p.success != TrySuccess::Zero;
  }
  return h;
}

} // namespace

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
  // `pte = kernel ? pte_offset_kernel(pmd, addr) : pte_offset_map_lock(mm, pmd, addr, &ptl);`:
  // each arm stores into `var`; a try of one arm is pending on `var` as a may-hold (the other
  // arm took nothing), which a NULL test of `var` still clears.
  if (stripNode(v) == std::string_view("conditional_expression") &&
      mayHaveEffect(st, v.text())) {
    auto [yes, no] = cond(v.child("condition"), st, depth + 1);
    evalInto(v.child("consequence"), var, yes, depth + 1);
    evalInto(v.child("alternative"), var, no, depth + 1);
    auto in = [&](const State &s, const Pending &p) {
      return std::any_of(s.pending.begin(), s.pending.end(), [&](const Pending &o) {
        return o.var == p.var && sameHold(o.held, p.held);
      });
    };
    State joined = join(yes, no);
    for (Pending &p : joined.pending)
      if (p.var == var && !(in(yes, p) && in(no, p)))
        p.held.may = true;
    st = std::move(joined);
    return;
  }
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
  // `start_pte = pte = pte_offset_map_lock(...)`: the try's result is in both variables, so
  // a test of either settles it.
  ts::Node inner = v.child("left");
  bool chained = stripNode(v) == std::string_view("assignment_expression") &&
                 v.child("operator").text() == "=" && !inner.isNull() &&
                 stripNode(inner) == std::string_view("identifier") && inner.text() != var;
  eval(value, st, depth + 1);
  std::erase_if(st.pending, [&](const Pending &p) { return p.var == var; });
  if (chained) {
    std::vector<Pending> also;
    for (const Pending &p : st.pending)
      if (p.var == inner.text()) {
        also.push_back(p);
        also.back().var = var;
      }
    st.pending.insert(st.pending.end(), also.begin(), also.end());
  }
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
    // `BUG_ON(cond);`, `WARN_ON(cond);` as a statement: the code goes on where cond is false.
    if (MacroHints::kernel().assertion(n) && !e.parent().isNull() &&
        std::string_view(e.parent().type()) == "expression_statement") {
      std::vector<ts::Node> args = callArgs(e);
      if (!args.empty()) {
        assertion(e, args, st, depth);
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
    bool plain = e.child("operator").text() == "=";
    std::string_view lt = l.type();
    // A flag (`locked = false;`, `*locked = 0;`, `vms->unlock = unlock;`) now has the
    // value assigned, or one the checker does not know; a call's result stored in it may
    // guard a hold (set by the call, so after this).
    bool flag = lt == "identifier" || lt == "field_expression" || lt == "pointer_expression";
    std::string_view op;
    for (const ts::Node &c : e.children())
      if (!c.isNamed())
        op = c.text();
    if (flag && plain)
      assignFact(st, canonical(l), right);
    else if (flag && !stridesValidPointer(st, l, op))
      setFact(st, canonical(l), std::nullopt);
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
    } else if ((lt == "field_expression" || lt == "pointer_expression") && plain) {
      std::string to = canonical(l);
      if (lt == "field_expression") {
        // A field of the caller's object set anew: no longer what the caller put there.
        std::string_view root = rootIdentifier(to);
        if (root != to && !root.empty() &&
            anyIdentifier(function_.child("declarator").text(),
                          [&](std::string_view p) { return p == root; })) {
          auto at = std::lower_bound(st.reassigned.begin(), st.reassigned.end(), to);
          if (at == st.reassigned.end() || *at != to)
            st.reassigned.insert(at, to);
        }
      }
      handOver(l, right, st);
      // `vmf->ptl = pmd_lock(...)`, `*vmap = lock_vma_under_rcu(...)`: held as the name says.
      evalInto(right, to, st, depth);
      if (lt == "field_expression") {
        bindPointer(to, right); // `vmf->ptl = pte_lockptr(...)`
        if (ts::Node r = right; stripNode(r) == std::string_view("identifier"))
          storedIn_[std::string(r.text())] = to;
      }
    } else {
      eval(right, st, depth + 1);
      if (lt == "identifier")
        assigned(std::string(l.text()), {});
    }
    fieldWrite(left, plain ? right : ts::Node(), st);
    return;
  }
  if (t == "update_expression") {
    eval(e.child("argument"), st, depth + 1);
    std::string_view op;
    for (const ts::Node &c : e.children())
      if (!c.isNamed())
        op = c.text();
    if ((!st.facts.empty() || st.held.size() > 0) &&
        !stridesValidPointer(st, e.child("argument"), op == "++" ? "+=" : "-="))
      setFact(st, canonical(e.child("argument")), std::nullopt);
    fieldWrite(e.child("argument"), {}, st);
    return;
  }
  if (t == "conditional_expression" || (t == "binary_expression" && (isLogical(e)))) {
    auto [yes, no] =
        cond(t == "conditional_expression" ? e.child("condition") : e, std::move(st), depth);
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

std::optional<Fact> FunctionAnalysis::literalValue(ts::Node value) {
  if (value.isNull())
    return std::nullopt;
  std::string_view t = stripNode(value);
  if (t == "assignment_expression") // `a = b = NULL`
    return literalValue(value.child("right"));
  if (t == "conditional_expression") { // `oldcnt ? NULL : ERR_PTR(-EAGAIN)`
    auto a = literalValue(value.child("consequence")), b = literalValue(value.child("alternative"));
    if (a && b && *a == *b)
      return a;
    if (a && b && !valid(*a) && !valid(*b))
      return Fact{"", false, true}; // NULL or an error pointer
    return std::nullopt;
  }
  switch (classifyReturn(canonical(value))) {
  case ReturnClass::Zero:
    return Fact{"", false, false};
  case ReturnClass::Nonzero:
    return Fact{"", true, false};
  case ReturnClass::Error:
    return Fact{"", true, true};
  default:
    return std::nullopt;
  }
}

void FunctionAnalysis::assignFact(State &st, const std::string &var, ts::Node value) {
  std::optional<Fact> v = literalValue(value);
  setFact(st, var, v ? std::optional(v->nonzero) : std::nullopt, v && v->error);
}

void FunctionAnalysis::forgetWritten(State &st, const std::vector<ts::Node> &args) {
  if (knowsNothing(st))
    return;
  for (const ts::Node &a : args) {
    std::string_view t = a.type();
    if (t == "identifier") {
      setFact(st, "*" + std::string(a.text()), std::nullopt);
    } else if (t == "pointer_expression" && a.child("operator").text() == "&") {
      std::string c = canonical(a);
      if (c.size() > 1 && c[0] == '&')
        setFact(st, c.substr(1), std::nullopt);
    }
  }
}

bool FunctionAnalysis::isLogical(ts::Node e) {
  std::string_view op = binaryOp(e);
  return op == "&&" || op == "||";
}

std::string_view FunctionAnalysis::binaryOp(ts::Node e) {
  return e.child("operator").text();
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
    return {st, std::move(st)};
  std::string_view t = e.type();
  if (t == "parenthesized_expression" && e.namedChildCount() == 1)
    return cond(e.namedChild(0), std::move(st), depth + 1);
  if (t == "unary_expression" && e.child("operator").text() == "!") {
    auto [yes, no] = cond(e.child("argument"), std::move(st), depth + 1);
    return {std::move(no), std::move(yes)};
  }
  if (t == "binary_expression") {
    std::string_view op = binaryOp(e);
    ts::Node left = e.child("left"), right = e.child("right");
    if (op == "&&") {
      auto [lt, lf] = cond(left, std::move(st), depth + 1);
      auto [rt, rf] = cond(right, std::move(lt), depth + 1);
      return {std::move(rt), join(lf, rf)};
    }
    if (op == "||") {
      auto [lt, lf] = cond(left, std::move(st), depth + 1);
      auto [rt, rf] = cond(right, std::move(lf), depth + 1);
      return {join(lt, rt), std::move(rf)};
    }
    if (op == "==" || op == "!=") {
      auto [lx, kx] = pointerLock(left);
      auto [ly, ky] = pointerLock(right);
      if (lx && ly && kx != ky) { // `ptl != pml`: two names of one lock, or two locks
        eval(e, st, depth + 1);
        State eq = st, ne = std::move(st);
        comparePointers(eq, lx, kx, ly, ky, true);
        comparePointers(ne, lx, kx, ly, ky, false);
        return op == "==" ? std::pair{std::move(eq), std::move(ne)}
                          : std::pair{std::move(ne), std::move(eq)};
      }
      // Two object pointers (`src_vma != dst_vma`): one object where they are equal.
      if (!lx && !ly && !isNullLiteral(left.text()) && !isNullLiteral(right.text()) &&
          (!st.held.empty() || !st.dropped.empty())) {
        eval(e, st, depth + 1);
        std::string x = resolve(canonical(left)), y = resolve(canonical(right));
        State eq = st, ne = std::move(st);
        if (x != y) {
          compareObjects(eq, x, y, true);
          compareObjects(ne, x, y, false);
        }
        return op == "==" ? std::pair{eq, ne} : std::pair{ne, eq};
      }
    }
    bool rightNull = isNullLiteral(right.text()), leftNull = isNullLiteral(left.text());
    if ((op == "==" || op == "!=") && (rightNull || leftNull)) {
      auto [yes, no] = cond(rightNull ? left : right, std::move(st), depth + 1);
      return op == "!=" ? std::pair{std::move(yes), std::move(no)}
                        : std::pair{std::move(no), std::move(yes)};
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
      State yes = st, no = std::move(st);
      assumeBits(yes, v, bits, true);
      assumeBits(no, v, bits, false);
      return {std::move(yes), std::move(no)};
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
    // `if (WARN_ON_ONCE(!vma))`: a warning macro's value is its condition.
    if (MacroHints::kernel().assertion(n) && !args.empty()) {
      auto [yes, no] = cond(args[0], std::move(st), depth + 1);
      for (size_t i = 1; i < args.size(); ++i) {
        eval(args[i], yes, depth + 1);
        eval(args[i], no, depth + 1);
      }
      return {std::move(yes), std::move(no)};
    }
    if (const MacroHints::ErrorPointer *role = MacroHints::kernel().errorPointer(n);
        role && *role != MacroHints::ErrorPointer::Make && args.size() == 1)
      return errorTest(args[0], *role == MacroHints::ErrorPointer::TestOrNull, std::move(st),
                       depth + 1);
    for (const ts::Node &a : args)
      eval(a, st, depth + 1);
    forgetWritten(st, args);
    auto tr = applyCall(e, st, "", args);
    // A callee of the files checked that only ever returns zero: its true branch is dead.
    if (const FunctionSummary *s = ctx_ && ctx_->callee ? ctx_->callee(n) : nullptr;
        s && s->returnsZero)
      return {deadState(), std::move(st)};
    if (!tr)
      return {st, std::move(st)};
    State yes = st, no = std::move(st);
    succeeded(tr->success == TrySuccess::Zero ? no : yes, tr->held);
    for (const Held &h : tr->more)
      succeeded(tr->success == TrySuccess::Zero ? no : yes, h);
    return {std::move(yes), std::move(no)};
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
    return {std::move(yes), std::move(no)};
  }
  bool deref = t == "pointer_expression" && e.child("operator").text() == "*";
  if (t == "identifier" || t == "field_expression" || deref) {
    std::string var = canonical(e);
    // A pointer known NULL on this path: the branch that needs it non-NULL is not taken.
    if (const Fact *f = factOf(st, var); t == "identifier" && f && !f->nonzero && !f->error)
      return {deadState(), std::move(st)};
    // Likewise a flag known set (an error pointer is nonzero too): the branch that needs it
    // zero is not taken.  `bool mmap_locked = true;` then `if (!mmap_locked) relock` at the
    // head of a retry loop is no relock on the way in; taking that branch would join a hold
    // of the function's own with the caller's hold it stands for, and the release after it
    // would end that may-hold instead of the caller's (madvise_collapse).
    if (const Fact *f = factOf(st, var); t == "identifier" && f && f->nonzero)
      return {std::move(st), deadState()};
    State yes = st, no = st;
    // The same try's result stored in another variable too (`a = b = try()`) is settled
    // with this one.
    std::vector<std::pair<uint32_t, const Lock *>> tries;
    for (const Pending &p : st.pending)
      if (p.var == var)
        tries.emplace_back(p.held.at, p.held.lock);
    auto settled = [&](const Pending &p) {
      return p.var == var || std::find(tries.begin(), tries.end(),
                                       std::pair{p.held.at, p.held.lock}) != tries.end();
    };
    std::erase_if(yes.pending, settled);
    std::erase_if(no.pending, settled);
    for (const Pending &p : st.pending) {
      if (p.var != var)
        continue;
      succeeded(p.success == TrySuccess::Zero ? no : yes, tiedTo(p, var));
    }
    assume(yes, var, true);
    assume(no, var, false);
    // A caller's lock of a parameter the function releases elsewhere: where the parameter
    // is NULL the caller held none, so none is left held there either.
    if (ctx_ && summary_ && t == "identifier" && toParams(var, ctx_->params).rfind("$", 0) == 0)
      for (const std::vector<Instance> *list : {&entryHeld_, &callerLocks_})
        for (const Instance &i : *list)
          if (i.lock && i.key == var)
            addDropped(no, holdOf(i.lock, "", var, e.begin(), e.end()));
    return {std::move(yes), std::move(no)};
  }
  eval(e, st, depth + 1);
  return {st, std::move(st)};
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
          if (std::optional<Fact> f = literalValue(item.child("value")))
            value = f->nonzero;
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

bool FunctionAnalysis::assignedInBody(std::string_view param) const {
  auto it = assignedInBody_.find(param);
  if (it != assignedInBody_.end())
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
  assignedInBody_.emplace(std::string(param), assigned);
  return assigned;
}

void FunctionAnalysis::handOver(ts::Node l, ts::Node right, State &st) {
  ts::Node rv = right;
  if (!ctx_ || stripNode(rv) != std::string_view("identifier") ||
      toParams(canonical(l), ctx_->params).empty())
    return;
  // Stored where the caller reads it (`madv_behavior->vma = vma;`, `*vmap = vma;`): a lock
  // of that object is named by the caller through the same place, and so is one of an object
  // reached from it (`*vmap = vma;` handing back a new VMA whose file's i_mmap lock is held:
  // `vma->vm_file->f_mapping`).
  bool field = std::string_view(l.type()) == "field_expression";
  std::string_view v = rv.text();
  std::string to = canonical(l);
  auto hand = [](Held &h, std::string name) {
    if (std::find(h.handedTo.begin(), h.handedTo.end(), name) == h.handedTo.end())
      h.handedTo.push_back(std::move(name));
  };
  for (Held &h : st.held) {
    std::string_view k = h.key;
    if (k == v)
      hand(h, to);
    else if (k.size() > v.size() + 2 && k.substr(0, v.size()) == v &&
             k.substr(v.size(), 2) == "->")
      hand(h, (field ? to : "(" + to + ")") + std::string(k.substr(v.size())));
  }
}

void FunctionAnalysis::assertion(ts::Node call, const std::vector<ts::Node> &args, State &st,
                                 int depth) {
  // The try inside, through `!` and parentheses: does the path going on need it to fail?
  ts::Node c = args[0];
  bool negated = false;
  for (int guard = 0; guard < 16; ++guard) {
    std::string_view t = stripNode(c);
    if (t == "unary_expression" && !c.children().empty() && c.children().front().text() == "!") {
      negated = !negated;
      c = c.child("argument");
    } else if (t == "call_expression" &&
               (c.child("function").text() == "likely" || c.child("function").text() == "unlikely") &&
               callArgs(c).size() == 1) {
      c = callArgs(c)[0];
    } else
      break;
  }
  if (std::string_view(c.type()) == "call_expression" &&
      std::string_view(c.child("function").type()) == "identifier")
    if (const Api *api = index_.api(c.child("function").text());
        api && api->kind == ApiKind::Try && api->success != TrySuccess::None) {
      // The assertion's argument is false where the code goes on: the try's result is
      // false (zero, NULL), or nonzero under a `!`.  A result that says it succeeded is a
      // hold, which cond() below gives; one that says it failed takes nothing.
      bool resultNonzero = negated;
      bool failed = (api->success == TrySuccess::Zero) == resultNonzero;
      if (failed) {
        std::vector<ts::Node> tryArgs = evalArgs(c, st, depth);
        Instance inst = instanceOf(*api, tryArgs, "");
        // The kernel treats success as impossible: someone holds the lock in a mode that
        // keeps the try out, and the code after it relies on that holder being its caller
        // (vm_insert_page's comment: called under the mmap write lock, so it may change
        // vm_flags).  An assert of that mode.
        std::string mode = inst.lock ? excludedBy(*inst.lock, api->mode) : "";
        if (!mode.empty())
          assertHeld(quote(std::string(call.child("function").text()) + "(" + api->name + ")"),
                     inst, mode, holdOf(inst.lock, mode, inst.key, call.begin(), call.end()), st,
                     call);
        return;
      }
    }
  auto [yes, no] = cond(args[0], st, depth + 1);
  for (size_t i = 1; i < args.size(); ++i)
    eval(args[i], no, depth + 1);
  st = std::move(no);
}

std::pair<State, State> FunctionAnalysis::errorTest(ts::Node arg, bool orNull, State st,
                                                    int depth) {
  eval(arg, st, depth + 1);
  ts::Node a = arg;
  std::string_view t = stripNode(a);
  if (!st.live || (t != "identifier" && t != "field_expression"))
    return {st, st};
  std::string var = canonical(a);
  State yes = st, no = st;
  std::erase_if(yes.pending, [&](const Pending &p) { return p.var == var; });
  // IS_ERR false is NULL or valid: a try's result stays for the next test, unless it is a
  // lock of the object the result points at (assumeError).
  auto ownLock = [&](const Pending &p) {
    return p.success != TrySuccess::Zero && p.held.key == var;
  };
  std::erase_if(no.pending,
                [&](const Pending &p) { return p.var == var && (orNull || ownLock(p)); });
  for (const Pending &p : st.pending) {
    if (p.var != var)
      continue;
    Held h = tiedTo(p, var);
    if (p.success == TrySuccess::Zero)
      succeeded(yes, h); // held where the result failed
    else if (orNull || ownLock(p))
      succeeded(no, h); // held with a valid pointer
  }
  if (!assumeError(yes, var, orNull, true))
    yes = deadState();
  if (!assumeError(no, var, orNull, false))
    no = deadState();
  return {std::move(yes), std::move(no)};
}

bool FunctionAnalysis::declaredPointer(std::string_view id) const {
  std::string key(id);
  if (auto it = pointerVars_.find(key); it != pointerVars_.end())
    return it->second;
  bool pointer = false;
  std::vector<ts::Node> todo{function_};
  while (!todo.empty() && !pointer) {
    ts::Node n = todo.back();
    todo.pop_back();
    if (std::string_view(n.type()) == "pointer_declarator") {
      ts::Node d = n.child("declarator");
      pointer = !d.isNull() && std::string_view(d.type()) == "identifier" && d.text() == id;
      continue;
    }
    for (const ts::Node &c : n.namedChildren())
      todo.push_back(c);
  }
  pointerVars_[key] = pointer;
  return pointer;
}

bool FunctionAnalysis::stridesValidPointer(const State &st, ts::Node var, std::string_view op) const {
  std::string_view t = stripNode(var);
  if (t != "identifier" || (op != "+=" && op != "-="))
    return false;
  const Fact *f = factOf(st, var.text());
  return f && valid(*f) && declaredPointer(var.text());
}

bool FunctionAnalysis::freshLocalValue(std::string_view id) const {
  // One walk of the body answers for every name: calls ask once per pass and per argument.
  if (!freshLocals_) {
    FreshLocals f;
    std::vector<ts::Node> todo{function_.child("body")};
    while (!todo.empty()) {
      ts::Node n = todo.back();
      todo.pop_back();
      std::string_view t = n.type();
      if (t == "declaration") {
        for (const ts::Node &d : n.namedChildren()) {
          std::string_view dt = d.type();
          if (dt == "identifier")
            f.declared.insert(d.text()); // `pmd_t _pmd;`
          else if (dt == "init_declarator")
            f.assigned.insert(d.child("declarator").text()); // initialised: a copy of something
        }
        continue;
      }
      if (t == "assignment_expression")
        f.assigned.insert(n.child("left").text());
      for (const ts::Node &c : n.namedChildren()) // tokens are leaves: nothing declared below
        todo.push_back(c);
    }
    freshLocals_ = std::move(f);
  }
  return freshLocals_->declared.count(id) && !freshLocals_->assigned.count(id);
}

} // namespace lockspec::check
