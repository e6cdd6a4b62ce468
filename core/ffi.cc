// The C ABI of core/ffi.h.  The locks taken here are held across the call boundary by the
// Rust caller, whose types check the protocol (holds, modes, order); clang's analysis cannot
// follow a lock through a C ABI, so this one file is built without -Wthread-safety (see
// CMakeLists.txt), and the runtime validator checks every hold instead.
#include "core/ffi.h"

#include <atomic>
#include <cstdio>
#include <memory>
#include <string_view>

#include "core/mm.h"
#include "core/page_table.h"
#include "core/rcu.h"

namespace {

using namespace lockspec;
using namespace lockspec::core;

/// Reports of the runtime validator, process-wide like its handler.
std::atomic<long> gValidatorReports{0};
/// Counts every report and prints the first few, so a failing run says what broke.
void countViolation(const lockspec::rt::Violation &v) {
  if (gValidatorReports.fetch_add(1) < 5)
    std::fprintf(stderr, "validator: %s: %s\n", v.rule, v.message.c_str());
}

/// Every thread that enters the core is an RCU reader thread (liburcu registration), for as
/// long as it lives.
void enter() { static thread_local RcuThread registered; }

struct Space {
  FolioPool pool{1u << 14};
  Report report;
  std::unique_ptr<Mm> mm = std::make_unique<Mm>(pool, report);
};

Mm *mmOfRaw(void *p) { return static_cast<Mm *>(p); }
Vma *vmaOfRaw(void *p) { return static_cast<Vma *>(p); }

} // namespace

extern "C" {

void *lsc_space_new(void) {
  enter();
  lockspec::rt::setViolationHandler(countViolation);
  return new Space;
}

void lsc_space_free(void *space) {
  enter();
  auto *s = static_cast<Space *>(space);
  exitMm(std::move(s->mm));
  delete s;
}

void *lsc_space_mm(void *space) { return static_cast<Space *>(space)->mm.get(); }

int64_t lsc_space_check(void *space) {
  enter();
  auto *s = static_cast<Space *>(space);
  checkQuiescent(s->mm.get());
  return s->report.count() + gValidatorReports.load();
}

int lsc_map(void *space, uint64_t addr, uint64_t len, int writable) {
  enter();
  unsigned long flags = VM_READ | (writable ? VM_WRITE : 0);
  return mmapFixed(static_cast<Space *>(space)->mm.get(), addr, len, flags) ? 1 : 0;
}

int lsc_acquire(const char *lockName, const char *modeName, void *inst, int once) {
  enter();
  std::string_view lock(lockName), mode(modeName);
  if (lock == "mmap_lock") {
    Mm *mm = mmOfRaw(inst);
    if (mode == "read") {
      if (once)
        return mmap_read_trylock(mm) ? 1 : 0;
      mmap_read_lock(mm);
      return 1;
    }
    if (mode == "write") {
      mmap_write_lock(mm);
      return 1;
    }
  } else if (lock == "vma_lock") {
    Vma *vma = vmaOfRaw(inst);
    if (mode == "read")
      return vma_start_read_locked(vma) ? 1 : 0;
    if (mode == "write") {
      vma_start_write(vma);
      return 1;
    }
  } else if (lock == "anon_vma_lock") {
    auto *av = static_cast<lockspec::anon_vma *>(static_cast<AnonVma *>(inst));
    if (mode == "read")
      anon_vma_lock_read(av);
    else
      anon_vma_lock_write(av);
    return 1;
  } else if (lock == "page_table_lock") {
    spin_lock(mmOfRaw(inst)->page_table_lock);
    return 1;
  } else if (lock == "pte_lock") {
    static_cast<PteTable *>(inst)->pte_lock.lock();
    return 1;
  } else if (lock == "rcu") {
    rcu_read_lock();
    return 1;
  }
  return 0;
}

void lsc_release(const char *lockName, const char *modeName, void *inst) {
  enter();
  std::string_view lock(lockName), mode(modeName);
  if (lock == "mmap_lock") {
    if (mode == "write")
      mmap_write_unlock(mmOfRaw(inst));
    else
      mmap_read_unlock(mmOfRaw(inst));
  } else if (lock == "vma_lock" && mode == "read") {
    vma_end_read(vmaOfRaw(inst));
  } else if (lock == "anon_vma_lock") {
    auto *av = static_cast<lockspec::anon_vma *>(static_cast<AnonVma *>(inst));
    if (mode == "read")
      anon_vma_unlock_read(av);
    else
      anon_vma_unlock_write(av);
  } else if (lock == "page_table_lock") {
    spin_unlock(mmOfRaw(inst)->page_table_lock);
  } else if (lock == "pte_lock") {
    static_cast<PteTable *>(inst)->pte_lock.unlock();
  } else if (lock == "rcu") {
    rcu_read_unlock();
  }
}

void lsc_downgrade(const char *lock, const char *, const char *, void *inst) {
  enter();
  if (std::string_view(lock) == "mmap_lock")
    mmap_write_downgrade(mmOfRaw(inst));
}

void *lsc_try_acquire_at(const uint8_t *api, size_t len, void *from, uint64_t addr) {
  enter();
  std::string_view name(reinterpret_cast<const char *>(api), len);
  Mm *mm = mmOfRaw(from);
  if (name == "lock_vma_under_rcu") {
    // As the fault path does: find under RCU, read-lock, recheck attached and in range.
    rcu_read_lock();
    const VmaMap::Entry *found = rcuDereference(mm->map)->find(addr);
    Vma *vma = found ? found->vma : nullptr;
    if (!vma || !lock_vma_under_rcu(mm, addr, vma)) {
      rcu_read_unlock();
      return nullptr;
    }
    if (vma->detached.load(std::memory_order_acquire) || addr < vma->vm_start(via::vma_lock{}) ||
        addr >= vma->vm_end(via::vma_lock{})) {
      vma_end_read(vma);
      rcu_read_unlock();
      return nullptr;
    }
    rcu_read_unlock();
    return vma;
  }
  if (name == "get_locked_pte") {
    PmdTable *pmd = pmdFind(mm, addr);
    if (!pmd)
      return nullptr;
    rcu_read_lock();
    PteTable *pte;
    if (!ptlLockEntry(pmd, addr, &pte)) {
      rcu_read_unlock();
      return nullptr;
    }
    rcu_read_unlock();
    return pte;
  }
  return nullptr;
}

void *lsc_follow(const char *linkName, void *from) {
  std::string_view link(linkName);
  if (link == "vm_area_struct.mm")
    return mmOf(vmaOfRaw(from));
  if (link == "vm_area_struct.anon_vma")
    return anonVmaOf(vmaOfRaw(from));
  if (link == "pte_table.mm")
    return static_cast<Mm *>(static_cast<PteTable *>(from)->mm);
  if (link == "pte_table.pmd")
    return static_cast<PmdTable *>(static_cast<PteTable *>(from)->pmd);
  return nullptr;
}

void *lsc_find_vma(void *mm, uint64_t addr) {
  enter();
  const VmaMap::Entry *e = mmOfRaw(mm)->map.load(std::memory_order_acquire)->find(addr);
  return e ? e->vma : nullptr;
}

int lsc_fault(void *vma, uint64_t addr, int write, int perVma) {
  enter();
  Vma *v = vmaOfRaw(vma);
  Fault r = perVma ? faultUnderVmaLock(v, addr, write != 0) : faultInLocked(v, addr, write != 0);
  return static_cast<int>(r);
}

uint64_t lsc_zap(void *vma, uint64_t start, uint64_t end, int perVma) {
  enter();
  Vma *v = vmaOfRaw(vma);
  return perVma ? zapRange<ByVmaLock>(v, start, end) : zapRange<ByMmapLock>(v, start, end);
}

uint64_t lsc_pte_entry(void *pte, uint64_t addr) {
  return static_cast<PteTable *>(pte)->entries[pteIndex(addr)].load(std::memory_order_acquire);
}

void *lsc_pin(void *mm, uint64_t addr) {
  enter();
  return gupSlow(mmOfRaw(mm), addr, FOLL_PIN | FOLL_WRITE);
}

void lsc_unpin(void *mm, void *folio) {
  enter();
  gupRelease(mmOfRaw(mm), static_cast<Folio *>(folio), FOLL_PIN);
}

} // extern "C"
