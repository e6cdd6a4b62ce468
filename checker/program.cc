#include "program.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace lockspec::check {
namespace {

/// A function definition with its place in the program.
struct Node {
  uint32_t file = 0, index = 0;
  /// Name called (viewing the caller's body: the callee's own, or an `inline` hint's) ->
  /// definition.
  std::unordered_map<std::string_view, uint32_t> callees;
  bool entry = false, root = false;
  FunctionSummary summary;
  std::vector<Finding> findings;
  /// Other definitions of this name in this file (`#if`/`#else` branches both kept): a call
  /// by the name may reach any of them.
  std::vector<uint32_t> alternates;
  /// This summary with the alternates' needs added: what a caller must meet, once
  /// `mergedReady`.
  FunctionSummary merged;
  bool mergedReady = false;
};

/// Runs `fn(i)` for i in [0, n) on `jobs` threads.
template <typename Fn> void parallelFor(size_t n, unsigned jobs, Fn fn) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++)
      fn(i);
  };
  unsigned threads = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(n)));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(worker);
  worker();
  for (std::thread &t : pool)
    t.join();
}

} // namespace

void checkProgram(const Checker &checker, std::vector<ProgramFile> &files, unsigned jobs) {
  // Definitions by name; a static function of one file shadows the others' of its name.
  std::vector<Node> nodes;
  std::unordered_map<std::string_view, std::vector<uint32_t>> byName; ///< Views FunctionDef names.
  std::unordered_set<std::string_view> names;
  for (uint32_t f = 0; f < files.size(); ++f)
    for (uint32_t i = 0; i < files[f].parsed.functions.size(); ++i) {
      const std::string &name = files[f].parsed.functions[i].name;
      byName[name].push_back(static_cast<uint32_t>(nodes.size()));
      names.insert(name);
      nodes.push_back({f, i, {}, false, false, {}, {}, {}, {}, false});
    }
  for (auto &[name, defs] : byName)
    for (size_t a = 0; a < defs.size(); ++a)
      for (size_t b = a + 1; b < defs.size(); ++b)
        if (nodes[defs[b]].file == nodes[defs[a]].file) {
          nodes[defs[a]].alternates.push_back(defs[b]); // defs[a] is its file's first
          defs.erase(defs.begin() + b--);
        }
  auto def = [&](const Node &n) -> const FunctionDef & {
    return files[n.file].parsed.functions[n.index];
  };
  // The call graph, from a byte scan of each body; entry points: functions stored or passed
  // by address, and functions no definition here calls.
  std::vector<std::vector<uint32_t>> succ(nodes.size());
  std::vector<char> called(nodes.size(), 0), taken(nodes.size(), 0);
  for (uint32_t n = 0; n < nodes.size(); ++n) {
    for (std::string_view c : calledNames(def(nodes[n]).node.child("body").text())) {
      auto it = byName.find(c);
      // A header inline the hints say calls a function defined here is a call to it.
      if (const std::string *target = MacroHints::kernel().inlineTarget(c);
          it == byName.end() && target)
        it = byName.find(*target);
      if (it == byName.end())
        continue;
      uint32_t target = UINT32_MAX;
      for (uint32_t d : it->second)
        if (nodes[d].file == nodes[n].file) {
          target = d;
          break;
        }
      if (target == UINT32_MAX && it->second.size() == 1)
        target = it->second.front();
      if (target == UINT32_MAX)
        continue;
      if (!nodes[n].callees.emplace(c, target).second) // by the name called (views the body)
        continue; // called before
      succ[n].push_back(target);
      if (target != n)
        called[target] = 1;
      for (uint32_t alt : nodes[target].alternates) {
        succ[n].push_back(alt);
        if (alt != n)
          called[alt] = 1;
      }
    }
  }
  for (uint32_t f = 0; f < files.size(); ++f)
    for (const std::string &name : addressTaken(files[f].parsed.tree.source(), names))
      for (uint32_t d : byName[name]) {
        taken[d] = 1;
        for (uint32_t alt : nodes[d].alternates)
          taken[alt] = 1;
      }
  std::unordered_set<std::string> assigned;
  for (const ProgramFile &f : files)
    assigned.merge(assignedFields(f.parsed.tree.source()));
  for (uint32_t n = 0; n < nodes.size(); ++n) {
    nodes[n].entry = taken[n] || !called[n];
    const FunctionDef &d = def(nodes[n]);
    nodes[n].root = d.syscall || (d.isStatic && !taken[n] && !called[n]);
  }

  // Components callees first; a component's level is one above its callees', so the
  // components of one level can be analysed in parallel.
  std::vector<std::vector<uint32_t>> comps = bottomUp(succ);
  std::vector<uint32_t> compOf(nodes.size()), level(comps.size(), 0);
  for (uint32_t c = 0; c < comps.size(); ++c)
    for (uint32_t n : comps[c])
      compOf[n] = c;
  uint32_t levels = 0;
  for (uint32_t c = 0; c < comps.size(); ++c) {
    for (uint32_t n : comps[c])
      for (uint32_t s : succ[n])
        if (compOf[s] != c)
          level[c] = std::max(level[c], level[compOf[s]] + 1);
    levels = std::max(levels, level[c] + 1);
  }
  std::vector<std::vector<uint32_t>> byLevel(levels);
  for (uint32_t c = 0; c < comps.size(); ++c)
    byLevel[level[c]].push_back(c);

  struct Lines {
    std::once_flag once;
    std::vector<uint32_t> starts;
  };
  std::vector<Lines> lines(files.size());
  // What its callees take, a function takes.
  auto calleesTake = [&](const Node &node, FunctionSummary &out) {
    for (const auto &[name, callee] : node.callees) {
      const Node &c = nodes[callee];
      const FunctionSummary &s = c.mergedReady ? c.merged : c.summary;
      out.takes.insert(out.takes.end(), s.takes.begin(), s.takes.end());
    }
    std::sort(out.takes.begin(), out.takes.end());
    out.takes.erase(std::unique(out.takes.begin(), out.takes.end()), out.takes.end());
  };
  auto analyse = [&](uint32_t n, FunctionSummary &out) {
    Node &node = nodes[n];
    const FunctionDef &d = def(node);
    CallContext ctx;
    for (const auto &[name, callee] : node.callees)
      ctx.summarisedCallees |= !nodes[callee].summary.empty() || !nodes[callee].merged.empty();
    node.findings.clear();
    bool zero = onlyReturnsZero(d.node.child("body").text());
    if (!ctx.summarisedCallees && d.annotations.empty() &&
        !checker.index().mentionsAny(d.node.text())) {
      calleesTake(node, out);
      out.returnsZero = zero;
      out.stores = paramStores(d.node.child("body"), d.params);
      return;
    }
    ctx.callee = [&](std::string_view name) -> const FunctionSummary * {
      auto it = node.callees.find(name);
      if (it == node.callees.end())
        return nullptr;
      const Node &c = nodes[it->second];
      const FunctionSummary &s = c.mergedReady ? c.merged : c.summary;
      return s.empty() ? nullptr : &s;
    };
    ctx.takes = [&](std::string_view name) -> const std::vector<const Lock *> * {
      auto it = node.callees.find(name);
      if (it == node.callees.end())
        return nullptr;
      const Node &c = nodes[it->second];
      return c.mergedReady ? &c.merged.takes : &c.summary.takes;
    };
    ctx.paramsOf = [&](std::string_view name) -> const std::vector<std::string> * {
      auto it = node.callees.find(name);
      return it == node.callees.end() ? nullptr : &def(nodes[it->second]).params;
    };
    ctx.entry = node.entry;
    ctx.root = node.root;
    ctx.params = d.params;
    ctx.assignedFields = &assigned;
    ctx.annotations = &d.annotations;
    uint32_t file = node.file;
    // Line starts are found once per file, and only in files that pass requirements on.
    ctx.where = [&, file](uint32_t offset) {
      std::call_once(lines[file].once, [&] {
        const std::string &text = files[file].parsed.tree.source();
        lines[file].starts.push_back(0);
        for (size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1))
          lines[file].starts.push_back(static_cast<uint32_t>(i + 1));
      });
      const std::vector<uint32_t> &ls = lines[file].starts;
      size_t line = std::upper_bound(ls.begin(), ls.end(), offset) - ls.begin();
      return files[file].name + ":" + std::to_string(line);
    };
    checkFunction(checker.index(), d.node, d.name, d.parameters, node.findings, &ctx, &out);
    calleesTake(node, out);
    out.returnsZero = zero;
    for (auto &s : paramStores(d.node.child("body"), d.params))
      if (std::find(out.stores.begin(), out.stores.end(), s) == out.stores.end())
        out.stores.push_back(std::move(s));
  };
  // A recursive component runs until its summaries stop changing (bounded: summaries only
  // grow in practice, but nothing proves it).
  constexpr int kMaxRounds = 4;
  auto levelOf = [&](uint32_t n) { return level[compOf[n]]; };
  for (uint32_t lvl = 0; lvl < levels; ++lvl) {
    const std::vector<uint32_t> &lv = byLevel[lvl];
    parallelFor(lv.size(), jobs, [&](size_t i) {
      const std::vector<uint32_t> &comp = comps[lv[i]];
      bool recursive = comp.size() > 1 || std::find(succ[comp[0]].begin(), succ[comp[0]].end(),
                                                    comp[0]) != succ[comp[0]].end();
      for (int round = 0; round < (recursive ? kMaxRounds : 1); ++round) {
        bool changed = false;
        for (uint32_t n : comp) {
          FunctionSummary s;
          analyse(n, s);
          if (!(s == nodes[n].summary)) {
            nodes[n].summary = std::move(s);
            changed = true;
          }
        }
        if (!changed)
          break;
      }
    });
    // Once every definition of a name is summarised, its callers (all at higher levels) see
    // the needs of each: the configuration that builds one is not known here.
    for (Node &head : nodes) {
      if (head.alternates.empty() || head.mergedReady)
        continue;
      uint32_t top = levelOf(static_cast<uint32_t>(&head - nodes.data()));
      for (uint32_t alt : head.alternates)
        top = std::max(top, levelOf(alt));
      if (top > lvl)
        continue;
      head.merged = head.summary;
      for (uint32_t alt : head.alternates)
        head.merged.returnsZero &= nodes[alt].summary.returnsZero;
      for (uint32_t alt : head.alternates)
        for (const Need &need : nodes[alt].summary.needs)
          if (std::find(head.merged.needs.begin(), head.merged.needs.end(), need) ==
              head.merged.needs.end())
            head.merged.needs.push_back(need);
      for (uint32_t alt : head.alternates)
        head.merged.takes.insert(head.merged.takes.end(), nodes[alt].summary.takes.begin(),
                                 nodes[alt].summary.takes.end());
      std::sort(head.merged.takes.begin(), head.merged.takes.end());
      head.merged.takes.erase(std::unique(head.merged.takes.begin(), head.merged.takes.end()),
                              head.merged.takes.end());
      head.mergedReady = true;
    }
  }

  // A requirement that several roots reach unmet is one finding: the first root's, in file
  // and source order.
  std::unordered_set<std::string> origins;
  std::vector<uint32_t> order(nodes.size());
  for (uint32_t n = 0; n < nodes.size(); ++n)
    order[n] = n;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return std::pair(nodes[a].file, def(nodes[a]).node.begin()) <
           std::pair(nodes[b].file, def(nodes[b]).node.begin());
  });
  for (uint32_t n : order) {
    Node &node = nodes[n];
    std::vector<Finding> &out = files[node.file].parsed.findings;
    for (Finding &f : node.findings)
      if (f.origin.empty() || origins.insert(f.origin).second)
        out.push_back(std::move(f));
  }
  for (ProgramFile &f : files)
    std::stable_sort(
        f.parsed.findings.begin(), f.parsed.findings.end(),
        [](const Finding &a, const Finding &b) { return a.diag.span.begin < b.diag.span.begin; });
}

} // namespace lockspec::check
