// Checking several files as one program: every file parsed first, then every function
// analysed callees first over the call graph, so that a call to a function of the files
// applies that function's summary (summary.h).
#pragma once

#include <string>
#include <vector>

#include "checker.h"

namespace lockspec::check {

/// A function definition of a parsed file.
struct FunctionDef {
  std::string name;
  ts::Node node;
  std::vector<StructParam> parameters; ///< structParameters() of its declarator.
  std::vector<std::string> params;   ///< Parameter names in order.
  bool syscall = false;              ///< Defined by SYSCALL_DEFINEn (a root of the call graph).
  bool isStatic = false;
  /// Its lock annotations (`__must_hold(&mm->mmap_lock)`), between its name and its body.
  std::vector<LockAnnotation> annotations;
};

/// One file parsed: the tree (which owns the rewritten text), its function definitions, the
/// parse-error notes and the function counts.
struct ParsedFile {
  ts::Tree tree;
  std::vector<FunctionDef> functions;
  std::vector<Finding> findings;
  FunctionStats stats;
};

/// Preprocesses and parses `text` and finds its function definitions (checker.cc).
ParsedFile parseFile(ts::Parser &parser, std::string text);

/// One file of a program: `name` is used in call paths ("mm/memory.c:120"); findings and
/// stats are filled in by checkProgram.
struct ProgramFile {
  std::string name;
  ParsedFile parsed;
};

/// Analyses every function of `files` callees first on `jobs` threads and appends the
/// findings to each file's, in source order.
void checkProgram(const Checker &checker, std::vector<ProgramFile> &files, unsigned jobs);

} // namespace lockspec::check
