// The cxx backend's private parts, shared by its translation units: the text helpers, what the
// C++ side calls each spec entity, and the Emitter that renders the header (cxx_backend.cc,
// cxx_header.cc, cxx_api.cc) and the corpus (cxx_corpus.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "backend.h"
#include "model.h"
#include "code_text.h"

namespace lockspec::cxx {

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/// True when `s` is a C identifier.
bool isIdent(const std::string &s);
/// `s` cut at every `sep`.
std::vector<std::string> split(const std::string &s, const std::string &sep);
/// `items` joined with `sep` between them.
std::string join(const std::vector<std::string> &items, const std::string &sep);
/// An identifier from free text ("NULL -> non-NULL" -> "null_to_non_null").
std::string identFrom(std::string text);
/// The primitive in lockspec::rt that a lock kind is built on.
const char *rawType(LockKind kind);
/// Escapes what Doxygen would read as commands, links or HTML in the `///` comments of a
/// generated file (`@pte`, `#page-tables`, `<`), so the headers stay Doxygen-clean.
std::string doxygenSafe(const std::string &text);
/// Longest-path rank of every node of `edges` (sources 0).  Linear on a DAG; on a graph with a
/// cycle, `passes` rounds of relaxation, as many as there are locks.
std::map<std::string, int>
longestPathRank(const std::vector<std::pair<std::string, std::string>> &edges, size_t passes);

/// "Spec: `name` (file:line); source: ..." for a doc comment.
std::string cite(const Documented &d);

/// The member that stands for a forbidden relation's `other` lock being held
/// (`mm->vma_lock_read_held`), and its capability type (`VmaLockHeld`, kind "vma_lock"):
/// clang's message then names the hold that forbids the call.
std::string tokenMember(const Relation &r);
std::string tokenType(const Relation &r);

// ---------------------------------------------------------------------------------------------
// What the C++ side calls each spec entity
// ---------------------------------------------------------------------------------------------

/// An object of the spec and the C++ names of its members.
struct ObjInfo {
  const Object *obj = nullptr;
  std::map<std::string, std::string> linkMember; ///< Link name -> member name.
  std::vector<std::string> lockNames;            ///< Lock classes declared as members here.
  std::set<std::string> lockMembers;             ///< Their member names.
  int order = -1;                                ///< Index in the header's object order.
  std::vector<const Relation *> tokens;          ///< Forbidden relations whose token is here.
};

/// The link whose pointer member is the field `name` (`vma->vm_mm`), if any: its storage is
/// that public pointer, which capability expressions need to name.
const Link *linkField(const ObjInfo &oi, const std::string &name);

/// The field whose storage `f` is another view of, if any: a field written only through
/// another one (`write owner "__vm_flags ..."` on `vm_flags`, the two members of one union).
const Field *viewOf(const ObjInfo &oi, const Field &f);

/// A lock class of the spec and how the C++ side declares it.
struct LockInfo {
  const Lock *lock = nullptr;
  unsigned id = 0;
  std::string type;                      ///< C++ capability type.
  std::string declObject;                ///< Object the member is declared in; "" for a global.
  std::string member;                    ///< Member (or global) name.
  std::string relPath;                   ///< From a pointer to the owner: "root->rwsem".
  int excl = -1, shared = -1, down = -1; ///< Mode indexes of lock(), lock_shared(), downgrade().
  std::string anchor; ///< EndsWith: the lock whose write section this one lives in.
  /// The kind the C++ side implements: a VMA lock whose write holds end with no rwsem's write
  /// section has nothing to live in, and is an rwsem.
  LockKind kind = LockKind::Rwsem;
};

/// One capability a requirement names, for the corpus to take, weaken or leave out.
struct Hold {
  std::string inst;               ///< Capability expression.
  const LockInfo *lock = nullptr; ///< nullptr for a fact.
  std::string owner;              ///< Owner object pointer expression ("" for globals, facts).
  bool excl = false;
  bool neg = false;     ///< Must not be held.
  bool derived = false; ///< Added by an ends-with relation.
};

/// One part of a requirement as C++ attributes and runtime checks.
struct ReqCode {
  std::vector<Hold> holds;
  std::vector<std::string> excl, shared, neg;
  std::vector<std::string> checks;  ///< Statements for the validator.
  std::vector<std::string> skipped; ///< Conditional atoms clang cannot check.
};

/// One lockspec::alias bridge: `held` (the owner's lock) and `alias` (the same lock reached
/// through a link of object `from`) in mode `mode` of `lock`.
struct Alias {
  const LockInfo *lock = nullptr;
  unsigned mode = 0;
  std::string from;   ///< Object the link starts at.
  std::string fn;     ///< Function name in lockspec::alias: `<lock>_<mode>`.
  std::string held;   ///< `mm->mmap_lock`.
  std::string linked; ///< `vma->vm_mm`.
  std::string alias;  ///< `vma->vm_mm->mmap_lock`.
};

/// A lock atom resolved to its C++ instance.
struct Resolved {
  const LockInfo *lock = nullptr;
  std::string owner;    ///< C++ expression of the owner object pointer ("" for globals).
  std::string ownerObj; ///< Object name of the owner.
  std::string instance; ///< C++ capability expression.
};

/// A waiting `when nonnull` try that is given the object above its instance's owner
/// (`pte_offset_map_lock(mm, pmd, addr, &ptl)`: the PTE table is reached through `pmd`).  After
/// taking the lock it asks that object whether its entry still links the owner, as the kernel
/// rechecks the entry it read before it held the lock, and fails with the lock dropped if not.
struct Recheck {
  std::string param;             ///< The parameter naming the object above (`pmd`).
  std::string object;            ///< Its object (`pmd_table`).
  std::string owner;             ///< The instance's owner object (`pte_table`).
  std::vector<std::string> keys; ///< Scalar parameters selecting the entry (`addr`).
};

/// Renders the model as mm_locks.h, runtime.h and the corpus; the header sections, the C API
/// and the corpus live in their own files.
class Emitter {
public:
  explicit Emitter(const Model &m) : m_(m) { index(); }

  std::vector<OutputFile> run();

private:
  // -- model indexing ------------------------------------------------------------------------
  void index();
  const LockInfo &lock(const std::string &name) const { return locks_.at(name); }
  unsigned modeIndex(const Lock &l, const std::string &mode) const;
  std::uint32_t satisfiesMask(const Lock &l, unsigned held) const;

  /// `ptr` followed along `links` from object `obj`; the object reached goes to `reached`.
  std::string follow(std::string ptr, std::string obj, const std::vector<std::string> &links,
                     std::string *reached) const;
  std::string instanceOf(const std::string &ownerPtr, const LockInfo &l) const;
  std::optional<Resolved> resolveOwner(const std::string &ptr, const std::string &obj,
                                       const std::string &lockName) const;

  // -- requirements --------------------------------------------------------------------------
  ReqCode requirement(const Alternative &alt,
                      const std::map<std::string, std::pair<std::string, std::string>> &roles,
                      const std::string &rule) const;
  std::string attrs(const ReqCode &r) const;
  std::vector<std::string> tags(const Requirement &req, const std::string &subjectRole) const;
  /// The tags of a rejected lock set of `op` that get an overload refusing them with the
  /// spec's reason: none when `op` takes no tag or the name is an accepted alternative's.
  std::vector<std::string> rejectedTags(const Operation &op, const Rejection &r) const;

  // -- header sections -----------------------------------------------------------------------
  void emitLockType(std::ostringstream &o, const LockInfo &l) const;
  void emitObject(std::ostringstream &o, const ObjInfo &oi) const;
  void emitField(std::ostringstream &o, const ObjInfo &oi, const Field &f) const;
  /// One function of the C API for lock class `li` (the API's own class, or another
  /// spinlock class for the generic spin_* functions).
  void emitApi(std::ostringstream &o, const Api &api, const LockInfo &li) const;
  /// The recheck `api` makes after waiting for its lock, if any (see Recheck).
  std::optional<Recheck> recheckOf(const Api &api) const;
  void emitGuards(std::ostringstream &o) const;
  /// lockspec::alias: calls that tell the analysis two expressions name one lock.
  void emitAliases(std::ostringstream &o) const;
  /// Every bridge: per lock class with an owner object, per mode that is not converted from
  /// another, per object with a link to the owner.
  std::vector<Alias> aliases() const;
  void emitOperation(std::ostringstream &o, const Operation &op) const;
  void emitTables(std::ostringstream &o) const;
  std::string header() const;

  // -- corpus --------------------------------------------------------------------------------
  std::vector<OutputFile> corpus() const;

  const Model &m_;
  std::map<std::string, ObjInfo> objects_;
  std::vector<std::string> objectOrder_;
  std::map<std::string, LockInfo> locks_;
  std::vector<std::string> lockOrder_; ///< Anchors first.
  std::set<std::string> usedTags_;
  mutable std::set<std::string> tagSet_;
  mutable std::vector<std::string> guards_; ///< RAII guard types, for the size checks.
  std::vector<std::pair<std::string, std::string>> clangEdges_; ///< (from, to) lock classes.
  /// clangEdges_ without the edges a longer path implies: what the attributes declare.
  std::vector<std::pair<std::string, std::string>> clangDirect_;
  std::map<std::string, std::string> objectOfVar_; ///< Object var -> object name.
  /// C API functions by lock class, in the spec's order.
  std::map<std::string, std::vector<std::reference_wrapper<const Api>>> apisOf_;
  const std::vector<std::reference_wrapper<const Api>> &apisOf(const std::string &lock) const {
    static const std::vector<std::reference_wrapper<const Api>> none;
    auto found = apisOf_.find(lock);
    return found == apisOf_.end() ? none : found->second;
  }
  /// Relations by their `lock` and by their `other` lock, in the spec's order.
  std::map<std::string, std::vector<const Relation *>> relationsOf_, relationsTo_;
  const std::vector<const Relation *> &relationsOf(const std::string &lock) const {
    static const std::vector<const Relation *> none;
    auto found = relationsOf_.find(lock);
    return found == relationsOf_.end() ? none : found->second;
  }
  const std::vector<const Relation *> &relationsTo(const std::string &lock) const {
    static const std::vector<const Relation *> none;
    auto found = relationsTo_.find(lock);
    return found == relationsTo_.end() ? none : found->second;
  }
  /// clangDirect_ by lock class, each edge under both its ends, in clangDirect_'s order.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> directAt_;
  const std::vector<std::pair<std::string, std::string>> &directAt(const std::string &lock) const {
    static const std::vector<std::pair<std::string, std::string>> none;
    auto found = directAt_.find(lock);
    return found == directAt_.end() ? none : found->second;
  }
  std::vector<OrderEdge> runtimeEdges_; ///< Mode-specific edges.
  std::vector<std::string> unchecked_;  ///< For unchecked.txt.
};

} // namespace lockspec::cxx
