// What the checker needs from the Model, indexed by the names C code uses: API functions,
// operation functions, guarded fields, struct names, and the enforced order.
//
// Built once per run from the immutable Model and shared read-only by worker threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "diagnostics.h"
#include "model.h"

namespace lockspec::check {

/// Which lock an expression that names a lock itself (`&mm->page_table_lock`) denotes.
struct LockObject {
  const Lock *lock = nullptr;
  std::string owner; ///< Canonical owner expression ("mm"), "" for a global or unknown owner.
};

/// A guarded field and the object it belongs to.
struct FieldRef {
  const Object *object;
  const Field *field;
};

class LockIndex {
public:
  /// `specSources` must hold the spec files the model was built from; spans into them are
  /// computed here so that workers never touch the SourceManager's lazy line tables.
  LockIndex(const Model &model, const SourceManager &specSources);

  const Model &model() const { return model_; }
  const Api *api(std::string_view name) const;
  /// Operations that list `name` among their functions (several may).
  const std::vector<const Operation *> *operations(std::string_view name) const;
  /// Objects with a guarded field called `name`.
  const std::vector<FieldRef> *fields(std::string_view name) const;
  /// The object whose C struct is `structName` ("vm_area_struct").
  const Object *objectForStruct(std::string_view structName) const;
  /// The object whose conventional variable is `var` ("vma").
  const Object *objectForVar(std::string_view var) const;
  /// A lock-pointer function that stores the lock through an out parameter
  /// (`pte_offset_map_rw_nolock(..., @*ptlp)`): the lock and that parameter's position.
  struct OutPointer {
    const Lock *lock;
    size_t param;
  };
  const OutPointer *outPointer(std::string_view name) const;
  /// A `pointer` function by name (both kinds), or nullptr.
  const LockPointer *pointer(std::string_view name) const;
  /// Which of `params` names the table whose split page-table lock `lock` is: the parameter
  /// named as the lock owner's variable, or as the variable of an object the owner links to
  /// that owns a split lock itself (`pte_lockptr(mm, pmd)`: the PTE table under `pmd`).
  /// SIZE_MAX for a lock that is not split, or when no parameter names the table.
  size_t tableParam(const Lock &lock, const std::vector<ApiParam> &params) const;
  /// Objects `fn` returns new (`constructor` in the spec), or nullptr.
  const std::vector<const Object *> *constructs(std::string_view fn) const;
  /// True when `fn` publishes an object passed to it (`publish` in the spec).
  bool publishes(std::string_view fn) const { return publishers_.count(fn) > 0; }
  /// The lock an expression naming a lock (not its owner) denotes, by the spec's paths and
  /// its `pointer` functions: "mm->page_table_lock" is page_table_lock of "mm";
  /// "*pmd_lockptr(mm,pmd)" and "*pte_lockptr(mm,pmd)" are pmd_lock and pte_lock.
  std::optional<LockObject> lockObject(std::string_view lockExpr) const;
  /// The owner expression of `lock` for a role `expr` of object type `object`, or "" when the
  /// lock's owner is not reachable from it.
  std::string ownerFrom(const std::string &expr, const std::string &object, const Lock &lock) const;

  /// True when `code` contains an identifier the checker acts on (an API or operation
  /// function, or a guarded field); a byte scan, no parsing.
  bool mentionsAny(std::string_view code) const;

  const std::vector<OrderEdge> &edges() const { return edges_; }
  /// A span in the spec for a model position; nullopt when the file is not loaded.
  std::optional<Span> specSpan(const SourcePos &pos) const;

private:
  const Model &model_;
  std::unordered_map<std::string_view, const Api *> apis_;
  std::unordered_map<std::string_view, std::vector<const Operation *>> operations_;
  std::unordered_map<std::string_view, std::vector<FieldRef>> fields_;
  std::unordered_map<std::string_view, const Object *> byStruct_, byVar_;
  std::unordered_map<std::string_view, OutPointer> outPointers_;
  std::unordered_map<std::string_view, const LockPointer *> pointers_;
  std::unordered_map<std::string_view, std::vector<const Object *>> constructors_;
  std::unordered_set<std::string_view> publishers_;
  std::unordered_set<std::string_view> relevant_;
  std::vector<OrderEdge> edges_;
  /// Lock paths, canonical: "->page_table_lock" after the owner, or a helper "*pmd_lockptr(".
  struct LockPath {
    const Lock *lock;
    std::string whole, suffix, helper;
  };
  std::vector<LockPath> paths_;
  struct SpecFile {
    std::string name;
    FileId id;
    std::string_view text;
    std::vector<uint32_t> lineStarts;
  };
  std::vector<SpecFile> specFiles_;
};

} // namespace lockspec::check
