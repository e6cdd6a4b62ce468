#include "summary.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace lockspec::check {
namespace {

TEST(Summary, KeysInTermsOfParameters) {
  std::vector<std::string> params{"mm", "vma"};
  EXPECT_EQ(toParams("vma->vm_mm", params), "$1->vm_mm");
  EXPECT_EQ(toParams("mm", params), "$0");
  EXPECT_EQ(toParams("*ptl", params), ""); // a local of the callee
  EXPECT_EQ(toParams("*vma", params), "*$1");
  EXPECT_EQ(toParams("vmas", params), ""); // whole identifiers only
  EXPECT_EQ(toParams("", params), "");
  EXPECT_EQ(toParams("found", params, "found"), "$ret");
  EXPECT_EQ(toParams("*ptl", params, "ptl"), "*$ret");
}

TEST(Summary, ParameterStores) {
  // Only `param->field = param;` at the top level: a local's field, a value that is not a
  // parameter, a compound assignment and a store under a condition say nothing.
  ts::Parser parser;
  ts::Tree tree = parser.parse("static void init(struct s *vms, bool unlock, int n)\n"
                               "{\n"
                               "\tstruct s local;\n"
                               "\tvms->unlock = unlock;\n"
                               "\tvms->count = 0;\n"
                               "\tlocal.unlock = unlock;\n"
                               "\tvms->n += n;\n"
                               "\tif (n)\n"
                               "\t\tvms->other = n;\n"
                               "\tvms->unlock = unlock;\n"
                               "}\n");
  ts::Node fn = tree.root().namedChild(0);
  auto stores = paramStores(fn.child("body"), {"vms", "unlock", "n"});
  ASSERT_EQ(stores.size(), 1u);
  EXPECT_EQ(stores[0].first, "$0->unlock");
  EXPECT_EQ(stores[0].second, "$1");
  EXPECT_TRUE(paramStores(fn.child("body"), {"a", "b"}).empty());
}

TEST(Summary, KeysAtACall) {
  std::vector<std::string> args{"current->mm", "&vmf->ptl", "a+b"};
  EXPECT_EQ(fromParams("$0", args, ""), "current->mm");
  EXPECT_EQ(fromParams("$0->mmap_lock", args, ""), "current->mm->mmap_lock");
  EXPECT_EQ(fromParams("*$1", args, ""), "vmf->ptl"); // `*&x` folds
  EXPECT_EQ(fromParams("$2->x", args, ""), "(a+b)->x");
  EXPECT_EQ(fromParams("$0->mapping", {"&vp"}, ""), "vp.mapping"); // as canonical() writes it
  EXPECT_EQ(fromParams("$3", args, ""), "");                       // no such argument
  EXPECT_EQ(fromParams("$ret", args, "vma"), "vma");
  EXPECT_EQ(fromParams("$ret", args, ""), "");
  EXPECT_EQ(fromParams("", args, ""), "");
  EXPECT_EQ(fromParams("init_mm", args, ""), "init_mm");
}

TEST(Summary, ParameterStoresOnlyAParameterIntoAParametersField) {
  ts::Parser parser;
  ts::Tree tree = parser.parse(
      "void set(struct a *args, spinlock_t *lock, int n, struct b *o) {\n"
      "  int local = n;\n"
      "  args->lock = lock;\n"     // a parameter into a parameter's field
      "  args->n = local;\n"       // a local: not the caller's
      "  o->next->p = args;\n"     // reached through a field: not the parameter's own
      "  args->m += n;\n"          // not a plain store
      "  x->y = lock;\n"           // a global's field
      "  args->q = lock->r;\n"     // not the value itself
      "}\n");
  ts::Node fn = tree.root().namedChild(0);
  std::vector<std::pair<std::string, std::string>> want{{"$0->lock", "$1"}};
  EXPECT_EQ(paramStores(fn.child("body"), {"args", "lock", "n", "o"}), want);
}

TEST(Summary, ParameterStoresWrittenAcrossBlanksAndComments) {
  // The byte scan that spares bodies without a store must not miss one spelled loosely.
  ts::Parser parser;
  ts::Tree tree = parser.parse("void set(struct a *args, spinlock_t *lock, int n)\n"
                               "{\n"
                               "\targs -> lock =\n\t\t/* the caller's */ lock ;\n"
                               "\targs->n = n; // and its count\n"
                               "}\n");
  ts::Node fn = tree.root().namedChild(0);
  std::vector<std::pair<std::string, std::string>> want{{"$0->lock", "$1"}, {"$0->n", "$2"}};
  EXPECT_EQ(paramStores(fn.child("body"), {"args", "lock", "n"}), want);
  // `==` is a test, not a store.
  ts::Tree test = parser.parse("void t(struct a *args, int n) { if (args->n == n) return; }");
  EXPECT_TRUE(paramStores(test.root().namedChild(0).child("body"), {"args", "n"}).empty());
}

TEST(Summary, ReturnClasses) {
  EXPECT_EQ(classifyReturn("0"), ReturnClass::Zero);
  EXPECT_EQ(classifyReturn("NULL"), ReturnClass::Zero);
  EXPECT_EQ(classifyReturn("(false)"), ReturnClass::Zero);
  EXPECT_EQ(classifyReturn("-EINTR"), ReturnClass::Nonzero);
  EXPECT_EQ(classifyReturn("1"), ReturnClass::Nonzero);
  // An error pointer, by the hints' `errptr make` macros.
  EXPECT_EQ(classifyReturn("ERR_PTR(-ENOMEM)"), ReturnClass::Error);
  EXPECT_EQ(classifyReturn("ERR_CAST(vma)"), ReturnClass::Error);
  EXPECT_EQ(classifyReturn("PTR_ERR(vma)"), ReturnClass::Unknown);
  EXPECT_EQ(classifyReturn("VM_FAULT_RETRY"), ReturnClass::Nonzero);
  EXPECT_EQ(classifyReturn("vma"), ReturnClass::Unknown);
  EXPECT_EQ(classifyReturn(""), ReturnClass::Void);
}

TEST(Summary, HoldEffects) {
  using H = ReturnHold::Hold;
  Effect::Kind kind;
  bool nonzero = false;
  // Held at every return: an acquisition.
  ASSERT_TRUE(holdEffect({{ReturnClass::Void, H::Yes}}, kind, nonzero));
  EXPECT_EQ(kind, Effect::Kind::Acquire);
  // `return vma;` holding, `return NULL;` not: held when the result is nonzero.
  ASSERT_TRUE(
      holdEffect({{ReturnClass::Zero, H::No}, {ReturnClass::Unknown, H::Yes}}, kind, nonzero));
  EXPECT_EQ(kind, Effect::Kind::HeldIf);
  EXPECT_TRUE(nonzero);
  // `return -EINTR;` not holding, `return 0;` holding: held when zero.
  ASSERT_TRUE(
      holdEffect({{ReturnClass::Nonzero, H::No}, {ReturnClass::Zero, H::Yes}}, kind, nonzero));
  EXPECT_EQ(kind, Effect::Kind::HeldIf);
  EXPECT_FALSE(nonzero);
  // `return ERR_PTR(-EINTR);` not holding, `return vma;` holding: an error pointer is a
  // failed result, so held when the result is a valid (nonzero) pointer.
  ASSERT_TRUE(
      holdEffect({{ReturnClass::Error, H::No}, {ReturnClass::Unknown, H::Yes}}, kind, nonzero));
  EXPECT_EQ(kind, Effect::Kind::HeldIf);
  EXPECT_TRUE(nonzero);
  // Released where the result is NULL or an error pointer, kept where it is valid.
  ASSERT_TRUE(holdEffect({{ReturnClass::Unknown, H::No}, {ReturnClass::Error, H::Yes},
                          {ReturnClass::Zero, H::Yes}},
                         kind, nonzero));
  EXPECT_EQ(kind, Effect::Kind::HeldIf);
  EXPECT_FALSE(nonzero);
  // The result does not tell: no effect (the function is reported instead).
  EXPECT_FALSE(
      holdEffect({{ReturnClass::Zero, H::No}, {ReturnClass::Zero, H::Yes}}, kind, nonzero));
  EXPECT_FALSE(
      holdEffect({{ReturnClass::Void, H::No}, {ReturnClass::Void, H::Yes}}, kind, nonzero));
  EXPECT_FALSE(holdEffect({{ReturnClass::Zero, H::May}}, kind, nonzero));
  // `return -ENOMEM;` not holding, `return error;` holding: held when zero, unless the
  // function also sets `error` to a nonzero literal, which it may return holding.
  ASSERT_TRUE(
      holdEffect({{ReturnClass::Nonzero, H::No}, {ReturnClass::Unknown, H::Yes}}, kind, nonzero));
  EXPECT_EQ(kind, Effect::Kind::HeldIf);
  EXPECT_FALSE(nonzero);
  ReturnHold errorSet{ReturnClass::Unknown, H::Yes};
  errorSet.maybeNonzero = true;
  EXPECT_FALSE(holdEffect({{ReturnClass::Nonzero, H::No}, errorSet}, kind, nonzero));
}

TEST(Summary, CallsAndAddressTaken) {
  auto calls = calledNames("if (foo (a) && x->bar(b) && s.baz(c)) qux(foo(1), 0x1f(2));\n"
                           "/* see comment() */ // and line()\n\"str(\"; 'c'");
  EXPECT_EQ(calls, (std::vector<std::string_view>{"foo", "qux", "foo"}));
  std::unordered_set<std::string_view> names{"fault", "helper", "exported"};
  auto taken = addressTaken(
      "static const struct ops o = { .fault = fault, };\nint x = helper(1);\n"
      "EXPORT_SYMBOL_GPL(exported);\ncall_rcu(&h, helper);\n/* exported is */ // exported\n"
      "pr_info(\"exported\");\nstruct fault f; union helper h;",
      names);
  EXPECT_EQ(taken, (std::vector<std::string>{"fault", "helper"}));
}

TEST(Summary, OnlyReturnsZero) {
  EXPECT_TRUE(onlyReturnsZero("{\n\t/* not yet */\n\treturn false;\n}"));
  EXPECT_TRUE(onlyReturnsZero("{ if (a) return NULL; return (0); }"));
  EXPECT_FALSE(onlyReturnsZero("{ if (a) return NULL; return vma; }"));
  EXPECT_FALSE(onlyReturnsZero("{ if (a) return 0; return -EINTR; }"));
  EXPECT_FALSE(onlyReturnsZero("{ do_it(); }"));           // no return: void
  EXPECT_FALSE(onlyReturnsZero("{ return; }"));            // void
  EXPECT_FALSE(onlyReturnsZero("{ /* return vma */ return 0; }")); // a comment only weakens
  EXPECT_TRUE(onlyReturnsZero("{ int returned = 1; return 0; }"));
}

TEST(Summary, FieldOfAPointeeParameter) {
  std::vector<std::string> params{"map", "vmap"};
  EXPECT_EQ(toParams("(*vmap)->vm_file->f_mapping", params), "(*$1)->vm_file->f_mapping");
  EXPECT_EQ(fromParams("(*$1)->vm_file->f_mapping", {"&map", "&vma"}, ""),
            "vma->vm_file->f_mapping");
  EXPECT_EQ(fromParams("(*$1)->vm_file", {"&map", "pp"}, ""), "(*pp)->vm_file");
  EXPECT_EQ(fromParams("(*$2)->vm_file", {"&map", "pp"}, ""), "");
}

TEST(Summary, AssignedFields) {
  auto f = assignedFields("struct mm_walk walk = { .ops = ops, .no_vma = true };\n"
                          "walk.vma = vma; w->action == 0; x->a |= 1; y.b++; --z->c;\n"
                          "pte_offset_map_lock(mm, pmd, addr, &vmf->ptl); n = a & b->d;\n"
                          "q->e <<= 2; /* r->f = 1; */ s(t->g) ;");
  std::vector<std::string> got(f.begin(), f.end());
  std::sort(got.begin(), got.end());
  // Not the designated initializer's `.ops`/`.no_vma`, the comparison, the bitwise and,
  // the comment, or the read `t->g`.
  EXPECT_EQ(got, (std::vector<std::string>{"a", "b", "c", "e", "ptl", "vma"}));
}

TEST(Summary, BottomUpOrder) {
  // 0 -> 1 -> 2 -> 1 (a cycle), 0 -> 3.
  auto comps = bottomUp({{1, 3}, {2}, {1}, {}});
  ASSERT_EQ(comps.size(), 3u);
  EXPECT_EQ(comps[0], (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(comps[1], (std::vector<uint32_t>{3}));
  EXPECT_EQ(comps[2], (std::vector<uint32_t>{0}));
}

} // namespace
} // namespace lockspec::check
