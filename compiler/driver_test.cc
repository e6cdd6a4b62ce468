#include "driver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "json_backend.h"
#include "requirement.h"

namespace lockspec {
namespace {

TEST(Driver, OutputNamesCannotEscapeTheDirectory) {
  auto dir = std::filesystem::temp_directory_path() / "lockspec-driver-test";
  std::filesystem::remove_all(dir);
  for (const char *bad : {"../evil.h", "/tmp/evil.h", "a/../../evil.h", ""}) {
    auto report = writeOutputs(dir.string(), {{"ok.json", "{}"}, {bad, "x"}}, false);
    ASSERT_EQ(report.errors.size(), 1u) << bad;
    EXPECT_FALSE(std::filesystem::exists(dir / "ok.json")) << "nothing is written on error";
  }
  auto report = writeOutputs(dir.string(), {{"sub/ok.json", "{}"}}, false);
  EXPECT_TRUE(report.errors.empty());
  EXPECT_EQ(report.changed.size(), 1u);
  EXPECT_TRUE(writeOutputs(dir.string(), {{"sub/ok.json", "{}"}}, true).changed.empty());
  std::filesystem::remove_all(dir);
}

TEST(Driver, FilesNoOutputNamesAreLeftoversOfTheirDirectoryOnly) {
  namespace fs = std::filesystem;
  auto dir = fs::temp_directory_path() / "lockspec-driver-leftovers";
  fs::remove_all(dir);
  fs::create_directories(dir / "docs" / "old");
  std::ofstream(dir / "docs" / "renamed_op.rst") << "x";     // an older spec's page
  std::ofstream(dir / "docs" / "old" / "deeper.rst") << "x"; // below: not looked at
  std::ofstream(dir / "notes.txt") << "x";                   // no output is written here
  std::vector<OutputFile> outputs{{"docs/op.rst", "y"}, {"docs/index.rst", "z"}};
  // A run of some backends only knows part of the outputs: nothing is a leftover.
  EXPECT_TRUE(writeOutputs(dir.string(), outputs, true).leftover.empty());
  WriteReport checked = writeOutputs(dir.string(), outputs, true, true);
  ASSERT_EQ(checked.leftover.size(), 1u);
  EXPECT_EQ(fs::path(checked.leftover[0]).filename(), "renamed_op.rst");
  EXPECT_TRUE(fs::exists(dir / "docs" / "renamed_op.rst")) << "a check removes nothing";
  WriteReport written = writeOutputs(dir.string(), outputs, false, true);
  EXPECT_EQ(written.leftover.size(), 1u);
  EXPECT_TRUE(written.errors.empty());
  EXPECT_FALSE(fs::exists(dir / "docs" / "renamed_op.rst"));
  EXPECT_TRUE(fs::exists(dir / "docs" / "old" / "deeper.rst"));
  EXPECT_TRUE(fs::exists(dir / "notes.txt"));
  EXPECT_TRUE(writeOutputs(dir.string(), outputs, true, true).leftover.empty());
  fs::remove_all(dir);
}

/// The real spec: everything the foundation issue names must be in the model.
class MmRules : public ::testing::Test {
protected:
  void SetUp() override {
    model_ = loadSpec(LOCKSPEC_SOURCE_DIR "/rules/mm.rules", sources_, diags_);
    ASSERT_TRUE(model_) << diags_.renderAll();
    EXPECT_EQ(diags_.warningCount(), 0u) << diags_.renderAll();
  }
  SourceManager sources_;
  Diagnostics diags_{sources_};
  std::optional<Model> model_;
};

TEST_F(MmRules, HasTheLocksAndFunctionsOfProcessAddrs) {
  for (const char *lock : {"mmap_lock", "vma_lock", "anon_vma_lock", "i_mmap_lock",
                           "page_table_lock", "pmd_lock", "pte_lock", "rcu", "i_rwsem",
                           "invalidate_lock", "folio_lock", "i_pages", "lru_lock", "swap_lock"})
    EXPECT_TRUE(model_->findLock(lock)) << lock;
  for (const char *fn :
       {"mmap_read_lock", "mmap_write_downgrade", "mmap_assert_write_locked", "lock_vma_under_rcu",
        "vma_start_write", "vma_end_read", "anon_vma_lock_write", "i_mmap_lock_read",
        "pte_offset_map_lock", "pte_unmap_unlock", "pmd_lock", "rcu_read_lock"})
    EXPECT_TRUE(model_->findApi(fn)) << fn;
  EXPECT_EQ(model_->findApi("lock_vma_under_rcu")->fallback, "mmap_read_lock");
  EXPECT_EQ(model_->findLock("pte_lock")->split->fallbackLock, "page_table_lock");
}

TEST_F(MmRules, HasEveryVmaFieldOfTheFourTables) {
  const Object *vma = model_->findObject("vm_area_struct");
  ASSERT_TRUE(vma);
  for (const char *f : {"vm_start", "vm_end", "vm_pgoff", "vm_mm", "vm_page_prot", "vm_flags",
                        "vm_file", "vm_ops", "vm_private_data", "anon_name", "swap_readahead_info",
                        "vm_policy", "numab_state", "anon_vma_chain", "anon_vma"})
    EXPECT_TRUE(vma->findField(f)) << f;
  // The anon_vma asymmetry: setting and clearing have different rules.
  EXPECT_EQ(vma->findField("anon_vma")->writes.size(), 2u);
}

TEST_F(MmRules, InstallIsNotSatisfiedByAnRmapLockAlone) {
  const Operation *install = model_->findOperation("install");
  ASSERT_TRUE(install);
  ASSERT_FALSE(install->rejects.empty());
  for (const Alternative &alt : install->rejects[0].requirement.alternatives)
    EXPECT_FALSE(satisfies(*model_, alt.atoms, install->requirement, false)) << describe(alt);
}

TEST_F(MmRules, DerivedLockStateTableMatchesProcessAddrs) {
  ASSERT_EQ(model_->tables.size(), 1u);
  const StateTable &t = model_->tables[0];
  // Each of process_addrs.rst's six rows, as (mmap, vma, rmap) -> stable, read, most, all.
  auto value = [&](State s) {
    for (const DerivedRow &d : t.derived)
      if (d.state == s)
        return d.values;
    return std::vector<bool>{};
  };
  using V = std::vector<bool>;
  EXPECT_EQ(value({"", "", ""}), (V{false, false, false, false}));
  EXPECT_EQ(value({"", "read", ""}), (V{true, true, false, false}));
  EXPECT_EQ(value({"", "", "write"}), (V{true, true, false, false}));
  EXPECT_EQ(value({"read", "read", "write"}), (V{true, true, false, false}));
  EXPECT_EQ(value({"write", "write", "read"}), (V{true, true, true, false}));
  EXPECT_EQ(value({"write", "write", "write"}), (V{true, true, true, true}));
  // A VMA write lock without the mmap write lock is not a state at all.
  EXPECT_TRUE(value({"read", "write", ""}).empty());
}

TEST_F(MmRules, OrderTreesAreAcyclicAndPutMmapBeforeVmaWrite) {
  bool found = false;
  for (const OrderEdge &e : model_->enforcedEdges())
    found = found || (e.from.lock == "mmap_lock" && e.to.lock == "vma_lock");
  EXPECT_TRUE(found);
}

/// `--emit=json` streams the model in chunks; the text must be the file backend's exactly,
/// chunk boundaries included.
TEST_F(MmRules, StreamedJsonEqualsTheFileBackend) {
  std::ostringstream streamed;
  emitJson(*model_, streamed);
  std::string whole = emitJson(*model_);
  EXPECT_GT(whole.size(), size_t(1) << 18); // More than one chunk.
  EXPECT_EQ(streamed.str(), whole);
}

} // namespace
} // namespace lockspec
