// The fixture the core's unit tests share: a pool, a report, an mm, and the validator's
// reports turned into test failures.
#pragma once

#include <atomic>
#include <memory>

#include <gtest/gtest.h>

#include "core/mm.h"

namespace lockspec::core::testing {

inline constexpr unsigned long kBase = 1ul << 32;
inline constexpr unsigned long kRw = VM_READ | VM_WRITE;

/// Counts validator reports instead of aborting, for the test's duration.
inline std::atomic<long> gReports{0};
inline void countReport(const rt::Violation &v) {
  ++gReports;
  ADD_FAILURE() << "validator: " << v.rule << ": " << v.message;
}

/// One address space per test; TearDown checks that every folio came back and that neither
/// an invariant nor the validator complained.
class CoreTest : public ::testing::Test {
protected:
  void SetUp() override {
    previous_ = rt::setViolationHandler(countReport);
    gReports = 0;
  }
  void TearDown() override {
    mm_.reset();
    rcuBarrier();
    EXPECT_EQ(pool_.inUse(), 0) << "folios leaked";
    EXPECT_EQ(report_.count(), 0);
    EXPECT_EQ(gReports.load(), 0);
    rt::setViolationHandler(previous_);
  }
  Mm *mm() { return mm_.get(); }
  Folio *folioAt(unsigned long addr) { return folioAt(mm(), addr); }
  Folio *folioAt(Mm *in, unsigned long addr) {
    std::uint64_t pte = peekPte(in, addr);
    return pte ? pool_.get(pteFolio(pte)) : nullptr;
  }

  RcuThread rcu_;
  FolioPool pool_{1024};
  Report report_;
  std::unique_ptr<Mm> mm_ = std::make_unique<Mm>(pool_, report_);
  rt::ViolationHandler previous_ = nullptr;
};

} // namespace lockspec::core::testing
