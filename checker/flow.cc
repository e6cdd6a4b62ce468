// The per-function analysis: declarations and aliases, the walk of the control-flow graph to a
// fixed point, and what returns check.  See flow_analysis.h.
#include <algorithm>
#include <cctype>

#include "c_expr.h"
#include "flow_analysis.h"

namespace lockspec::check {

void FunctionAnalysis::run(const std::vector<StructParam> &parameters) {
  collectParameters(parameters);
  // A spec constructor's own definition: the object it returns is made here (a byte scan of
  // `return x;`, before the walk that needs it).
  if (index_.constructs(name_)) {
    std::string_view body = function_.child("body").text();
    for (size_t at = body.find("return"); at != std::string_view::npos;
         at = body.find("return", at + 6)) {
      size_t b = at + 6;
      while (b < body.size() && (body[b] == ' ' || body[b] == '\t'))
        ++b;
      size_t e = b;
      while (e < body.size() &&
             (std::isalnum(static_cast<unsigned char>(body[e])) || body[e] == '_'))
        ++e;
      if (e > b && e < body.size() && body[e] == ';')
        returnedVars_.emplace_back(body.substr(b, e - b));
    }
  }
  State entry;
  readAnnotations(entry);
  graph(function_.child("body"), std::move(entry), false, 0);
  finish();
  declaredEffects();
}

Diagnostic *FunctionAnalysis::report(Severity severity, const char *rule, uint32_t begin,
                                     uint32_t end, std::string message) {
  if (!reported_.insert({begin, message}).second)
    return nullptr;
  Finding f;
  f.rule = rule;
  f.diag.severity = severity;
  f.diag.hasSpan = true;
  f.diag.span = {kCheckedFile, begin, std::max(end, begin)};
  f.diag.message = std::move(message);
  out_.push_back(std::move(f));
  return &out_.back().diag;
}

Diagnostic *FunctionAnalysis::report(Severity severity, const char *rule, ts::Node at,
                                     std::string message) {
  return report(severity, rule, at.begin(), at.end(), std::move(message));
}

void FunctionAnalysis::noteHere(Diagnostic *d, uint32_t begin, uint32_t end, std::string message) {
  if (d)
    Diagnostics::note(*d, {kCheckedFile, begin, std::max(end, begin)}, std::move(message));
}

void FunctionAnalysis::noteSpec(Diagnostic *d, const SourcePos &pos, std::string message) {
  if (!d)
    return;
  if (auto span = index_.specSpan(pos))
    Diagnostics::note(*d, *span, std::move(message));
}

ts::Node FunctionAnalysis::declaredIdentifier(ts::Node d) {
  for (int guard = 0; guard < 16 && !d.isNull(); ++guard) {
    std::string_view t = d.type();
    if (t == "identifier")
      return d;
    if (t == "init_declarator" || t == "pointer_declarator" || t == "array_declarator" ||
        t == "parenthesized_declarator" || t == "attributed_declarator")
      d = d.child("declarator").isNull() ? d.namedChild(0) : d.child("declarator");
    else
      return {};
  }
  return {};
}

void FunctionAnalysis::collectParameters(const std::vector<StructParam> &parameters) {
  for (const StructParam &p : parameters) {
    const Object *object = index_.objectForStruct(p.structName);
    ts::Node id = declaredIdentifier(p.declarator);
    if (object && !id.isNull())
      types_[std::string(id.text())] = object->name;
  }
}

void FunctionAnalysis::declare(ts::Node declaration, ts::Node declarator) {
  ts::Node type = declaration.child("type");
  ts::Node id = declaredIdentifier(declarator);
  if (id.isNull())
    return;
  std::string var(id.text());
  if (std::string_view(type.type()) == "struct_specifier")
    if (const Object *object = index_.objectForStruct(type.child("name").text()))
      types_[var] = object->name;
  ts::Node value = declarator.child("value");
  if (std::string_view(declarator.type()) == "init_declarator" && !value.isNull())
    assigned(var, value);
}

void FunctionAnalysis::assigned(const std::string &var, ts::Node value) {
  aliases_.erase(var);
  if (ctx_ && std::find(ctx_->params.begin(), ctx_->params.end(), var) != ctx_->params.end())
    rebound_.insert(var);
  if (value.isNull())
    return;
  ts::Node v = value;
  std::string_view vt = stripNode(v);
  std::string c = canonical(v);
  if (vt == "field_expression" || vt == "identifier" || vt == "pointer_expression")
    if (c != var && rootIdentifier(c) != var)
      aliases_[var] = c;
  bindPointer(var, value);
}

void FunctionAnalysis::bindPointer(const std::string &var, ts::Node value) {
  ts::Node v = value;
  std::string_view vt = stripNode(v);
  std::string c = canonical(v);
  if (vt != "call_expression" || !index_.api(v.child("function").text()))
    if (auto lo = index_.lockObject(c.rfind('&', 0) == 0 ? c.substr(1) : "*" + c)) {
      pointerClass_[var] = lo->lock;
      const LockPointer *fn =
          vt == "call_expression" ? index_.pointer(v.child("function").text()) : nullptr;
      if (fn && fn->returnsInstance && fn->lock == lo->lock->name)
        bindTable(var, lo->lock, fn->params, callArgs(v));
      else
        pointerTable_.erase(var);
    }
}

void FunctionAnalysis::bindTable(const std::string &var, const Lock *lock,
                                 const std::vector<ApiParam> &params,
                                 const std::vector<ts::Node> &args) {
  size_t i = lock ? index_.tableParam(*lock, params) : SIZE_MAX;
  if (i < args.size())
    pointerTable_[var] = params[i].name + "=" + resolve(canonical(args[i]));
  else
    pointerTable_.erase(var);
}

Alias FunctionAnalysis::compareHeld(const std::string &a, const std::string &b) const {
  if (a.size() > 1 && b.size() > 1 && a[0] == '*' && b[0] == '*' && a != b) {
    auto ta = pointerTable_.find(a.substr(1)), tb = pointerTable_.find(b.substr(1));
    if (ta != pointerTable_.end() && tb != pointerTable_.end() && ta->second == tb->second)
      return Alias::Same;
  }
  return compareKeys(a, b);
}

std::string FunctionAnalysis::resolve(std::string expr) const {
  for (int i = 0; i < 4; ++i) {
    std::string root(rootIdentifier(expr));
    auto it = aliases_.find(root);
    if (root.empty() || it == aliases_.end() || it->second == expr)
      break;
    expr = substitute(expr, root, it->second);
  }
  return expr;
}

std::string FunctionAnalysis::typeOf(const std::string &expr) const {
  if (!isIdentifier(expr))
    return "";
  auto it = types_.find(expr);
  return it == types_.end() ? "" : it->second;
}

namespace {
/// `h` holds the lock `d` was in a different mode (both modes known).
bool otherMode(const Held &d, const Held &h) {
  return d.lock == h.lock && compareKeys(d.key, h.key) != Alias::Different && !d.mode.empty() &&
         !h.mode.empty() && d.mode != h.mode;
}
} // namespace

void FunctionAnalysis::atReturn(const State &st, uint32_t begin, uint32_t end,
                                const std::string &returned, ReturnClass cls, int outcome,
                                const std::string &text) {
  ReturnRecord rec{begin, end, cls, {}, {}, st.facts, returned, text};
  for (const Held &h : st.held) {
    // Taken again in another mode than the caller's hold it dropped (a read hold given up
    // for the write lock) is a hold of its own, not the caller's state restored.
    bool restored =
        std::any_of(entryHeld_.begin(), entryHeld_.end(),
                    [&](const Instance &i) {
                      return i.lock == h.lock && compareKeys(i.key, h.key) != Alias::Different;
                    }) &&
        !std::any_of(st.dropped.begin(), st.dropped.end(),
                     [&](const Held &d) { return otherMode(d, h); });
    // Held on some paths only, where a parameter or its pointee says (`take_locks`,
    // `*locked`), of a lock the function asserted rather than took on a path that knew that
    // value to be the same (`if (!*locked) take it; else assert it;`): the caller's hold,
    // kept where the caller's own value says it was handed in.
    std::string guardParam = summary_ && ctx_ ? toParams(h.guard, ctx_->params) : "";
    restored |=
        h.may && h.guardMask.empty() &&
        (guardParam.rfind("$", 0) == 0 || guardParam.rfind("*$", 0) == 0) &&
        std::any_of(assertedHeld_.begin(), assertedHeld_.end(), [&](const auto &a) {
          return a.first.lock == h.lock && a.first.key == h.key &&
                 std::any_of(a.second.begin(), a.second.end(), [&](const Fact &f) {
                   return f.var == h.guard && f.nonzero == h.guardNonzero;
                 });
        });
    // A hold that ends with another lock (a VMA write lock, released by the mmap write
    // unlock) is no leak; but the caller holds it after the call, which its summary says.
    if (summary_ && endsWithOther(h) && !h.asserted && !h.scopeEnd && !restored &&
        (h.alias.empty() || h.partAlias)) {
      rec.held.push_back(h);
      continue;
    }
    if (h.asserted || h.scopeEnd || (returnsHolding_ && h.lock == returnsHolding_) ||
        endsWithOther(h) || restored || (!h.alias.empty() && !h.partAlias))
      continue;
    // Returning the lock (`return ptl;`) or the locked object (`return vma;`) hands the
    // hold to the caller, as the spec's own returning APIs do.
    bool handed = !returned.empty() && (h.key == returned || h.key == "*" + returned);
    // Stored in a parameter's field (`madv_behavior->vma = vma;`): the caller names the
    // lock through it.
    if (summary_) {
      Held r = h;
      if (handed) {
        r.key = h.key[0] == '*' ? "*$ret" : "$ret";
        if (r.guard == h.key) // held where the returned pointer is valid
          r.guard = r.key;
      } else if (!h.handedTo.empty())
        r.key = h.handedTo.front();
      rec.held.push_back(r);
      // Stored through two out parameters (`*dst_vmap = vma; *src_vmap = vma;`): the
      // caller holds it under each name, the second an alias of the first.
      for (size_t i = 1; !handed && i < h.handedTo.size(); ++i) {
        Held a = r;
        a.key = h.handedTo[i];
        a.alias = r.key;
        rec.held.push_back(a);
      }
      continue;
    }
    if (handed || declared(LockAnnotation::Kind::Acquires, h.lock, h.key))
      continue;
    Diagnostic *d = h.may
                        ? report(Severity::Warning, "held-at-return", begin, end,
                                 describe(h.lock, h.key) +
                                     " may still be held at return (it is held on some paths only)" +
                                     takenThrough(h))
                        : report(Severity::Error, "held-at-return", begin, end,
                                 describe(h.lock, h.key) + " is still held at return" +
                                     takenThrough(h));
    noteHere(d, h.at, h.atEnd, "taken here");
    notePassed(d, h);
  }
  if (!summary_)
    return;
  for (const Held &d : st.dropped)
    if (std::none_of(st.held.begin(), st.held.end(), [&](const Held &h) {
          return d.lock == h.lock && !h.may && compareKeys(d.key, h.key) != Alias::Different &&
                 !otherMode(d, h);
        }))
      rec.released.push_back(d);
  returns_[{begin, outcome}] = std::move(rec);
}

bool FunctionAnalysis::endsWithOther(const Held &h) const {
  return std::any_of(model_.relations.begin(), model_.relations.end(), [&](const Relation &r) {
    return r.kind == Relation::Kind::EndsWith && h.lock && r.lock == h.lock->name &&
           modeMatches(h.lock, h.mode, r.mode);
  });
}

void FunctionAnalysis::restore(const Tables &t) {
  for (const Instance &i : entryHeld_)
    if (std::none_of(callerLocks_.begin(), callerLocks_.end(), [&](const Instance &c) {
          return c.lock == i.lock && c.key == i.key;
        }))
      callerLocks_.push_back(i);
  types_ = t.types;
  aliases_ = t.aliases;
  pointerClass_ = t.pointerClass;
  pointerTable_ = t.pointerTable;
  taken_ = t.taken;
  entryHeld_ = t.entryHeld;
}

State FunctionAnalysis::graph(ts::Node body, State entry, bool nested, int depth) {
  if (depth > kMaxDepth)
    return entry;
  Cfg g = Cfg::build(body, kMaxDepth);
  const std::vector<CfgBlock> &blocks = g.blocks();
  // Source order: a pass is a source-order walk, and only back edges (loops, backward
  // gotos) need another pass.
  std::vector<uint32_t> order = g.reversePostOrder();
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return blocks[a].begin < blocks[b].begin; });
  std::vector<int> position(blocks.size(), -1);
  for (size_t i = 0; i < order.size(); ++i)
    position[order[i]] = static_cast<int>(i);
  std::vector<uint32_t> heads; // targets of back edges: loop heads, labels gone back to
  for (uint32_t b : order)
    for (uint32_t s : blocks[b].succ)
      if (position[s] <= position[b] && std::find(heads.begin(), heads.end(), s) == heads.end())
        heads.push_back(s);
  bool cyclic = !heads.empty();

  // Expressions that name nothing the spec knows and assign nothing cannot change the
  // state or the alias tables: where a graph takes several passes, they are found once
  // here and evaluated by none.
  std::vector<std::vector<char>> inert(blocks.size());
  for (size_t b = 0; b < blocks.size(); ++b)
    for (const CfgItem &it : blocks[b].items) {
      std::string_view text = it.node.text();
      inert[b].push_back(cyclic && it.kind == CfgItem::Kind::Eval &&
                         text.find_first_of("={") == std::string_view::npos && !mentions(text));
    }
  std::vector<std::vector<State>> outs(blocks.size());
  std::vector<State> ins(blocks.size(), deadState());
  // `consume`: no later inOf reads these out-states (a graph without cycles visits each
  // block once, after its predecessors), so the first live one is taken rather than copied.
  auto inOf = [&](uint32_t b, bool consume = false) {
    State in = b == 0 ? entry : deadState();
    const std::vector<uint32_t> &pred = blocks[b].pred;
    for (uint32_t p : pred) {
      bool once = consume && std::count(pred.begin(), pred.end(), p) == 1;
      for (size_t k = 0; k < blocks[p].succ.size() && k < outs[p].size(); ++k)
        if (blocks[p].succ[k] == b)
          in = once && !in.live ? std::move(outs[p][k]) : join(in, outs[p][k]);
    }
    return in;
  };
  State end = deadState();
  if (!cyclic) { // one source-order pass is the fixed point; no in-state is looked at again
    for (uint32_t b : order)
      outs[b] = transfer(blocks[b], inert[b], inOf(b, true), nested, end, depth);
    return end;
  }
  // Where each pass reached a loop head: the findings so far and the side tables, so a
  // later pass can start there.
  std::vector<size_t> headMark(blocks.size(), out_.size());
  std::vector<Tables> headTables(blocks.size());
  auto pass = [&](size_t from) {
    if (from == 0)
      end = deadState();
    for (size_t k = from; k < order.size(); ++k) {
      uint32_t b = order[k];
      // Only a head's in-state is compared after the pass.
      if (std::find(heads.begin(), heads.end(), b) != heads.end()) {
        headMark[b] = out_.size();
        headTables[b] = tables();
        ins[b] = inOf(b);
        outs[b] = transfer(blocks[b], inert[b], ins[b], nested, end, depth);
      } else {
        outs[b] = transfer(blocks[b], inert[b], inOf(b), nested, end, depth);
      }
    }
  };
  size_t startMark = out_.size();
  Tables startTables;
  if (nested)
    startTables = tables();
  pass(0);
  // A pass is the fixed point when no block's in-state, recomputed from the pass's own
  // out-states, differs from the one it ran with: only back edges can make one differ, so
  // only their targets are compared.  Until then (bounded: the settled-lock bookkeeping of
  // join is not monotone) the walk runs again from the earliest head that changed: what
  // precedes it is unchanged.  Its findings from that point are taken back first, so those
  // of the pass that reaches the fixed point are the ones that stay.
  for (int i = 1; i < kMaxPasses; ++i) {
    size_t from = order.size();
    for (uint32_t h : heads)
      if (static_cast<size_t>(position[h]) < from && !sameState(inOf(h), ins[h]))
        from = position[h];
    if (from == order.size())
      break;
    if (nested)
      from = 0; // `end` gathers from the whole pass
    size_t mark = from == 0 ? startMark : headMark[order[from]];
    for (size_t f = mark; f < out_.size(); ++f)
      reported_.erase({out_[f].diag.span.begin, out_[f].diag.message});
    out_.resize(mark);
    restore(from == 0 ? startTables : headTables[order[from]]);
    pass(from);
  }
  return end;
}

std::vector<State> FunctionAnalysis::transfer(const CfgBlock &b, const std::vector<char> &inert,
                                              State st, bool nested, State &end, int depth) {
  if (!st.live)
    return std::vector<State>(b.succ.size(), deadState());
  // Leaving a scoped_guard's statement (its end, a goto or a loop's back edge) releases it.
  std::erase_if(st.held, [&](const Held &h) {
    return h.scopeEnd && (b.begin < h.scopeBegin || b.begin >= h.scopeEnd);
  });
  for (size_t i = 0; i < b.items.size(); ++i) {
    const CfgItem &it = b.items[i];
    if (inert[i])
      continue;
    if (it.kind == CfgItem::Kind::Eval) {
      eval(it.node, st, depth + 1);
      continue;
    }
    std::vector<ts::Node> children = it.node.namedChildren();
    for (const ts::Node &c : children) {
      if (std::string_view(c.type()) != "init_declarator")
        continue;
      ts::Node id = declaredIdentifier(c);
      if (!id.isNull())
        assignFact(st, std::string(id.text()), c.child("value"));
      evalInto(c.child("value"), std::string(id.text()), st, depth);
      pointerSet(st, std::string(id.text()));
    }
    for (const ts::Node &c : children)
      declare(it.node, c);
  }
  if (b.exit == CfgBlock::Exit::Branch) {
    auto [yes, no] = cond(b.condition, std::move(st), depth + 1);
    return {std::move(yes), std::move(no)};
  }
  if (b.exit == CfgBlock::Exit::Jump) {
    std::vector<State> out(b.succ.size() > 1 ? b.succ.size() - 1 : 0, st);
    if (!b.succ.empty())
      out.push_back(std::move(st));
    return out;
  }
  ts::Node s = b.terminator;
  if (std::string_view(s.type()) != "return_statement") {
    if (nested)
      end = join(end, st);
    else
      atReturn(st, s.end() > s.begin() ? s.end() - 1 : s.begin(), s.end(), "", ReturnClass::Void);
    return {};
  }
  std::string returned, text;
  std::vector<ts::Node> values = s.namedChildren();
  // `return !mmap_read_lock_killable(mm);`, `return mmap_read_trylock(mm);`: the result is the
  // try's, so the return is two, one per outcome, for the summary to tell apart.
  if (summary_ && values.size() == 1 && st.live) {
    ts::Node v = values[0];
    std::string_view t = stripNode(v);
    if (t == "unary_expression" || t == "call_expression") {
      auto [yes, no] = cond(values[0], st, depth + 1);
      if (!sameState(yes, no) || yes.held.size() != no.held.size()) {
        if (yes.live)
          atReturn(yes, s.begin(), s.end(), "", ReturnClass::Nonzero, 1);
        if (no.live)
          atReturn(no, s.begin(), s.end(), "", ReturnClass::Zero, 2);
        return {};
      }
    }
  }
  // `return err;` where a hold exists exactly where `err` is zero (or nonzero), as the paths
  // that set it say: one return per value, as for a try's result.  (`return vma;` hands the
  // lock of what it returns over as it is.)  For its callers: where code outside the files
  // checked may call the function, a lock left held with an error code is reported as before.
  if (summary_ && ctx_ && !ctx_->entry && values.size() == 1 && st.live) {
    ts::Node v = values[0];
    if (stripNode(v) == std::string_view("identifier")) {
      std::string var(v.text());
      auto guarded = [&](const Held &h) { return h.guard == var && h.guardMask.empty(); };
      auto owned = [&](const Held &h) { return h.key == var || h.key == "*" + var; };
      if (std::none_of(st.held.begin(), st.held.end(), owned) &&
          (std::any_of(st.held.begin(), st.held.end(), guarded) ||
           std::any_of(st.dropped.begin(), st.dropped.end(), guarded))) {
        State yes = st, no = std::move(st);
        assume(yes, var, true);
        assume(no, var, false);
        std::string r = resolve(var);
        atReturn(yes, s.begin(), s.end(), r, ReturnClass::Unknown, 1);
        atReturn(no, s.begin(), s.end(), r, ReturnClass::Zero, 2);
        return {};
      }
    }
  }
  for (const ts::Node &c : values) {
    eval(c, st, depth + 1);
    text = canonical(c);
    returned = resolve(text);
  }
  ReturnClass cls = classifyReturn(text);
  // `return vma;` where the path knows it an error pointer, or NULL or one: a failed result.
  if (const Fact *f = cls == ReturnClass::Unknown ? factOf(st, text) : nullptr; f && f->error)
    cls = ReturnClass::Error;
  if (st.live)
    atReturn(st, s.begin(), s.end(), returned, cls, 0, text);
  return {};
}

void checkFunction(const LockIndex &index, ts::Node function, std::string_view name,
                   const std::vector<StructParam> &parameters, std::vector<Finding> &out,
                   const CallContext *ctx, FunctionSummary *summary) {
  FunctionAnalysis(index, function, name, out, ctx, summary).run(parameters);
}

} // namespace lockspec::check
