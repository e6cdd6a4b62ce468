#include "alternative_names.h"

#include <algorithm>
#include <map>

namespace lockspec {
namespace {

std::string key(const Atom &a, const std::string &subjectRole) {
  std::string k = a.kind == Atom::Kind::Fact ? a.fact : a.lock;
  if (!a.held)
    k = "not_" + k;
  if (a.kind == Atom::Kind::Lock && !a.role.empty() && a.role != subjectRole)
    k += "_at_" + a.role;
  return k;
}

std::string joined(const std::vector<std::string> &parts) {
  std::string out;
  for (const std::string &p : parts)
    out += (out.empty() ? "" : "_") + p;
  return out;
}

} // namespace

std::vector<std::string> alternativeNames(const Requirement &req, const std::string &subjectRole) {
  std::vector<std::string> out;
  if (req.alternatives.size() < 2)
    return out;
  std::map<std::string, int> labels;
  for (const Alternative &alt : req.alternatives)
    ++labels[alt.label];
  for (const Alternative &alt : req.alternatives) {
    std::vector<std::string> parts;
    if (!alt.label.empty())
      parts.push_back(alt.label);
    if (alt.label.empty() || labels[alt.label] > 1)
      for (const Atom &a : alt.atoms) {
        // Only what tells this alternative apart from the others of its branch.
        bool common = std::all_of(
            req.alternatives.begin(), req.alternatives.end(), [&](const Alternative &other) {
              return other.label != alt.label ||
                     std::find(other.atoms.begin(), other.atoms.end(), a) != other.atoms.end();
            });
        if (!common)
          parts.push_back(key(a, subjectRole));
      }
    std::string name = parts.empty() ? "none" : joined(parts);
    while (std::find(out.begin(), out.end(), name) != out.end())
      name += "_";
    out.push_back(name);
  }
  return out;
}

std::vector<std::string> rejectedNames(const Requirement &rejected,
                                       const std::string &subjectRole) {
  if (rejected.alternatives.size() != 1)
    return alternativeNames(rejected, subjectRole);
  std::vector<std::string> parts;
  for (const Atom &a : rejected.alternatives[0].atoms)
    parts.push_back(key(a, subjectRole));
  return {parts.empty() ? "none" : joined(parts)};
}

std::vector<std::string> refusedNames(const Operation &op, const Rejection &r) {
  std::vector<std::string> accepted = alternativeNames(op.requirement, op.subject.name);
  std::vector<std::string> out;
  if (accepted.empty())
    return out;
  for (const std::string &name : rejectedNames(r.requirement, op.subject.name))
    if (std::find(accepted.begin(), accepted.end(), name) == accepted.end() &&
        std::find(out.begin(), out.end(), name) == out.end())
      out.push_back(name);
  return out;
}

} // namespace lockspec
