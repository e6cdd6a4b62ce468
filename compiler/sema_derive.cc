// Derivation: the lock-state tables and exclusivity matrices the compiler computes from the
// rules, checked against the ones the spec declares.
#include "sema_impl.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "requirement.h"

namespace lockspec::detail {

// ---------------------------------------------------------------------------------------------
// Tables and matrices

std::optional<bool> Sema::yesNo(const ast::Name &value) {
  if (value.text == "Y" || value.text == "N")
    return value.text == "Y";
  diags_.error(value.span, "expected 'Y' or 'N', found '" + value.text + "'");
  return std::nullopt;
}

void Sema::tables() {
  for (ast::Table &in : spec_.tables) {
    StateTable out;
    prose(out, in.name, in.prose, "table", true);
    const Entity *objEntity = lookup(in.object.text);
    if (!objEntity || objEntity->kind != "object") {
      diags_.error(in.object.text.empty() ? in.name.span : in.object.span,
                   "table '" + in.name.text + "' needs an 'object'");
      model_.tables.push_back(std::move(out));
      continue;
    }
    const Object &object = model_.objects[objEntity->index];
    out.object = object.name;
    Context ctx = objectContext(object);
    roleExprs_.clear();
    // Axes: each a lock or a group; its values are "-" and the modes every member has.
    std::vector<std::vector<std::string>> axisModes;
    std::vector<std::vector<const Lock *>> axisLocks;
    bool ok = true;
    for (size_t i = 0; i < in.axes.size(); ++i) {
      const ast::Name &axis = in.axes[i];
      out.axes.push_back(axis.text);
      out.axisTitles.push_back(in.axisTitles[i].value);
      const Entity *e = lookup(axis.text);
      std::vector<const Lock *> locks;
      if (e && e->kind == "lock")
        locks.push_back(&model_.locks[e->index]);
      else if (e && e->kind == "group")
        for (const std::string &m : model_.groups[e->index].members)
          locks.push_back(model_.findLock(m));
      else {
        diags_.error(axis.span, "axis '" + axis.text + "' is not a lock or group" +
                                    didYouMean(axis.text, tables_.names, [](const Entity &x) {
                                      return x.kind == "lock" || x.kind == "group";
                                    }));
        ok = false;
        continue;
      }
      std::vector<std::string> modes;
      for (const Mode &m : locks.front()->modes) {
        bool common = true;
        for (const Lock *l : locks)
          common = common && l->findMode(m.name);
        if (common)
          modes.push_back(m.name);
      }
      axisModes.push_back(modes);
      axisLocks.push_back(locks);
    }
    for (const ast::Column &c : in.columns) {
      TableColumn col;
      col.name = c.name.text;
      col.title = c.title.value;
      col.kind = static_cast<TableColumn::Kind>(c.kind);
      if (c.expr) {
        auto req = requirement(*c.expr, ctx, false);
        if (!req)
          ok = false;
        else
          col.requirement = std::move(*req);
      } else {
        const Entity *e = lookup(c.object.text);
        if (!e || e->kind != "object") {
          diags_.error(c.object.span, "'" + c.object.text + "' is not an object" +
                                          didYouMean(c.object.text, tables_.names, isObject));
          ok = false;
        }
        col.object = c.object.text;
        for (const ast::Str &t : c.tables) {
          col.tables.push_back(t.value);
          bool found = false;
          if (e && e->kind == "object")
            for (const Field &f : model_.objects[e->index].fields)
              found = found || f.table == t.value;
          if (!found) {
            diags_.error(t.span,
                         "no field of '" + c.object.text + "' is in table '" + t.value + "'");
            ok = false;
          }
        }
      }
      out.columns.push_back(std::move(col));
    }
    if (!ok) {
      model_.tables.push_back(std::move(out));
      continue;
    }
    // Resolve a cell's mode names or abbreviations.
    auto resolveCell = [&](const ast::Cell &cell, size_t axis,
                           std::vector<std::string> *modes) -> bool {
      for (const ast::Name &n : cell.modes) {
        if (n.text == "-") {
          modes->push_back("");
          continue;
        }
        std::string found;
        for (const std::string &m : axisModes[axis]) {
          const Mode *mode = axisLocks[axis].front()->findMode(m);
          if (mode->name == n.text || mode->abbrev == n.text)
            found = m;
        }
        if (found.empty()) {
          diags_.error(n.span, "axis '" + out.axes[axis] + "' has no mode '" + n.text + "'");
          return false;
        }
        modes->push_back(found);
      }
      return true;
    };
    // Held atoms for a state.
    auto atomsOf = [&](const State &state) {
      std::vector<Atom> have;
      for (size_t a = 0; a < state.size(); ++a) {
        if (state[a].empty())
          continue;
        for (const Lock *lock : axisLocks[a]) {
          Atom atom;
          atom.lock = lock->name;
          atom.mode = state[a];
          if (!lock->owner.empty()) {
            atom.role = object.var;
            atom.object = object.name;
            if (auto links = model_.linkPath(object.name, lock->owner))
              atom.links = *links;
            atom.instance = instanceExpr(object.name, object.var, atom.links, *lock);
          }
          have.push_back(atom);
        }
      }
      return have;
    };
    auto valid = [&](const State &state) {
      // A state is valid unless a relation says one hold needs another the state lacks.
      for (const Relation &rel : model_.relations) {
        if (rel.kind == Relation::Kind::Forbidden)
          continue;
        for (size_t a = 0; a < state.size(); ++a) {
          if (state[a].empty() || out.axes[a] != rel.lock)
            continue;
          const Lock *lock = axisLocks[a].front();
          if (!rel.mode.empty() && !lock->satisfies(state[a], rel.mode))
            continue;
          bool found = false;
          for (size_t b = 0; b < state.size(); ++b)
            if (out.axes[b] == rel.other && !state[b].empty() &&
                (rel.otherMode.empty() || axisLocks[b].front()->satisfies(state[b], rel.otherMode)))
              found = true;
          bool otherIsAxis = std::count(out.axes.begin(), out.axes.end(), rel.other) > 0;
          if (otherIsAxis && !found)
            return false;
        }
      }
      return true;
    };
    // What a Reads or Writes column judges: each selected field's rules, reduced to the
    // alternatives a lock state can decide (model.h, TableColumn).
    struct Judged {
      const Field *field;
      const FieldRule *rule; ///< The first rule that counts, for the note.
      Requirement locksOnly;
    };
    std::vector<std::vector<Judged>> judged(out.columns.size());
    for (size_t c = 0; c < out.columns.size(); ++c) {
      const TableColumn &col = out.columns[c];
      if (col.kind == TableColumn::Kind::Satisfies)
        continue;
      for (const Field &f : model_.findObject(col.object)->fields) {
        if (!col.tables.empty() &&
            std::find(col.tables.begin(), col.tables.end(), f.table) == col.tables.end())
          continue;
        Judged j{&f, nullptr, {}};
        auto take = [&](const FieldRule &r) {
          if (r.kind != FieldRule::Kind::Locks)
            return;
          for (const Alternative &alt : r.requirement.alternatives)
            if (std::none_of(alt.atoms.begin(), alt.atoms.end(),
                             [](const Atom &a) { return a.kind == Atom::Kind::Fact; })) {
              j.locksOnly.alternatives.push_back(alt);
              j.rule = j.rule ? j.rule : &r;
            }
        };
        if (col.kind == TableColumn::Kind::Reads && f.read)
          take(*f.read);
        if (col.kind == TableColumn::Kind::Writes)
          for (const FieldRule &w : f.writes)
            take(w);
        if (j.rule)
          judged[c].push_back(std::move(j));
      }
    }
    auto evaluate = [&](const std::vector<Atom> &have) {
      std::vector<bool> values;
      for (size_t c = 0; c < out.columns.size(); ++c) {
        bool value = true;
        if (out.columns[c].kind == TableColumn::Kind::Satisfies)
          value = satisfies(model_, have, out.columns[c].requirement, true);
        for (const Judged &j : judged[c])
          value = value && satisfies(model_, have, j.locksOnly, true);
        values.push_back(value);
      }
      return values;
    };
    // Enumerate every state.
    std::vector<State> states{{}};
    for (const auto &modes : axisModes) {
      std::vector<State> next;
      for (const State &s : states) {
        State t = s;
        t.push_back("");
        next.push_back(t);
        for (const std::string &m : modes) {
          State u = s;
          u.push_back(m);
          next.push_back(u);
        }
      }
      states = std::move(next);
    }
    std::vector<std::vector<Atom>> held; // Per derived row: its holds and what they imply.
    for (const State &s : states)
      if (valid(s)) {
        held.push_back(withImpliedHolds(model_, atomsOf(s)));
        out.derived.push_back({s, evaluate(held.back())});
      }
    auto showState = [&](const State &s) {
      std::string text = "(";
      for (size_t a = 0; a < s.size(); ++a) {
        std::string shown = s[a].empty() ? "-" : axisLocks[a].front()->findMode(s[a])->abbrev;
        text += (a ? ", " : "") + out.axes[a] + " " + shown;
      }
      return text + ")";
    };
    // Check the declared rows against the derived states.
    std::map<State, size_t> coveredBy;
    for (size_t r = 0; r < in.rows.size(); ++r) {
      const ast::Row &row = in.rows[r];
      TableRow tr;
      tr.pos = pos(row.span);
      if (row.cells.size() != out.axes.size()) {
        diags_.error(row.span, "row has " + counted(row.cells.size(), "cell") +
                                   " but the table has " + counted(out.axes.size(), "axis"));
        continue;
      }
      if (row.values.size() != out.columns.size()) {
        diags_.error(row.span, "row has " + counted(row.values.size(), "value") +
                                   " but the table has " + counted(out.columns.size(), "column"));
        continue;
      }
      bool rowOk = true;
      for (size_t a = 0; a < row.cells.size(); ++a) {
        std::vector<std::string> modes;
        rowOk = resolveCell(row.cells[a], a, &modes) && rowOk;
        tr.cells.push_back(modes);
      }
      for (const ast::Name &v : row.values) {
        auto value = yesNo(v);
        rowOk = rowOk && value.has_value();
        tr.values.push_back(value.value_or(false));
      }
      if (!rowOk)
        continue;
      bool coversValid = false;
      bool reportedValue = false;
      for (size_t di = 0; di < out.derived.size(); ++di) {
        const DerivedRow &d = out.derived[di];
        bool inRow = true;
        for (size_t a = 0; a < d.state.size(); ++a)
          inRow = inRow && std::find(tr.cells[a].begin(), tr.cells[a].end(), d.state[a]) !=
                               tr.cells[a].end();
        if (!inRow)
          continue;
        coversValid = true;
        auto [it, fresh] = coveredBy.emplace(d.state, r);
        if (!fresh) {
          Diagnostic &diag = diags_.error(row.span, "row covers state " + showState(d.state) +
                                                        ", which an earlier row covers too");
          Diagnostics::note(diag, in.rows[it->second].span, "earlier row is here");
        }
        for (size_t c = 0; c < d.values.size() && !reportedValue; ++c) {
          // A field column names the first field that disagrees with the cell.
          for (const Judged &j : judged[c]) {
            if (satisfies(model_, held[di], j.locksOnly, true) == tr.values[c])
              continue;
            reportedValue = true;
            bool reads = out.columns[c].kind == TableColumn::Kind::Reads;
            Diagnostic &diag = diags_.error(
                row.values[c].span,
                "row declares '" + out.columns[c].title + "' " + (tr.values[c] ? "Y" : "N") +
                    " but field '" + out.columns[c].object + "." + j.field->name + "' " +
                    (tr.values[c] ? "cannot" : "can") + " be " + (reads ? "read" : "written") +
                    " in state " + showState(d.state));
            const SourcePos &at = j.rule->pos;
            if (auto span = sources_.spanAt(at.file, at.line, at.column))
              Diagnostics::note(diag, *span,
                                std::string(reads ? "read" : "write") + " rule '" +
                                    j.rule->requirement.text + "' is here");
            Diagnostics::note(diag, in.columns[c].name.span, "column defined here");
            break;
          }
          if (reportedValue || d.values[c] == tr.values[c])
            continue;
          reportedValue = true;
          Diagnostic &diag =
              diags_.error(row.values[c].span,
                           "row declares '" + out.columns[c].title + "' " +
                               (tr.values[c] ? "Y" : "N") + " but the rules give " +
                               (d.values[c] ? "Y" : "N") + " for state " + showState(d.state));
          Diagnostics::note(diag, in.columns[c].name.span, "column defined here");
        }
      }
      if (!coversValid)
        diags_.error(row.span, "row covers no state the relations allow");
      out.rows.push_back(std::move(tr));
    }
    for (const DerivedRow &d : out.derived)
      if (!coveredBy.count(d.state))
        diags_.error(in.name.span,
                     "table '" + in.name.text + "' has no row for state " + showState(d.state));
    model_.tables.push_back(std::move(out));
  }
}

void Sema::matrices() {
  for (ast::Matrix &in : spec_.matrices) {
    Matrix out;
    prose(out, in.name, in.prose, "matrix", true);
    const Entity *e = lookup(in.lock.text);
    if (!e || e->kind != "lock") {
      diags_.error(in.lock.text.empty() ? in.name.span : in.lock.span,
                   "matrix '" + in.name.text + "' needs a 'lock'");
      model_.matrices.push_back(std::move(out));
      continue;
    }
    const Lock &lock = model_.locks[e->index];
    out.lock = lock.name;
    bool ok = true;
    for (const ast::MatrixRow &row : in.rows) {
      const Mode *mode = nullptr;
      for (const Mode &m : lock.modes)
        if (m.name == row.mode.text || m.abbrev == row.mode.text)
          mode = &m;
      if (!mode) {
        diags_.error(row.mode.span, "lock '" + lock.name + "' has no mode '" + row.mode.text + "'");
        ok = false;
        continue;
      }
      if (std::find(out.modes.begin(), out.modes.end(), mode->name) != out.modes.end()) {
        diags_.error(row.mode.span, "mode '" + mode->name + "' has two rows");
        ok = false;
      }
      out.modes.push_back(mode->name);
    }
    for (const Mode &m : lock.modes)
      if (ok && std::find(out.modes.begin(), out.modes.end(), m.name) == out.modes.end()) {
        diags_.error(in.name.span,
                     "matrix '" + in.name.text + "' has no row for mode '" + m.name + "'");
        ok = false;
      }
    if (!ok) {
      model_.matrices.push_back(std::move(out));
      continue;
    }
    // Derived: holds coexist when both are shared and one can be entered without passing
    // through a mode that excludes the other (a downgraded hold is entered through write).
    auto path = [&](const std::string &name) {
      std::vector<const Mode *> modes;
      for (const Mode *m = lock.findMode(name); m && modes.size() <= lock.modes.size();
           m = m->from.empty() ? nullptr : lock.findMode(m->from))
        modes.push_back(m);
      return modes;
    };
    auto enterable = [&](const std::string &a, const std::string &b) {
      const Mode *other = lock.findMode(b);
      for (const Mode *m : path(a))
        if (m->sharing != Sharing::Shared || other->sharing != Sharing::Shared)
          return false;
      return true;
    };
    for (size_t r = 0; r < in.rows.size(); ++r) {
      const ast::MatrixRow &row = in.rows[r];
      std::vector<bool> values;
      if (row.values.size() != out.modes.size()) {
        diags_.error(row.span, "matrix row has " + counted(row.values.size(), "value") +
                                   " but the lock has " + counted(out.modes.size(), "mode"));
        continue;
      }
      for (size_t c = 0; c < row.values.size(); ++c) {
        const ast::Name &v = row.values[c];
        auto value = yesNo(v);
        if (!value)
          continue;
        bool declared = *value;
        bool derived =
            !(enterable(out.modes[r], out.modes[c]) || enterable(out.modes[c], out.modes[r]));
        if (declared != derived)
          diags_.error(v.span, "matrix says '" + out.modes[r] + "' and '" + out.modes[c] + "' " +
                                   (declared ? "exclude" : "do not exclude") +
                                   " each other, but the modes' sharing and entry paths say they " +
                                   (derived ? "do" : "do not"));
        values.push_back(declared);
      }
      out.excludes.push_back(values);
    }
    model_.matrices.push_back(std::move(out));
  }
}

} // namespace lockspec::detail
