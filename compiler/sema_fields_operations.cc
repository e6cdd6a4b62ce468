// Sema's fields and operations: the two places requirements are stated.  Each field's read and
// write rules, and each operation's clauses and rejected lock sets, are normalised and checked
// against each other.
#include "sema_impl.h"

#include <set>

#include "requirement.h"

namespace lockspec {
namespace detail {

void Sema::fields() {
  for (size_t o = 0; o < spec_.objects.size(); ++o) {
    ast::Object &inObject = spec_.objects[o];
    Object &object = model_.objects[o];
    Context ctx = objectContext(object);
    roleExprs_.clear();
    std::set<std::string_view> seen; // Views of tree names: no copy per field.
    for (ast::Field &in : inObject.fields) {
      Field out;
      prose(out, in.name, in.prose, "field", true);
      if (!seen.insert(in.name.text).second)
        diags_.error(in.name.span, "duplicate field '" + in.name.text + "' in object '" +
                                       inObject.name.text + "'");
      out.table = std::move(in.table.value);
      out.config = std::move(in.config.value);
      auto rule = [&](const ast::FieldRule &r) -> std::optional<FieldRule> {
        FieldRule fr;
        fr.kind = static_cast<FieldRule::Kind>(r.kind);
        fr.transition = r.transition.value;
        fr.owner = r.owner.value;
        fr.pos = pos(r.span);
        if (r.expr) {
          auto req = requirement(*r.expr, ctx, true);
          if (!req)
            return std::nullopt;
          fr.requirement = std::move(*req);
        }
        return fr;
      };
      if (in.reads.empty())
        diags_.error(in.name.span,
                     "field '" + inObject.name.text + "." + in.name.text + "' has no read rule");
      if (in.writes.empty())
        diags_.error(in.name.span,
                     "field '" + inObject.name.text + "." + in.name.text + "' has no write rule");
      for (size_t i = 1; i < in.reads.size(); ++i)
        diags_.error(in.reads[i].span, "field '" + inObject.name.text + "." + in.name.text +
                                           "' has more than one read rule");
      if (!in.reads.empty()) {
        if (in.reads[0].kind == ast::FieldRule::Kind::Once)
          diags_.error(in.reads[0].span, "'once' describes writes, not reads");
        out.read = rule(in.reads[0]);
      }
      std::set<std::string_view> transitions; // Views of the tree's strings.
      for (const ast::FieldRule &w : in.writes) {
        if (in.writes.size() > 1 && !w.transition.present)
          diags_.error(w.span, "field '" + inObject.name.text + "." + in.name.text +
                                   "' has several write rules, so each needs a transition");
        if (!transitions.insert(w.transition.value).second && w.transition.present)
          diags_.error(w.transition.span, "duplicate transition '" + w.transition.value + "'");
        auto fr = rule(w);
        if (!fr)
          continue;
        // Whatever permits a write must permit a read.
        if (out.read && out.read->kind == FieldRule::Kind::Locks &&
            fr->kind == FieldRule::Kind::Locks) {
          for (const Alternative &alt : fr->requirement.alternatives) {
            auto held = withImpliedHolds(model_, alt.atoms);
            if (!satisfies(model_, held, out.read->requirement, false)) {
              Diagnostic &diag =
                  diags_.error(w.span, "write rule of '" + inObject.name.text + "." + in.name.text +
                                           "' is weaker than its read rule: " + describe(alt) +
                                           " permits a write but not a read");
              Diagnostics::note(diag, in.reads[0].span, "read rule is here");
              break;
            }
          }
        }
        out.writes.push_back(std::move(*fr));
      }
      object.fields.push_back(std::move(out));
    }
  }
}

// ---------------------------------------------------------------------------------------------

void Sema::operations() {
  model_.operations.resize(spec_.operations.size());
  for (size_t index = 0; index < spec_.operations.size(); ++index) {
    ast::Operation &in = spec_.operations[index];
    Operation &out = model_.operations[index];
    prose(out, in.name, in.prose, "operation", true);
    Context ctx;
    roleExprs_.clear();
    auto addRole = [&](const ast::Role &r) -> std::optional<Role> {
      const Entity *e = lookup(r.object.text);
      if (!e || e->kind != "object") {
        diags_.error(r.object.span, "role object '" + r.object.text + "' is not an object" +
                                        didYouMean(r.object.text, tables_.names, isObject));
        return std::nullopt;
      }
      if (!ctx.roles.emplace(r.name.text, RoleNames{r.name.text, r.object.text}).second) {
        diags_.error(r.name.span, "duplicate role '" + r.name.text + "'");
        return std::nullopt;
      }
      roleExprs_[r.name.text] = r.expr.value;
      return Role{r.name.text, r.object.text, r.expr.value};
    };
    if (in.subjects.size() != 1) {
      diags_.error(in.subjects.empty() ? in.name.span : in.subjects[1].name.span,
                   "operation '" + in.name.text + "' must name exactly one subject");
    }
    if (!in.subjects.empty()) {
      if (auto s = addRole(in.subjects[0])) {
        out.subject = *s;
        ctx.subject = s->name;
      }
    }
    for (const ast::Role &r : in.roles)
      if (auto role = addRole(r))
        out.roles.push_back(*role);
    if (in.requires_.empty())
      diags_.error(in.name.span, "operation '" + in.name.text + "' has no 'requires'");
    bool ok = !ctx.subject.empty();
    std::optional<std::vector<PendingAlt>> all;
    std::vector<std::string> texts;
    for (size_t ci = 0; ci < in.requires_.size(); ++ci) {
      const ast::ExprPtr &clause = in.requires_[ci];
      // Normalise once; the clause's own requirement and the conjunction share the result so
      // each error is reported once.
      auto alts = normalize(*clause, ctx, "");
      if (!alts) {
        ok = false;
        continue;
      }
      std::vector<PendingAlt> clauseAlts = finish(*alts);
      if (in.requires_.size() > 1)
        warnSubsumed(clauseAlts);
      Requirement req;
      req.text = printExpr(*clause);
      if (ci < in.requireReasons.size())
        req.reason = in.requireReasons[ci].value;
      for (PendingAlt &p : clauseAlts)
        req.alternatives.push_back(std::move(p.alt));
      texts.push_back(req.text);
      out.clauses.push_back(std::move(req));
      if (!ok)
        continue; // An earlier clause failed: keep checking, but build nothing.
      all = all ? conjoin(std::move(*all), *alts, clause->span) : std::move(alts);
      if (!all)
        ok = false;
    }

    if (ok && all) {
      // Normalise the conjunction through the same path as a single expression would take.
      std::vector<PendingAlt> alts = finish(std::move(*all));
      warnSubsumed(alts);
      for (PendingAlt &p : alts)
        out.requirement.alternatives.push_back(std::move(p.alt));
      for (size_t i = 0; i < texts.size(); ++i)
        out.requirement.text += (i ? " & (" : "(") + texts[i] + ")";
      if (texts.size() == 1)
        out.requirement.text = texts[0];
    }
    for (const ast::Rejection &rej : in.rejects) {
      auto req = requirement(*rej.expr, ctx, false);
      if (!req)
        continue;
      for (const Alternative &alt : req->alternatives) {
        size_t which = 0;
        auto held = withImpliedHolds(model_, alt.atoms);
        if (ok && satisfies(model_, held, out.requirement, false, &which)) {
          diags_.error(rej.expr->span, "rejected lock set " + describe(alt) +
                                           " satisfies the requirement of '" + in.name.text +
                                           "' through " +
                                           describe(out.requirement.alternatives[which]));
          break;
        }
      }
      out.rejects.push_back({std::move(*req), std::move(rej.reason.value)});
    }
    for (ast::Str &n : in.notes)
      out.notes.push_back(std::move(n.value));
    for (ast::Str &w : in.warnings)
      out.warnings.push_back(std::move(w.value));
    for (const ast::Name &a : in.apis)
      out.apis.push_back(a.text);
  }
}


} // namespace detail
} // namespace lockspec
