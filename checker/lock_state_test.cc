#include "lock_state.h"

#include <gtest/gtest.h>

namespace lockspec::check {
namespace {

/// A lock class for the holds of these tests; only its identity matters.
const Lock &mmapLock() {
  static const Lock lock = [] {
    Lock l;
    l.name = "mmap_lock";
    return l;
  }();
  return lock;
}

Held hold(std::string key) {
  Held h;
  h.lock = &mmapLock();
  h.mode = "read";
  h.key = std::move(key);
  return h;
}

TEST(LockState, ErrorPointerTestsDecideHoldsByValidity) {
  // Held where `vma` is a valid pointer (a try's success); IS_ERR_OR_NULL decides it.
  State st;
  Held h = hold("vma");
  h.may = true;
  h.guard = "vma";
  st.held.push_back(h);
  State fail = st, ok = st;
  ASSERT_TRUE(assumeError(fail, "vma", true, true));
  ASSERT_TRUE(assumeError(ok, "vma", true, false));
  EXPECT_TRUE(fail.held.empty());
  ASSERT_EQ(ok.held.size(), 1u);
  EXPECT_FALSE(ok.held[0].may);
  // IS_ERR false is NULL or valid: a NULL `vma` has no lock, so its own lock is held; the
  // guard stays for a NULL test.  A lock of another object held where `vma` is valid is not
  // decided.
  State notErr = st;
  Held other = hold("mm");
  other.may = true;
  other.guard = "vma";
  notErr.held.push_back(other);
  ASSERT_TRUE(assumeError(notErr, "vma", false, false));
  ASSERT_EQ(notErr.held.size(), 2u);
  EXPECT_FALSE(notErr.held[0].may);
  EXPECT_EQ(notErr.held[0].guard, "vma");
  EXPECT_TRUE(notErr.held[1].may);
  State nullVma = notErr;
  assume(nullVma, "vma", false); // `if (!vma)`
  EXPECT_TRUE(nullVma.held.empty());
  // An error pointer tested for nonzero is still a failure: not held.
  State err = st;
  ASSERT_TRUE(assumeError(err, "vma", false, true));
  EXPECT_TRUE(err.held.empty());
  State again;
  setFact(again, "vma", true, true); // known an error pointer (ERR_PTR(-EAGAIN))
  again.held.push_back(h);
  assume(again, "vma", true); // `if (vma)`
  EXPECT_TRUE(again.held.empty());
  // What the path knew rules branches out: a valid pointer fails no test, an error pointer
  // passes no IS_ERR false.
  EXPECT_FALSE(assumeError(ok, "vma", false, true));
  EXPECT_FALSE(assumeError(err, "vma", false, false));
}

TEST(LockState, ATryOnOneSideIsAMayWhereTheOtherSideKnowsItsVariableSucceeded) {
  // `if (locked) { av = found; BUG_ON(!av); } else av = lock_it();`: a later `if (av)` finds
  // the try's lock held on the second branch only.
  State tried, found, zero, unknown;
  tried.pending.push_back({"av", TrySuccess::True, hold("av")});
  setFact(found, "av", true);
  setFact(zero, "av", false); // `else av = NULL;`: the test tells as it does on the try's side
  State j = join(tried, found);
  ASSERT_EQ(j.pending.size(), 1u);
  EXPECT_TRUE(j.pending[0].held.may);
  j = join(zero, tried);
  ASSERT_EQ(j.pending.size(), 1u);
  EXPECT_FALSE(j.pending[0].held.may);
  j = join(tried, unknown);
  ASSERT_EQ(j.pending.size(), 1u);
  EXPECT_FALSE(j.pending[0].held.may);
  EXPECT_FALSE(join(tried, tried).pending[0].held.may);
}

TEST(LockState, JoinOfNullAndAnErrorPointerIsAFailure) {
  State a, b, c;
  setFact(a, "vma", false);       // NULL
  setFact(b, "vma", true, true);  // ERR_PTR(-EAGAIN)
  setFact(c, "vma", true);        // valid
  State j = join(a, b);
  ASSERT_EQ(j.facts.size(), 1u);
  EXPECT_FALSE(j.facts[0].nonzero);
  EXPECT_TRUE(j.facts[0].error);
  EXPECT_FALSE(valid(j.facts[0]));
  EXPECT_TRUE(join(b, c).facts.empty()); // an error pointer or a valid one: unknown
}

TEST(LockState, JoinTiesAHoldToTheFlagTheTwoPathsDisagreeOn) {
  State locked, unlocked;
  locked.held.push_back(hold("mm"));
  setFact(locked, "mmap_locked", true);
  setFact(unlocked, "mmap_locked", false);
  setFact(locked, "ret", false);
  setFact(unlocked, "ret", false); // agreed on: not a guard
  State j = join(locked, unlocked);
  ASSERT_EQ(j.held.size(), 1u);
  EXPECT_TRUE(j.held[0].may);
  EXPECT_EQ(j.held[0].guard, "mmap_locked");
  EXPECT_TRUE(j.held[0].guardNonzero);
  ASSERT_EQ(j.facts.size(), 1u);
  EXPECT_EQ(j.facts[0].var, "ret");

  State yes = j, no = j;
  assume(yes, "mmap_locked", true);
  assume(no, "mmap_locked", false);
  ASSERT_EQ(yes.held.size(), 1u);
  EXPECT_FALSE(yes.held[0].may); // the flag says held: definite
  EXPECT_TRUE(no.held.empty());  // the flag says dropped: not held
}

TEST(LockState, AMayHoldGetsNoGuardFromFacts) {
  // `if (need) take_locks(vma);` where the callee itself takes them only on some paths:
  // `need` is necessary for the hold, not sufficient, so a later `if (need)` must not make
  // it definite.
  State taken, skipped;
  Held h = hold("mm");
  h.may = true;
  taken.held.push_back(h);
  setFact(taken, "need", true);
  setFact(skipped, "need", false);
  State j = join(taken, skipped);
  ASSERT_EQ(j.held.size(), 1u);
  EXPECT_TRUE(j.held[0].guard.empty());
  assume(j, "need", true);
  EXPECT_TRUE(j.held[0].may);
}

TEST(LockState, AssignmentBreaksTheTie) {
  State locked, unlocked;
  locked.held.push_back(hold("mm"));
  setFact(locked, "pte", true);
  setFact(unlocked, "pte", false);
  State j = join(locked, unlocked);
  setFact(j, "pte", std::nullopt); // `pte = something();`
  EXPECT_TRUE(j.held[0].guard.empty());
  assume(j, "pte", false);
  EXPECT_EQ(j.held.size(), 1u); // a test of the new value says nothing of the hold
}

TEST(LockState, AHoldUnderTwoConditionsKeepsBoth) {
  // if (file) { lock; if (!hold) unlock; }: held exactly where file and hold are nonzero.
  State kept, released, nofile;
  kept.held.push_back(hold("mapping"));
  for (State *s : {&kept, &released})
    setFact(*s, "file", true);
  setFact(kept, "hold", true);
  setFact(released, "hold", false);
  setFact(nofile, "file", false);
  State inner = join(kept, released);
  ASSERT_EQ(inner.held.size(), 1u);
  EXPECT_EQ(inner.held[0].guard, "hold");
  State j = join(inner, nofile);
  ASSERT_EQ(j.held.size(), 1u);
  EXPECT_TRUE(j.held[0].may);
  EXPECT_EQ(j.held[0].guard, "file");
  ASSERT_EQ(j.held[0].also.size(), 1u);
  EXPECT_EQ(j.held[0].also[0], (Fact{"hold", true}));
  // The second condition false: not held, whatever the first says.
  State no = j;
  assume(no, "hold", false);
  EXPECT_TRUE(no.held.empty());
  // The guard true: the other condition becomes the guard, still a may-hold; then definite.
  State yes = j;
  assume(yes, "file", true);
  ASSERT_EQ(yes.held.size(), 1u);
  EXPECT_TRUE(yes.held[0].may);
  EXPECT_EQ(yes.held[0].guard, "hold");
  assume(yes, "hold", true);
  ASSERT_EQ(yes.held.size(), 1u);
  EXPECT_FALSE(yes.held[0].may);
}

TEST(LockState, ResultBitsDecideOnlyWhenTheyCoverTheMask) {
  State st;
  Held h = hold("vma");
  h.may = true;
  h.guard = "fault";
  h.guardNonzero = false; // held where `fault & (COMPLETED | RETRY)` is zero
  h.guardMask = {"VM_FAULT_COMPLETED", "VM_FAULT_RETRY"};
  st.held.push_back(h);

  State retry = st, noRetry = st, neither = st, error = st, zero = st, nonzero = st;
  assumeBits(retry, "fault", {"VM_FAULT_RETRY"}, true);
  EXPECT_TRUE(retry.held.empty()); // RETRY set: released
  assumeBits(noRetry, "fault", {"VM_FAULT_RETRY"}, false);
  ASSERT_EQ(noRetry.held.size(), 1u);
  EXPECT_TRUE(noRetry.held[0].may); // COMPLETED may still be set
  assumeBits(neither, "fault", {"VM_FAULT_COMPLETED", "VM_FAULT_RETRY"}, false);
  ASSERT_EQ(neither.held.size(), 1u);
  EXPECT_FALSE(neither.held[0].may); // neither bit: still held
  assumeBits(error, "fault", {"VM_FAULT_ERROR"}, true);
  EXPECT_TRUE(error.held[0].may); // another bit says nothing
  assume(zero, "fault", false);
  EXPECT_FALSE(zero.held[0].may); // a zero result has no bit
  assume(nonzero, "fault", true);
  EXPECT_TRUE(nonzero.held[0].may); // a nonzero one need not have these bits
}

TEST(LockState, TwoSectionsOfALockWithNoOwnerAreToldApartByTheirGuards) {
  Lock rcu;
  rcu.name = "rcu";
  Held a, b;
  a.lock = b.lock = &rcu;
  a.guard = "src_pte";
  b.guard = "dst_pte";
  EXPECT_FALSE(sameHold(a, b));
  b.guard.clear();
  EXPECT_TRUE(sameHold(a, b));
  Held c = hold("mm"), d = hold("mm");
  c.guard = "x";
  d.guard = "y";
  EXPECT_TRUE(sameHold(c, d)); // one owner: one lock, whatever the flags
}

TEST(LockState, ACallersLockDroppedWhereAnOutParameterIsCleared) {
  State dropped, kept;
  Held d = hold("mm");
  dropped.dropped.push_back(d);
  setFact(dropped, "*locked", false); // `mmap_read_unlock(mm); *locked = 0;`
  State j = join(dropped, kept);
  ASSERT_EQ(j.dropped.size(), 1u);
  EXPECT_TRUE(j.dropped[0].may);
  EXPECT_EQ(j.dropped[0].guard, "*locked"); // still held where *locked is nonzero
  EXPECT_TRUE(j.dropped[0].guardNonzero);
  State still = j;
  assume(still, "*locked", true);
  EXPECT_TRUE(still.dropped.empty());
}

TEST(LockState, AnErrorPointerHoldsNoLock) {
  // `vma = lock(); ... if (!locked) vma = ERR_PTR(-EAGAIN);`: the lock of `vma` is held
  // exactly where it is a valid pointer, whatever other flag the paths disagree on.
  State locked, failed;
  Held h = hold("vma");
  h.guard = "locked";
  locked.held.push_back(h);
  setFact(locked, "locked", true);
  setFact(locked, "vma", true);
  setFact(failed, "locked", false);
  setFact(failed, "vma", true, /*error=*/true);
  State j = join(locked, failed);
  ASSERT_EQ(j.held.size(), 1u);
  EXPECT_TRUE(j.held[0].may);
  State err = j, ok = j;
  EXPECT_TRUE(assumeError(err, "vma", /*orNull=*/false, true)); // IS_ERR(vma)
  EXPECT_TRUE(assumeError(ok, "vma", /*orNull=*/true, false)); // !IS_ERR_OR_NULL(vma)
  EXPECT_TRUE(err.held.empty());
  ASSERT_EQ(ok.held.size(), 1u);
  EXPECT_FALSE(ok.held[0].may);
}

TEST(LockState, EqualObjectsShareTheirLocks) {
  // `if (*dst == *src) goto out;` with only `*dst` locked: on the equal branch `*src` is
  // held as its alias; on the other, an alias between them is no lock.
  State st;
  st.held.push_back(hold("*dst"));
  State eq = st, ne = st;
  compareObjects(eq, "*dst", "*src", true);
  compareObjects(ne, "*dst", "*src", false);
  ASSERT_EQ(eq.held.size(), 2u);
  EXPECT_EQ(eq.held[1].key, "*src");
  EXPECT_EQ(eq.held[1].alias, "*dst");
  ASSERT_EQ(ne.held.size(), 1u);
  State back = eq;
  compareObjects(back, "*dst", "*src", false);
  EXPECT_EQ(back.held.size(), 1u);

  // `vma_end_read(src); if (src != dst) vma_end_read(dst);`: where they are equal, the
  // caller's lock of `dst` went with `src`'s.
  State released;
  released.dropped.push_back(hold("src"));
  compareObjects(released, "src", "dst", true);
  ASSERT_EQ(released.dropped.size(), 2u);
  EXPECT_EQ(released.dropped[1].key, "dst");
}

} // namespace
} // namespace lockspec::check
