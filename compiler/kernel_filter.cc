#include "kernel_filter.h"

#include <algorithm>
#include <string>

namespace lockspec {
namespace {

class Filter {
public:
  Filter(std::string_view target, const SourceManager &sources, Diagnostics &diags)
      : target_(target), sources_(sources), diags_(diags) {}

  /// Whether an item marked `kernel` (absent: every kernel) holds for the target; records a
  /// marked item as `kind` `name` declared at `at`.
  bool holds(const ast::Str &kernel, std::string_view kind, std::string name, Span at) {
    if (!kernel.present)
      return true;
    if (!findKernel(kernel.value)) {
      std::string known;
      for (const Kernel &k : kKernels)
        known += std::string(known.empty() ? "" : ", ") + "'" + std::string(k.id) + "' (" +
                 std::string(k.title) + ")";
      diags_.error(kernel.span, "unknown kernel '" + kernel.value + "'; the spec's kernels are " +
                                    known);
      return true;
    }
    bool kept = kernel.value == target_;
    LineCol lc = sources_.lineCol(at.file, at.begin);
    rules_.push_back({std::string(kind), std::move(name), kernel.value, kept,
                      sources_.name(at.file), lc.line, lc.column});
    return kept;
  }

  void fieldRules(std::vector<ast::FieldRule> &rules, const std::string &field, bool write) {
    std::erase_if(rules, [&](const ast::FieldRule &r) {
      std::string name = field + (write ? " write" : " read");
      if (r.transition.present)
        name += "[" + r.transition.value + "]";
      return !holds(r.kernel, "field rule", name, r.span);
    });
  }

  /// What a kept declaration holds that may be marked too.
  void parts(ast::Object &object) {
    std::erase_if(object.fields, [&](const ast::Field &f) {
      return !holds(f.prose.kernel, "field", object.name.text + "." + f.name.text, f.name.span);
    });
    for (ast::Field &f : object.fields) {
      std::string name = object.name.text + "." + f.name.text;
      fieldRules(f.reads, name, false);
      fieldRules(f.writes, name, true);
    }
  }
  void parts(ast::Lock &lock) {
    std::erase_if(lock.apis, [&](const ast::Api &api) {
      static const ast::Str kAll;
      return !holds(api.extras ? api.extras->kernel : kAll, "api", std::string(api.name.text),
                    api.name.span);
    });
  }
  void parts(ast::Operation &op) {
    std::vector<ast::Name> apis;
    for (size_t i = 0; i < op.apis.size(); ++i)
      if (i >= op.apiKernels.size() ||
          holds(op.apiKernels[i], "operation api", op.name.text + "." + op.apis[i].text,
                op.apis[i].span))
        apis.push_back(std::move(op.apis[i]));
    op.apis = std::move(apis);
    op.apiKernels.clear();
  }
  template <typename Entity> void parts(Entity &) {}

  void run(ast::Spec &spec) {
    ast::forEachDeclarationList(spec, [&](auto &list, std::string_view kind) {
      std::erase_if(list, [&](const auto &e) {
        return !holds(e.prose.kernel, kind, std::string(e.name.text), e.name.span);
      });
      for (auto &e : list)
        parts(e);
    });
  }

  std::vector<VersionedRule> take() { return std::move(rules_); }

private:
  std::string_view target_;
  const SourceManager &sources_;
  Diagnostics &diags_;
  std::vector<VersionedRule> rules_;
};

} // namespace

std::vector<VersionedRule> filterForKernel(ast::Spec &spec, std::string_view target,
                                           const SourceManager &sources, Diagnostics &diags) {
  Filter filter(target, sources, diags);
  filter.run(spec);
  return filter.take();
}

} // namespace lockspec
