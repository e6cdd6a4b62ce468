#include "lock_index.h"

#include <algorithm>

#include "c_expr.h"

namespace lockspec::check {

LockIndex::LockIndex(const Model &model, const SourceManager &specSources) : model_(model) {
  for (const Api &api : model.apis)
    apis_.emplace(api.name, &api);
  for (const Operation &op : model.operations)
    for (const std::string &fn : op.apis)
      operations_[fn].push_back(&op);
  for (const Object &object : model.objects) {
    byStruct_.emplace(object.name, &object);
    if (!object.var.empty())
      byVar_.emplace(object.var, &object);
    for (const Field &field : object.fields)
      fields_[field.name].push_back({&object, &field});
    for (const std::string &fn : object.constructors)
      constructors_[fn].push_back(&object);
    for (const std::string &fn : object.publishers)
      publishers_.insert(fn);
  }
  edges_ = model.enforcedEdges();
  for (const Lock &lock : model.locks) {
    if (lock.path.empty())
      continue;
    LockPath p{&lock, canonicalText(lock.path), "", ""};
    const Object *owner = lock.owner.empty() ? nullptr : model.findObject(lock.owner);
    if (owner && !owner->var.empty() && p.whole.rfind(owner->var, 0) == 0 &&
        p.whole.size() > owner->var.size())
      p.suffix = p.whole.substr(owner->var.size());
    else if (size_t paren = p.whole.find('('); paren != std::string::npos)
      p.helper = p.whole.substr(0, paren + 1);
    paths_.push_back(std::move(p));
  }
  // Pointer functions: a result is a lock like a path computed by a helper; an out parameter
  // is bound where the call is evaluated.
  for (const LockPointer &fn : model.pointers) {
    const Lock *lock = model.findLock(fn.lock);
    if (!lock)
      continue;
    relevant_.insert(fn.name);
    pointers_.emplace(fn.name, &fn);
    if (fn.returnsInstance) {
      paths_.push_back({lock, "*" + fn.name + "(", "", "*" + fn.name + "("});
      continue;
    }
    for (size_t i = 0; i < fn.params.size(); ++i)
      if (fn.params[i].instance)
        outPointers_.emplace(fn.name, OutPointer{lock, i});
  }
  for (const auto &[name, api] : apis_)
    relevant_.insert(name);
  for (const auto &[name, ops] : operations_)
    relevant_.insert(name);
  for (const auto &[name, refs] : fields_)
    relevant_.insert(name);
  for (const auto &[name, objects] : constructors_)
    relevant_.insert(name);
  for (std::string_view name : publishers_)
    relevant_.insert(name);
  for (FileId id = 0; id < specSources.size(); ++id) {
    SpecFile file{specSources.name(id), id, specSources.text(id), {0}};
    for (uint32_t i = 0; i < file.text.size(); ++i)
      if (file.text[i] == '\n')
        file.lineStarts.push_back(i + 1);
    specFiles_.push_back(std::move(file));
  }
}

bool LockIndex::mentionsAny(std::string_view code) const {
  return anyIdentifier(code, [&](std::string_view id) { return relevant_.count(id) > 0; });
}

const std::vector<const Object *> *LockIndex::constructs(std::string_view fn) const {
  auto it = constructors_.find(fn);
  return it == constructors_.end() ? nullptr : &it->second;
}

const Api *LockIndex::api(std::string_view name) const {
  auto it = apis_.find(name);
  return it == apis_.end() ? nullptr : it->second;
}

const LockIndex::OutPointer *LockIndex::outPointer(std::string_view name) const {
  auto it = outPointers_.find(name);
  return it == outPointers_.end() ? nullptr : &it->second;
}

const LockPointer *LockIndex::pointer(std::string_view name) const {
  auto it = pointers_.find(name);
  return it == pointers_.end() ? nullptr : it->second;
}

size_t LockIndex::tableParam(const Lock &lock, const std::vector<ApiParam> &params) const {
  const Object *owner = lock.split ? model_.findObject(lock.owner) : nullptr;
  if (!owner)
    return SIZE_MAX;
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i].name == owner->var)
      return i;
  for (const Link &link : owner->links) {
    const Object *target = model_.findObject(link.target);
    bool splitOwner =
        target && std::any_of(model_.locks.begin(), model_.locks.end(),
                              [&](const Lock &l) { return l.owner == target->name && l.split; });
    if (!splitOwner)
      continue;
    for (size_t i = 0; i < params.size(); ++i)
      if (params[i].name == target->var)
        return i;
  }
  return SIZE_MAX;
}

const std::vector<const Operation *> *LockIndex::operations(std::string_view name) const {
  auto it = operations_.find(name);
  return it == operations_.end() ? nullptr : &it->second;
}

const std::vector<FieldRef> *LockIndex::fields(std::string_view name) const {
  auto it = fields_.find(name);
  return it == fields_.end() ? nullptr : &it->second;
}

const Object *LockIndex::objectForStruct(std::string_view structName) const {
  auto it = byStruct_.find(structName);
  return it == byStruct_.end() ? nullptr : it->second;
}

const Object *LockIndex::objectForVar(std::string_view var) const {
  auto it = byVar_.find(var);
  return it == byVar_.end() ? nullptr : it->second;
}

std::optional<LockObject> LockIndex::lockObject(std::string_view lockExpr) const {
  std::string expr = canonicalText(lockExpr);
  for (const LockPath &p : paths_) {
    if (p.suffix.empty()) {
      // A global lock ("swap_lock") or a path computed by a helper ("*pmd_lockptr(mm,pmd)"):
      // match the whole text, or the helper's name.
      if (expr == p.whole || (!p.helper.empty() && expr.rfind(p.helper, 0) == 0))
        return LockObject{p.lock, ""};
      continue;
    }
    // "mm->page_table_lock": anything ending in "->page_table_lock" is that lock of its prefix.
    if (expr.size() > p.suffix.size() &&
        expr.compare(expr.size() - p.suffix.size(), p.suffix.size(), p.suffix) == 0)
      return LockObject{p.lock, expr.substr(0, expr.size() - p.suffix.size())};
    // "init_mm.page_table_lock": the same lock of a struct named as a value, owned by its
    // address (`&init_mm`, as a pointer to it would be written).
    if (std::string dot = "." + p.suffix.substr(2);
        p.suffix.rfind("->", 0) == 0 && expr.size() > dot.size() &&
        expr.compare(expr.size() - dot.size(), dot.size(), dot) == 0 &&
        isIdentifier(std::string_view(expr).substr(0, expr.size() - dot.size())))
      return LockObject{p.lock, "&" + expr.substr(0, expr.size() - dot.size())};
  }
  return std::nullopt;
}

std::string LockIndex::ownerFrom(const std::string &expr, const std::string &object,
                                 const Lock &lock) const {
  if (lock.owner.empty() || expr.empty())
    return "";
  auto path = model_.linkPath(object, lock.owner);
  if (!path)
    return "";
  auto reached = model_.followLinks(expr, object, *path);
  return reached ? canonicalText(reached->expr) : "";
}

std::optional<Span> LockIndex::specSpan(const SourcePos &pos) const {
  for (const SpecFile &file : specFiles_) {
    if (file.name != pos.file)
      continue;
    if (pos.line == 0 || pos.line > file.lineStarts.size())
      return std::nullopt;
    uint32_t begin = file.lineStarts[pos.line - 1] + (pos.column ? pos.column - 1 : 0);
    if (begin > file.text.size())
      return std::nullopt;
    uint32_t end = begin;
    while (end < file.text.size() &&
           (std::isalnum(static_cast<unsigned char>(file.text[end])) || file.text[end] == '_'))
      ++end;
    return Span{file.id, begin, std::max(end, begin + 1)};
  }
  return std::nullopt;
}

} // namespace lockspec::check
