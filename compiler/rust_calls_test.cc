// The docs' Rust calls checked against the crate the rust backend writes: every argument of
// every call must fit the parameter of the emitted `ops::` function in its place, and the
// evidence argument must be a type the operation's evidence trait is implemented for.
#include "rust_calls.h"

#include <map>
#include <regex>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "rust_backend.h"
#include "test_util.h"

namespace lockspec {
namespace {

/// `s` cut at its top-level commas (outside (), <> and []), each part trimmed.
std::vector<std::string> topLevel(const std::string &s) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (char c : s) {
    if (c == '(' || c == '<' || c == '[')
      ++depth;
    if (c == ')' || c == '>' || c == ']')
      --depth;
    if (c == ',' && depth == 0) {
      out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  out.push_back(cur);
  std::vector<std::string> trimmed;
  for (std::string &p : out) {
    p = std::regex_replace(p, std::regex("^\\s+|\\s+$"), "");
    if (!p.empty())
      trimmed.push_back(p);
  }
  return trimmed;
}

/// What a Rust type proves, as tokens in order (a tuple's order matters): `MmapLockReadGuard`,
/// `fact:X`, `!fact:X`, `if:F`.  The parameter type `&'g MmapLockReadGuard<'_, B>` and the
/// call's argument `&mmap_lock_read_guard_at_pte` (fromArgument) give the same tokens.
std::vector<std::string> fromType(const std::string &t) {
  std::vector<std::string> out;
  static const std::regex token("facts::Not<facts::(\\w+)>|facts::(\\w+)|(\\w+Guard)\\b");
  std::string rest = t;
  // A conditional's fact is the condition, not evidence: `if:F`.
  static const std::regex cond("Conditional<([^<>]*<[^<>]*>), facts::(\\w+)>");
  std::smatch m;
  while (std::regex_search(rest, m, cond)) {
    out.push_back("if:" + m[2].str());
    rest = m.prefix().str() + m[1].str() + m.suffix().str();
  }
  for (std::sregex_iterator i(rest.begin(), rest.end(), token), e; i != e; ++i) {
    if ((*i)[1].matched)
      out.push_back("!fact:" + (*i)[1].str());
    else if ((*i)[2].matched)
      out.push_back("fact:" + (*i)[2].str());
    else
      out.push_back((*i)[3].str());
  }
  return out;
}

std::vector<std::string> fromArgument(const std::string &arg, std::set<std::string> *conds) {
  std::vector<std::string> out;
  static const std::regex held("Conditional::Held\\(&(\\w+)\\)|&(\\w+)");
  for (std::sregex_iterator i(arg.begin(), arg.end(), held), e; i != e; ++i) {
    std::string var = (*i)[1].matched ? (*i)[1].str() : (*i)[2].str();
    size_t at = var.find("_guard");
    if (at != std::string::npos) {
      std::string t = pascalCase(var.substr(0, at)) + "Guard";
      out.push_back(t);
      if ((*i)[1].matched)
        conds->insert(t);
    } else if (var.rfind("not_", 0) == 0) {
      out.push_back("!fact:" + pascalCase(var.substr(4)));
    } else {
      out.push_back("fact:" + pascalCase(var));
    }
  }
  return out;
}

/// Without the `if:` tokens (a conditional argument says only `Held`).
std::vector<std::string> evidenceOnly(std::vector<std::string> s) {
  for (auto it = s.begin(); it != s.end();)
    it = it->rfind("if:", 0) == 0 ? s.erase(it) : std::next(it);
  return s;
}

TEST(RustCalls, EveryCallFitsTheCratesFunction) {
  SourceManager sources;
  Diagnostics diags(sources);
  auto model = loadSpec(LOCKSPEC_SOURCE_DIR "/rules/mm.rules", sources, diags);
  ASSERT_TRUE(model) << diags.renderAll();
  std::string ops;
  for (const OutputFile &f : emitRust(*model))
    if (f.name == "rust/src/ops.rs")
      ops = f.contents;
  ASSERT_FALSE(ops.empty());
  // One line of the block above each `{` of an impl: `impl<..> Trait<B> for Type`.
  std::string flat = std::regex_replace(ops, std::regex("\\n\\s*"), " ");
  size_t checked = 0, evidence = 0;
  for (const Operation &op : model->operations) {
    std::vector<std::string> calls = rustCalls(*model, op);
    size_t fn = flat.find("pub fn " + op.name + "<");
    if (calls.empty()) {
      EXPECT_EQ(fn, std::string::npos) << op.name << ": the crate has a function the docs omit";
      continue;
    }
    ASSERT_NE(fn, std::string::npos) << op.name;
    size_t open = flat.find(">(", fn);
    size_t close = flat.find(") -> Permit", open);
    std::string generics = flat.substr(fn, open - fn);
    std::vector<std::string> params = topLevel(flat.substr(open + 2, close - open - 2));
    if (op.requirement.alternatives.size() > 1) {
      EXPECT_EQ(calls.size(), op.requirement.alternatives.size()) << op.name;
      // The page names the evidence trait: the crate must declare it.
      EXPECT_NE(ops.find("pub trait " + rustEvidenceTrait(op.name) + "<B: Backend>"),
                std::string::npos)
          << op.name;
    }
    // The evidence trait's implementing types, as token lists.
    std::vector<std::vector<std::string>> impls;
    std::string trait = " " + pascalCase(op.name) + "Evidence<B> for ";
    for (size_t at = flat.find(trait); at != std::string::npos; at = flat.find(trait, at + 1)) {
      size_t end = flat.find(" {", at);
      impls.push_back(
          evidenceOnly(fromType(flat.substr(at + trait.size(), end - at - trait.size()))));
    }
    for (const std::string &call : calls) {
      if (call.empty())
        continue;
      ASSERT_EQ(call.rfind("ops::" + op.name + "(", 0), 0u) << call;
      std::vector<std::string> args =
          topLevel(call.substr(op.name.size() + 6, call.size() - op.name.size() - 8));
      ASSERT_EQ(args.size(), params.size())
          << call << "\nparameters: " << flat.substr(open, close - open);
      for (size_t i = 0; i < args.size(); ++i) {
        std::string name = params[i].substr(0, params[i].find(':'));
        std::string type = params[i].substr(params[i].find(':') + 2);
        std::set<std::string> conds;
        std::vector<std::string> got = fromArgument(args[i], &conds);
        if (type == "E") {
          EXPECT_NE(std::find(impls.begin(), impls.end(), got), impls.end())
              << call << ": argument " << args[i] << " implements no " << op.name << " evidence";
          ++evidence;
        } else if (std::regex_match(type, std::regex("&'g G\\d+"))) {
          // A mode several guards satisfy: the guard must implement the bound's Holds trait.
          std::smatch b;
          ASSERT_TRUE(
              std::regex_search(generics, b, std::regex(type.substr(3) + ": (Holds\\w+)<B>")));
          ASSERT_EQ(got.size(), 1u) << call;
          EXPECT_NE(ops.find("impl<B: Backend> " + b[1].str() + "<B> for " + *got.begin()),
                    std::string::npos)
              << call << ": " << args[i] << " does not satisfy " << b[1].str();
        } else if (type.rfind("&'g " + pascalCase(op.subject.object), 0) == 0 ||
                   std::regex_match(type, std::regex("&'g [A-Z]\\w*<B>"))) {
          EXPECT_EQ(args[i], name) << call << ": a role is passed as itself";
        } else {
          EXPECT_EQ(got, evidenceOnly(fromType(type)))
              << call << ": argument " << args[i] << " for parameter " << params[i];
          EXPECT_EQ(conds.empty(), type.find("Conditional") == std::string::npos) << call;
        }
        ++checked;
      }
    }
  }
  // The spec has operations with evidence and plain parameters: a test that checked nothing
  // would pass on an empty crate.
  EXPECT_GT(evidence, 40u);
  EXPECT_GT(checked, 150u);
}

} // namespace
} // namespace lockspec
