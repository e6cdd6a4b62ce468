// The reference page-table core: one Linux address space as a concurrent userspace model.
//
// Every object with locks is, or owns, the generated stand-in struct of lockspec/mm_locks.h,
// so clang sees the member expressions the spec names (`vma->vm_mm->mmap_lock`, `pte->pte_lock`)
// and every guarded field goes through the generated accessors.  Protocols live in
// fault.cc, map.cc (mmap, munmap, mprotect, madvise), gup.cc; README.md says which rule of
// the spec each follows.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/folio.h"
#include "core/rcu.h"
#include "core/rule_breaks.h"
#include "lockspec/mm_locks.h"

namespace lockspec::core {

// -------------------------------------------------------------------------------------------
// Geometry and entries
// -------------------------------------------------------------------------------------------

inline constexpr unsigned kPageShift = 12;
inline constexpr unsigned long kPageSize = 1ul << kPageShift;
/// Entries per table at every level.
inline constexpr unsigned kEntries = 512;
/// The bytes one PTE table maps.
inline constexpr unsigned long kPteTableSpan = kPageSize * kEntries;
/// The end of the user address space (47-bit, four levels).
inline constexpr unsigned long kUserTop = 1ul << 47;

inline unsigned pgdIndex(unsigned long a) { return (a >> 39) & (kEntries - 1); }
inline unsigned pudIndex(unsigned long a) { return (a >> 30) & (kEntries - 1); }
inline unsigned pmdIndex(unsigned long a) { return (a >> 21) & (kEntries - 1); }
inline unsigned pteIndex(unsigned long a) { return (a >> 12) & (kEntries - 1); }

/// A PTE: the folio's id above kPageShift, flag bits below; 0 is pte_none.
inline constexpr std::uint64_t kPtePresent = 1, kPteWrite = 2, kPteYoung = 4, kPteDirty = 8;
inline std::uint64_t makePte(unsigned folioId, std::uint64_t flags) {
  return (std::uint64_t{folioId} << kPageShift) | flags | kPtePresent;
}
inline unsigned pteFolio(std::uint64_t pte) { return static_cast<unsigned>(pte >> kPageShift); }

/// VMA flags (vm_flags_t), the subset the core models.
inline constexpr unsigned long VM_READ = 0x1, VM_WRITE = 0x2, VM_SHARED = 0x8;

// -------------------------------------------------------------------------------------------
// Page tables
// -------------------------------------------------------------------------------------------

struct Mm;
struct Vma;
struct PmdTable;
class SecondaryMmu;
class Report;

/// A leaf table.  Entries are atomics because GUP-fast and RCU walkers read them without the
/// PTL; every write happens under `ptl`.  Freed only through RCU after its PMD entry was
/// cleared under the PMD lock and its PTL (free_pgtables, PTE-table reclaim).
struct PteTable : lockspec::pte_table {
  static constexpr unsigned kLive = 0x5054454c, kDead = 0xdeadbeef;
  PteTable(Mm *owner, PmdTable *parent);
  std::atomic<std::uint64_t> entries[kEntries] = {};
  /// kLive until the RCU callback frees the table: a walker that sees kDead reached a freed
  /// table (ASan reports the same read as a use after free).
  std::atomic<unsigned> magic{kLive};
};

/// A PMD table: its entries point at PTE tables and change under its `ptl` (pmd_lock).
struct PmdTable : lockspec::pmd_table {
  explicit PmdTable(Mm *owner);
  std::atomic<PteTable *> entries[kEntries] = {};
  /// pmd_same for pte_offset_map_lock: the entry for `addr` still points at `pte`.
  bool maps(unsigned long addr, const lockspec::pte_table *pte) const override {
    return entries[pmdIndex(addr)].load(std::memory_order_acquire) == pte;
  }
};

/// A PUD table: entries change under mm->page_table_lock (pud_lock).  Upper tables live as
/// long as the mm (the core frees only PTE tables; see README).
struct PudTable {
  std::atomic<PmdTable *> entries[kEntries] = {};
};

/// The PGD: entries change under mm->page_table_lock.
struct PgdTable {
  std::atomic<PudTable *> entries[kEntries] = {};
};

// -------------------------------------------------------------------------------------------
// Reverse mapping and VMAs
// -------------------------------------------------------------------------------------------

/// An anon_vma: the VMAs that may map its folios (the kernel's interval tree of
/// anon_vma_chains), guarded by the root's rwsem.  Reached through the free functions below,
/// which take the stand-in pointer so that clang sees `vma->anon_vma->root->rwsem`.
struct AnonVma : lockspec::anon_vma {
  /// A root anon_vma (anon_vma_alloc at a VMA's first need).
  AnonVma() { set_root(this); }
  /// A child in `root`'s tree (anon_vma_fork).
  explicit AnonVma(lockspec::anon_vma *root) { set_root(root); }

private:
  friend const std::vector<Vma *> &anonVmaVmas(lockspec::anon_vma *av);
  friend void anonVmaLink(lockspec::anon_vma *av, Vma *vma);
  friend bool anonVmaUnlink(lockspec::anon_vma *av, Vma *vma);
  std::vector<Vma *> vmas_;
};

/// The VMAs linked to `av`.
const std::vector<Vma *> &anonVmaVmas(lockspec::anon_vma *av)
    LOCKSPEC_REQUIRES_SHARED(av->root->rwsem);
/// Links `vma` to `av` (anon_vma_chain_link).
void anonVmaLink(lockspec::anon_vma *av, Vma *vma) LOCKSPEC_REQUIRES(av->root->rwsem);
/// Unlinks `vma` from `av` (unlink_anon_vmas); false if it was not linked.
bool anonVmaUnlink(lockspec::anon_vma *av, Vma *vma) LOCKSPEC_REQUIRES(av->root->rwsem);
/// Links `vma` into every anon_vma of `chain`, whose root `locked` the caller holds (the
/// members of a chain share their root's rwsem; checked at run time).
void anonVmaLinkChain(lockspec::anon_vma *locked, const std::vector<lockspec::anon_vma *> &chain,
                      Vma *vma) LOCKSPEC_REQUIRES(locked->root->rwsem);

/// A file (its address_space): the VMAs that map it (the kernel's `i_mmap` interval tree),
/// guarded by `i_mmap_rwsem`, and its page cache, whose slots are filled under `i_pages`.  The
/// page cache holds one reference on each of its folios until `truncate`.
struct AddressSpace : lockspec::address_space {
  AddressSpace(FolioPool &pool, unsigned long pages);
  ~AddressSpace();
  AddressSpace(const AddressSpace &) = delete;
  AddressSpace &operator=(const AddressSpace &) = delete;
  /// The page-cache folio at `index` with one more reference for the caller, read in (a new
  /// folio) if absent (filemap_fault); nullptr past the end of the file or when the pool is
  /// empty.
  Folio *getPage(unsigned long index);
  /// Removes `f` from the page cache and frees it if nothing but the cache and the caller
  /// hold it (__remove_mapping: folio_ref_freeze(folio, 2) under the xarray lock); the
  /// caller's reference is consumed either way.  True if it was evicted.
  bool evict(Folio *f);
  /// True when the page at `index` is in the page cache (a lookup that reads nothing in).
  bool cached(unsigned long index) const;
  /// Drops the page cache's references (truncate_inode_pages at the end of the run); a folio
  /// still mapped or pinned then is reported to `report`.  Returns how many were dropped.
  unsigned long truncate(Report &report);
  FolioPool &pool;
  /// The file's size in pages.
  const unsigned long pages;

private:
  friend const std::vector<Vma *> &mappingVmas(lockspec::address_space *m);
  friend void mappingLink(lockspec::address_space *m, Vma *vma);
  friend bool mappingUnlink(lockspec::address_space *m, Vma *vma);
  std::vector<Vma *> vmas_;
  std::unique_ptr<std::atomic<Folio *>[]> cache_;
};

/// The VMAs that map `m` (its i_mmap tree).
const std::vector<Vma *> &mappingVmas(lockspec::address_space *m)
    LOCKSPEC_REQUIRES_SHARED(m->i_mmap_rwsem);
/// Links `vma` into `m`'s i_mmap tree (vma_interval_tree_insert).
void mappingLink(lockspec::address_space *m, Vma *vma) LOCKSPEC_REQUIRES(m->i_mmap_rwsem);
/// Unlinks `vma` from `m`'s i_mmap tree (unlink_file_vma); false if it was not linked.
bool mappingUnlink(lockspec::address_space *m, Vma *vma) LOCKSPEC_REQUIRES(m->i_mmap_rwsem);

/// A VMA.  `detached` is the kernel's vm_refcnt == 0: set under the VMA write lock when the
/// VMA leaves the map, and checked by lock_vma_under_rcu after it read-locked the VMA.
struct Vma : lockspec::vm_area_struct {
  explicit Vma(Mm *owner);
  std::atomic<bool> detached{true};
  /// vm_pgoff - vm_start / kPageSize, fixed at creation: a reader that sees the fields
  /// disagree saw a torn update.
  long pgoffBias = 0;
  /// The anon_vmas this VMA is linked into (its anon_vma_chain), its own first; after fork a
  /// child VMA is linked into its parent's too.  All share one root.
  const std::vector<lockspec::anon_vma *> &chain() const
      LOCKSPEC_REQUIRES_SHARED(this->vm_mm->mmap_lock) {
    return chain_;
  }
  /// Replaces the chain (mmap write lock: the VMA is being created, split or forked).
  void setChain(std::vector<lockspec::anon_vma *> chain) LOCKSPEC_REQUIRES(this->vm_mm->mmap_lock) {
    chain_ = std::move(chain);
  }

private:
  std::vector<lockspec::anon_vma *> chain_;
};

/// The core's maple tree: an immutable sorted snapshot of the VMAs, replaced as a whole under
/// the mmap write lock and read under RCU alone (the copies of start and end are the
/// snapshot's own, so a lookup reads no VMA field).
struct VmaMap {
  struct Entry {
    unsigned long start, end;
    Vma *vma;
  };
  std::vector<Entry> entries;
  /// The entry whose range contains `addr`, or nullptr.
  const Entry *find(unsigned long addr) const;
};

// -------------------------------------------------------------------------------------------
// The address space
// -------------------------------------------------------------------------------------------

/// Where broken invariants go: counted, and the first few printed to stderr.
class Report {
public:
  /// Records one broken invariant.
  void fail(const std::string &what);
  /// The number recorded so far.
  long count() const { return count_.load(); }
  /// Forgets what was recorded (tests that provoke a violation on purpose).
  void reset() { count_.store(0); }

private:
  std::atomic<long> count_{0};
};

/// One address space.
struct Mm : lockspec::mm_struct {
  Mm(FolioPool &pool, Report &report);
  /// Frees every VMA, table and folio; no other thread may use the mm any more.
  ~Mm();
  Mm(const Mm &) = delete;
  Mm &operator=(const Mm &) = delete;

  FolioPool &pool;
  Report &report;
  PgdTable pgdTable;
  /// The RCU-published VMA map (mm->mm_mt).
  std::atomic<VmaMap *> map{nullptr};
  /// The registered MMU notifier (a secondary MMU), or nullptr; set under the mmap write
  /// lock, read by every primary change.
  std::atomic<SecondaryMmu *> notifier{nullptr};
  /// PTE tables allocated and not yet unlinked, for the reachability invariant.
  std::atomic<long> liveTables{0};
#ifdef LOCKSPEC_RULE_BREAKS
  /// The rule this address space breaks (core/rule_breaks.h); only in a rule-breaking build.
  Rule brokenRule = Rule::none;
#endif

  /// Takes ownership of a new anon_vma.  anon_vmas live as long as the mm: the kernel frees
  /// one when its last VMA and folio let go (a reference count the core does not model).
  void adoptAnonVma(AnonVma *av) LOCKSPEC_REQUIRES(this->mmap_lock) { anonVmas_.emplace_back(av); }

private:
  std::vector<std::unique_ptr<AnonVma>> anonVmas_;
};

/// The mm a VMA belongs to, as the core's type.
inline Mm *mmOf(Vma *vma) { return static_cast<Mm *>(vma->vm_mm); }
/// The anon_vma of a VMA, as the core's type.
inline AnonVma *anonVmaOf(Vma *vma) { return static_cast<AnonVma *>(vma->anon_vma); }

// -------------------------------------------------------------------------------------------
// Stabilisers: which lock keeps a VMA stable for a protocol.  A protocol written once as a
// template over the stabiliser requires `S::cap(vma)`, and clang checks each instantiation
// against the lock its caller really holds (the VMA read lock or the mmap lock).
// -------------------------------------------------------------------------------------------

/// The VMA is read-locked (per-VMA lock).
struct ByVmaLock {
  /// A fault that must wait for I/O drops the VMA lock and retries under the mmap lock.
  static constexpr bool kRetryForIo = true;
  using Install = via::vma_lock;
  using Stable = via::vma_lock;
  static const lockspec::VmaLock &cap(Vma *v) LOCKSPEC_RETURN_CAPABILITY(v->vma_lock) {
    return v->vma_lock;
  }
};

/// The VMA's mm is mmap-locked (read, downgraded or write).
struct ByMmapLock {
  static constexpr bool kRetryForIo = false;
  using Install = via::mmap_lock;
  using Stable = via::mmap_lock;
  static const lockspec::MmapLock &cap(Vma *v) LOCKSPEC_RETURN_CAPABILITY(v->vm_mm->mmap_lock) {
    return v->vm_mm->mmap_lock;
  }
};

// -------------------------------------------------------------------------------------------
// Protocols
// -------------------------------------------------------------------------------------------

/// Results of a fault (VM_FAULT_*).
enum class Fault { Ok, Retry, SegvMapErr, SegvAccErr, Oom };

/// Handles a user fault at `addr`: first under the VMA lock found through RCU
/// (lock_vma_under_rcu), falling back to the mmap read lock when that fails or asks to retry.
/// `viaVmaLock`, when given, tells which of the two handled it.
Fault handleUserFault(Mm *mm, unsigned long addr, bool write, bool *viaVmaLock = nullptr);

/// The fault handler for a caller that already holds the VMA's mmap lock (GUP's faultin_page).
Fault faultInLocked(Vma *vma, unsigned long addr, bool write)
    LOCKSPEC_REQUIRES_SHARED(vma->vm_mm->mmap_lock);

/// lock_vma_under_rcu for [start, end): finds the VMA at `start` under RCU and read-locks it,
/// then rechecks that it is still attached and covers the whole range.  True with `*out`
/// read-locked; false (nothing held) when the caller must fall back to the mmap lock.
bool lockVmaCovering(Mm *mm, unsigned long start, unsigned long end, Vma **out)
    LOCKSPEC_TRY_ACQUIRE_SHARED(true, (*out)->vma_lock, (*out)->vm_mm->vma_lock_read_held);

/// The fault handler for a caller that already holds the VMA read lock (the Rust FFI
/// backend's per-VMA fault, core/ffi.h).
Fault faultUnderVmaLock(Vma *vma, unsigned long addr, bool write)
    LOCKSPEC_REQUIRES_SHARED(vma->vma_lock);

/// GUP flags (FOLL_*), the subset the core models.
inline constexpr unsigned FOLL_WRITE = 0x1, FOLL_GET = 0x2, FOLL_PIN = 0x4, FOLL_LONGTERM = 0x8;

/// get_user_pages / pin_user_pages for one page: under the mmap read lock, faulting the page
/// in (and unsharing it for a pin) as needed.  Returns the folio holding one more reference
/// (FOLL_GET) or one more pin (FOLL_PIN, kGupPinCountingBias references), or nullptr: no VMA,
/// no permission, or invalid flags (FOLL_LONGTERM without FOLL_PIN, both or neither of
/// FOLL_GET and FOLL_PIN).
Folio *gupSlow(Mm *mm, unsigned long addr, unsigned flags);

/// gup_fast for one page: no lock, interrupts off (an RCU read section), a speculative
/// reference checked against the entry; pins also check write_protect_seq and back out when
/// fork ran.  nullptr means "use gupSlow".
Folio *gupFast(Mm *mm, unsigned long addr, unsigned flags);

/// Drops what gupSlow or gupFast returned (put_page / unpin_user_page).
void gupRelease(Mm *mm, Folio *f, unsigned flags);

/// Maps [addr, addr + len) anonymous with `flags` (MAP_FIXED_NOREPLACE): false when the range
/// overlaps a VMA or leaves the address space.
bool mmapFixed(Mm *mm, unsigned long addr, unsigned long len, unsigned long flags);

/// Maps [addr, addr + len) of file `file` from page `pgoff` (MAP_FIXED_NOREPLACE): shared when
/// `flags` has VM_SHARED (the VMA is in the file's i_mmap tree only), private otherwise (in
/// the i_mmap tree and, for its copy-on-write folios, an anon_vma's: both rmap trees).  False
/// when the range overlaps a VMA, leaves the address space or runs past the end of the file.
bool mmapFile(Mm *mm, unsigned long addr, unsigned long len, unsigned long flags,
              AddressSpace *file, unsigned long pgoff);

/// Unmaps [addr, addr + len): detach under the mmap write lock, downgrade, zap, free the page
/// tables nothing else covers.  -4 (-EINTR) when the killable lock was interrupted.
int munmap(Mm *mm, unsigned long addr, unsigned long len);

/// Tears an address space down (exit_mmap): unmaps everything, then frees the mm.
void exitMm(std::unique_ptr<Mm> mm);

/// fork(): a child with a copy of every VMA of `parent`, anonymous folios shared
/// copy-on-write, except folios that may be pinned, which the child gets a copy of.  The
/// parent's write_protect_seq is held for writing throughout, so gup_fast pins back out.
std::unique_ptr<Mm> forkMm(Mm *parent);

/// mremap(MREMAP_MAYMOVE | MREMAP_FIXED) of [addr, addr + len), inside one VMA, to the free
/// range at newAddr: a new VMA with the same anon_vmas, file and vm_pgoff, linked after the old
/// one in every rmap tree; whole PTE tables moved under the rmap write locks and both PMD
/// locks where both sides are PMD-aligned (move_normal_pmd), other entries moved under both
/// PTLs; then the old range unmapped.  `wholeTables`, when given, receives the number of
/// tables moved whole.  False if the source is not inside one VMA or the destination is not
/// free.
bool mremap(Mm *mm, unsigned long addr, unsigned long len, unsigned long newAddr,
            unsigned *wholeTables = nullptr);

/// Changes the flags of [addr, addr + len) (splitting VMAs); false if part is unmapped.
bool mprotect(Mm *mm, unsigned long addr, unsigned long len, unsigned long flags);

/// Zaps the mapped parts of [addr, addr + len) (madvise(MADV_DONTNEED)) under the VMA read
/// lock when one VMA covers the range, else under the mmap read lock; false (the kernel's
/// -ENOMEM) if part of the range is unmapped.
bool madviseDontneed(Mm *mm, unsigned long addr, unsigned long len);

/// Frees the PTE tables of [addr, addr + len) that map nothing (CONFIG_PT_RECLAIM, seed 002),
/// under the mmap read lock; returns how many.  A table found non-empty under its locks is
/// left alone.
unsigned reclaimEmptyTables(Mm *mm, unsigned long addr, unsigned long len);

/// Walks the rmap of `folio` (an anonymous folio through its anon_vma, under the root's rwsem
/// read; a page-cache folio through its file's i_mmap tree, under i_mmap_rwsem read) and
/// unmaps it from, or clears the accessed bit in, every VMA that maps it; returns how many did.
/// The caller holds a reference on the folio.  A folio that may be pinned is not unmapped.
int rmapWalk(Mm *mm, Folio *folio, bool unmap);

/// Frees an unlinked PTE table after a grace period, marking it dead first.
void freePteTableRcu(PteTable *pte);

/// The PTE that maps `addr`, read without locks (0 when none); for tests.
std::uint64_t peekPte(Mm *mm, unsigned long addr);

/// Checks the whole address space at a quiescent point (no other thread inside the mm):
/// entries only inside VMAs, folio counts against the page tables, the VMA map against the
/// anon_vmas, every reachable table alive.  `pinsHeld[id]` is the number of pins the caller
/// knows are held on folio `id`.  Violations go to mm->report; returns how many were found.
long checkQuiescent(Mm *mm);

} // namespace lockspec::core
