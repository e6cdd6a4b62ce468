//! The lock order as types: one level type per lock class in the enforced order, and
//! one `impl LockAfter<A> for B` per ordered pair of the order's transitive closure.
//!
//! A [`Ctx`] is a thread's position in the order; taking a lock needs `Ctx<L>` with
//! `Lock: LockAfter<L>` and yields `Ctx<Lock>`, so a lock taken after one that must
//! come later does not type-check.  Rules: the order trees of `rules/order.rules`
//! (page `mm/process_addrs.html#lock-ordering`).

use core::marker::PhantomData;

/// A lock class that has a place in the enforced order.
pub trait LockClass {
    /// The spec's name of the class.
    const NAME: &'static str;
}

/// The level of a thread that holds no lock of the order.
pub enum Unlocked {}

impl LockClass for Unlocked {
    const NAME: &'static str = "(no lock)";
}

/// Level of `mmap_lock`: The address-space-wide read/write semaphore of an `struct mm_struct`.
/// Any hold of it keeps every VMA of the mm in place; a write hold excludes all other holders
/// and is the precondition for taking a VMA write lock.
///
/// Spec: `mmap_lock` (rules/locks.rules:10); source: `include/linux/mmap_lock.h`.
pub enum MmapLock {}

impl LockClass for MmapLock {
    const NAME: &'static str = "mmap_lock";
}

/// Level of `vma_lock`: The per-VMA lock (`CONFIG_PER_VMA_LOCK`). It behaves like a read/write
/// semaphore at VMA granularity but is built from a reference count (`vma->vm_refcnt`) and two
/// sequence numbers (`vma->vm_lock_seq` against `mm->mm_lock_seq`).
///
/// Spec: `vma_lock` (rules/locks.rules:109); source: `include/linux/mmap_lock.h`.
pub enum VmaLock {}

impl LockClass for VmaLock {
    const NAME: &'static str = "vma_lock";
}

/// Level of `anon_vma_lock`: The read/write semaphore that guards an anon_vma hierarchy. Every
/// anon_vma of a hierarchy uses the semaphore of its *root*, so locking any anon_vma locks the
/// whole tree of anon_vmas that share pages after fork. Holding it for reading lets an rmap
/// walker traverse the anon_vma interval tree and keeps every VMA found there stable; holding
/// it for writing hides those VMAs from rmap walkers while the tree or the VMA's placement
/// changes.
///
/// Spec: `anon_vma_lock` (rules/locks.rules:173); source: `mm/internal.h`.
pub enum AnonVmaLock {}

impl LockClass for AnonVmaLock {
    const NAME: &'static str = "anon_vma_lock";
}

/// Level of `i_mmap_lock`: `mapping->i_mmap_rwsem`, the read/write semaphore over the interval
/// tree `mapping->i_mmap` that links every VMA mapping a file. Read holders (rmap walkers,
/// truncation, khugepaged) see a stable set of file VMAs; write holders change a VMA's place in
/// that tree.
///
/// Spec: `i_mmap_lock` (rules/locks.rules:196); source: `include/linux/fs.h`.
pub enum IMmapLock {}

impl LockClass for IMmapLock {
    const NAME: &'static str = "i_mmap_lock";
}

/// Level of `page_table_lock`: `mm->page_table_lock`, the address-space-wide spin lock. It
/// serialises changes to the upper page-table levels (PGD, P4D and PUD entries, and so the
/// allocation of P4D, PUD and PMD tables), stands in for the PMD and PTE locks when those are
/// not split, and also protects a few other mm state transitions such as setting
/// `vma->anon_vma` for the first time and the deposited page tables of THPs.
///
/// Spec: `page_table_lock` (rules/locks.rules:222); source: `include/linux/mm_types.h`.
pub enum PageTableLock {}

impl LockClass for PageTableLock {
    const NAME: &'static str = "page_table_lock";
}

/// Level of `pmd_lock`: The lock of one PMD table. With `CONFIG_SPLIT_PMD_PTLOCKS` it lives in
/// the `struct ptdesc` of the PMD table page (or is allocated and pointed to from there when
/// `ALLOC_SPLIT_PTLOCKS`); otherwise it is `mm->page_table_lock`.
///
/// Spec: `pmd_lock` (rules/locks.rules:262); source: `include/linux/mm.h`.
pub enum PmdLock {}

impl LockClass for PmdLock {
    const NAME: &'static str = "pmd_lock";
}

/// Level of `pte_lock`: The lock of one PTE table (the "PTL"). With `CONFIG_SPLIT_PTE_PTLOCKS`
/// it lives in the `struct ptdesc` of the PTE table page (allocated separately when
/// `ALLOC_SPLIT_PTLOCKS`); otherwise it is `mm->page_table_lock`.
///
/// Spec: `pte_lock` (rules/locks.rules:290); source: `mm/pgtable-generic.c`.
pub enum PteLock {}

impl LockClass for PteLock {
    const NAME: &'static str = "pte_lock";
}

/// Level of `i_rwsem`: `inode->i_rwsem`, the inode's read/write semaphore. Taken for writing by
/// writes and truncation, and ordered *before* the mmap lock: a write that faults in its user
/// buffer (`generic_perform_write` -> `fault_in_readable`) takes the mmap lock under it. Reads
/// and page faults do not take it.
///
/// Spec: `i_rwsem` (rules/locks.rules:395); source: `mm/rmap.c`.
pub enum IRwsem {}

impl LockClass for IRwsem {
    const NAME: &'static str = "i_rwsem";
}

/// Level of `invalidate_lock`: `mapping->invalidate_lock`, a read/write semaphore which file
/// systems hold to keep page-cache invalidation (hole punch, truncation) away from page-cache
/// filling. The fault path (`filemap_fault`) takes it for reading under the mmap lock and
/// before the folio lock.
///
/// Spec: `invalidate_lock` (rules/locks.rules:407); source: `mm/filemap.c`.
pub enum InvalidateLock {}

impl LockClass for InvalidateLock {
    const NAME: &'static str = "invalidate_lock";
}

/// Level of `folio_lock`: The folio lock, a sleeping bit lock (the `PG_locked` bit, taken by
/// `folio_lock` / `lock_page`). For ordinary folios it nests inside the mmap lock and
/// `invalidate_lock` and outside the i_mmap and anon_vma locks.
///
/// Spec: `folio_lock` (rules/locks.rules:418); source: `mm/rmap.c`.
pub enum FolioLock {}

impl LockClass for FolioLock {
    const NAME: &'static str = "folio_lock";
}

/// Level of `hugetlb_folio_lock`: The folio lock of a hugetlbfs folio. It is the same
/// `PG_locked` bit as `folio_lock`, but hugetlbfs takes it in the opposite position relative to
/// the i_mmap rwsem: after `mapping->i_mmap_rwsem` (mm/rmap.c, "hugetlbfs PageHuge() take locks
/// in this order"), whereas ordinary folios are locked before it. Modelling the two as one
/// class would make the union of the order trees cyclic; the kernel keeps them apart by giving
/// the hugetlbfs i_mmap rwsem its own lockdep class (`hugetlbfs_i_mmap_rwsem_key`) and by never
/// mixing the two folio kinds in one path. So the spec keeps a separate class.
///
/// Spec: `hugetlb_folio_lock` (rules/locks.rules:429); source: `mm/rmap.c`.
pub enum HugetlbFolioLock {}

impl LockClass for HugetlbFolioLock {
    const NAME: &'static str = "hugetlb_folio_lock";
}

/// Level of `hugetlbfs_i_mmap_rwsem`: The i_mmap rwsem of a hugetlbfs mapping, which lockdep
/// tracks under its own class key (`hugetlbfs_i_mmap_rwsem_key`). hugetlbfs also uses it to
/// serialise PMD sharing (`huge_pmd_share`), which takes it for reading under a page fault
/// holding an ordinary folio lock; that is why mm/rmap.c places it after `folio_lock` and
/// before `vma_start_write` and the ordinary `mapping->i_mmap_rwsem`. It is the same C field as
/// `mapping->i_mmap_rwsem`, kept as a separate class here for the same reason lockdep keeps it
/// separate.
///
/// Spec: `hugetlbfs_i_mmap_rwsem` (rules/locks.rules:444); source: `fs/hugetlbfs/inode.c`.
pub enum HugetlbfsIMmapRwsem {}

impl LockClass for HugetlbfsIMmapRwsem {
    const NAME: &'static str = "hugetlbfs_i_mmap_rwsem";
}

/// Level of `hugetlb_fault_mutex`: The hashed hugetlb fault mutex
/// (`hugetlb_fault_mutex_table[hash]`) that serialises faults on the same hugetlbfs page; the
/// outermost lock of the hugetlbfs order.
///
/// Spec: `hugetlb_fault_mutex` (rules/locks.rules:459); source: `mm/hugetlb.c`.
pub enum HugetlbFaultMutex {}

impl LockClass for HugetlbFaultMutex {
    const NAME: &'static str = "hugetlb_fault_mutex";
}

/// Level of `hugetlb_vma_lock`: The hugetlb per-VMA read/write semaphore used for PMD sharing
/// (reached through `vma->vm_private_data`, taken by `hugetlb_vma_lock_read` /
/// `hugetlb_vma_lock_write`). It is unrelated to the generic per-VMA lock; it nests inside the
/// hugetlb fault mutex and outside the hugetlbfs i_mmap rwsem.
///
/// Spec: `hugetlb_vma_lock` (rules/locks.rules:469); source: `mm/hugetlb.c`.
pub enum HugetlbVmaLock {}

impl LockClass for HugetlbVmaLock {
    const NAME: &'static str = "hugetlb_vma_lock";
}

/// Level of `swap_lock`: The swap-device spin lock taken while the PTE lock is held when swap
/// entries are duplicated or looked up (`swap_duplicate`, `swap_info_get` in the rmap.c
/// comment).
///
/// Spec: `swap_lock` (rules/locks.rules:481); source: `mm/swapfile.c`.
pub enum SwapLock {}

impl LockClass for SwapLock {
    const NAME: &'static str = "swap_lock";
}

/// Level of `mmlist_lock`: The global spin lock over the list of mms that have swapped pages
/// (`mm->mmlist`), taken in `mmput`, `drain_mmlist` and swapoff. Modelled for ordering; the
/// `mmlist` field rule also names it as the field's only lock.
///
/// Spec: `mmlist_lock` (rules/locks.rules:491); source: `mm/swapfile.c`.
pub enum MmlistLock {}

impl LockClass for MmlistLock {
    const NAME: &'static str = "mmlist_lock";
}

/// Level of `private_lock`: The mapping's private spin lock (`mapping->i_private_lock`,
/// historically `private_lock`), which guards buffer heads attached to page-cache folios; taken
/// when a folio is dirtied (`block_dirty_folio`) from under the PTE lock.
///
/// Spec: `private_lock` (rules/locks.rules:502); source: `fs/buffer.c`.
pub enum PrivateLock {}

impl LockClass for PrivateLock {
    const NAME: &'static str = "private_lock";
}

/// Level of `i_pages`: The xarray spin lock of the page cache (`mapping->i_pages`), widely used
/// and innermost among the mm locks except the LRU lock.
///
/// Spec: `i_pages` (rules/locks.rules:513); source: `mm/filemap.c`.
pub enum IPages {}

impl LockClass for IPages {
    const NAME: &'static str = "i_pages";
}

/// Level of `lru_lock`: `lruvec->lru_lock`, a spin lock taken by `folio_lruvec_lock_irq` when
/// folios move on or off the LRU lists; innermost in the mm order.
///
/// Spec: `lru_lock` (rules/locks.rules:523); source: `mm/memcontrol.c`.
pub enum LruLock {}

impl LockClass for LruLock {
    const NAME: &'static str = "lru_lock";
}

/// Level of `i_lock`: `inode->i_lock`, a spin lock taken by `__mark_inode_dirty` when dirtying
/// a folio from under the PTE lock.
///
/// Spec: `i_lock` (rules/locks.rules:533); source: `fs/fs-writeback.c`.
pub enum ILock {}

impl LockClass for ILock {
    const NAME: &'static str = "i_lock";
}

/// Level of `wb_list_lock`: The writeback list spin lock (`bdi.wb->list_lock`), taken by
/// `__mark_inode_dirty` and by the writeback code; ordered before `sb_lock` and the page-cache
/// xarray lock.
///
/// Spec: `wb_list_lock` (rules/locks.rules:543); source: `fs/fs-writeback.c`.
pub enum WbListLock {}

impl LockClass for WbListLock {
    const NAME: &'static str = "wb_list_lock";
}

/// Level of `sb_lock`: The global super-block list spin lock, taken within the writeback list
/// lock in fs/fs-writeback.c.
///
/// Spec: `sb_lock` (rules/locks.rules:553); source: `fs/super.c`.
pub enum SbLock {}

impl LockClass for SbLock {
    const NAME: &'static str = "sb_lock";
}

/// Level of `tasklist_lock`: The global task-list read/write spin lock. Memory-failure handling
/// (`collect_procs_anon` / `collect_procs_file`) takes it under an rmap lock to find the
/// processes mapping a poisoned page, and then takes PTE locks under it.
///
/// Spec: `tasklist_lock` (rules/locks.rules:560); source: `mm/memory-failure.c`.
pub enum TasklistLock {}

impl LockClass for TasklistLock {
    const NAME: &'static str = "tasklist_lock";
}

/// `Self` may be taken while a lock of class `A` is held.
///
/// # Safety
///
/// Implement it only for pairs of the spec's enforced order: every impl here is one pair
/// of its transitive closure, so no blanket impl can overlap (a class with two
/// predecessors would, rustc E0119).
#[diagnostic::on_unimplemented(
    message = "lock order: `{Self}` may not be taken while `{A}` is held",
    label = "`{Self}` is not after `{A}` in the enforced lock order",
    note = "rule: the lock-order trees of rules/order.rules; docs: mm/process_addrs.html#lock-ordering"
)]
pub unsafe trait LockAfter<A: LockClass>: LockClass {}

// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for MmapLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for VmaLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for AnonVmaLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for IMmapLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for PageTableLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for PmdLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for PteLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for IRwsem {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for InvalidateLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for FolioLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for HugetlbFolioLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for HugetlbfsIMmapRwsem {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for HugetlbFaultMutex {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for HugetlbVmaLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for SwapLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for MmlistLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for PrivateLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for IPages {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for LruLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for ILock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for WbListLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for SbLock {}
// SAFETY: every lock may be taken when none of the order is held.
unsafe impl LockAfter<Unlocked> for TasklistLock {}

// SAFETY: `anon_vma_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for ILock {}
// SAFETY: `anon_vma_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for IPages {}
// SAFETY: `anon_vma_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for LruLock {}
// SAFETY: `anon_vma_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for MmlistLock {}
// SAFETY: `anon_vma_lock` is before `page_table_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for PageTableLock {}
// SAFETY: `anon_vma_lock` is before `pmd_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for PmdLock {}
// SAFETY: `anon_vma_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for PrivateLock {}
// SAFETY: `anon_vma_lock` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for PteLock {}
// SAFETY: `anon_vma_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for SbLock {}
// SAFETY: `anon_vma_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for SwapLock {}
// SAFETY: `anon_vma_lock` is before `tasklist_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for TasklistLock {}
// SAFETY: `anon_vma_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<AnonVmaLock> for WbListLock {}
// SAFETY: `folio_lock` is before `anon_vma_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for AnonVmaLock {}
// SAFETY: `folio_lock` is before `hugetlb_folio_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for HugetlbFolioLock {}
// SAFETY: `folio_lock` is before `hugetlbfs_i_mmap_rwsem` in the enforced order.
unsafe impl LockAfter<FolioLock> for HugetlbfsIMmapRwsem {}
// SAFETY: `folio_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for ILock {}
// SAFETY: `folio_lock` is before `i_mmap_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for IMmapLock {}
// SAFETY: `folio_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<FolioLock> for IPages {}
// SAFETY: `folio_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for LruLock {}
// SAFETY: `folio_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for MmlistLock {}
// SAFETY: `folio_lock` is before `page_table_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for PageTableLock {}
// SAFETY: `folio_lock` is before `pmd_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for PmdLock {}
// SAFETY: `folio_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for PrivateLock {}
// SAFETY: `folio_lock` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for PteLock {}
// SAFETY: `folio_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for SbLock {}
// SAFETY: `folio_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for SwapLock {}
// SAFETY: `folio_lock` is before `tasklist_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for TasklistLock {}
// SAFETY: `folio_lock` is before `vma_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for VmaLock {}
// SAFETY: `folio_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<FolioLock> for WbListLock {}
// SAFETY: `hugetlb_fault_mutex` is before `anon_vma_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for AnonVmaLock {}
// SAFETY: `hugetlb_fault_mutex` is before `hugetlb_folio_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for HugetlbFolioLock {}
// SAFETY: `hugetlb_fault_mutex` is before `hugetlb_vma_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for HugetlbVmaLock {}
// SAFETY: `hugetlb_fault_mutex` is before `hugetlbfs_i_mmap_rwsem` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for HugetlbfsIMmapRwsem {}
// SAFETY: `hugetlb_fault_mutex` is before `i_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for ILock {}
// SAFETY: `hugetlb_fault_mutex` is before `i_mmap_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for IMmapLock {}
// SAFETY: `hugetlb_fault_mutex` is before `i_pages` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for IPages {}
// SAFETY: `hugetlb_fault_mutex` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for LruLock {}
// SAFETY: `hugetlb_fault_mutex` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for MmlistLock {}
// SAFETY: `hugetlb_fault_mutex` is before `page_table_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for PageTableLock {}
// SAFETY: `hugetlb_fault_mutex` is before `pmd_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for PmdLock {}
// SAFETY: `hugetlb_fault_mutex` is before `private_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for PrivateLock {}
// SAFETY: `hugetlb_fault_mutex` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for PteLock {}
// SAFETY: `hugetlb_fault_mutex` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for SbLock {}
// SAFETY: `hugetlb_fault_mutex` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for SwapLock {}
// SAFETY: `hugetlb_fault_mutex` is before `tasklist_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for TasklistLock {}
// SAFETY: `hugetlb_fault_mutex` is before `vma_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for VmaLock {}
// SAFETY: `hugetlb_fault_mutex` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<HugetlbFaultMutex> for WbListLock {}
// SAFETY: `hugetlb_vma_lock` is before `anon_vma_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for AnonVmaLock {}
// SAFETY: `hugetlb_vma_lock` is before `hugetlb_folio_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for HugetlbFolioLock {}
// SAFETY: `hugetlb_vma_lock` is before `hugetlbfs_i_mmap_rwsem` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for HugetlbfsIMmapRwsem {}
// SAFETY: `hugetlb_vma_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for ILock {}
// SAFETY: `hugetlb_vma_lock` is before `i_mmap_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for IMmapLock {}
// SAFETY: `hugetlb_vma_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for IPages {}
// SAFETY: `hugetlb_vma_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for LruLock {}
// SAFETY: `hugetlb_vma_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for MmlistLock {}
// SAFETY: `hugetlb_vma_lock` is before `page_table_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for PageTableLock {}
// SAFETY: `hugetlb_vma_lock` is before `pmd_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for PmdLock {}
// SAFETY: `hugetlb_vma_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for PrivateLock {}
// SAFETY: `hugetlb_vma_lock` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for PteLock {}
// SAFETY: `hugetlb_vma_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for SbLock {}
// SAFETY: `hugetlb_vma_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for SwapLock {}
// SAFETY: `hugetlb_vma_lock` is before `tasklist_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for TasklistLock {}
// SAFETY: `hugetlb_vma_lock` is before `vma_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for VmaLock {}
// SAFETY: `hugetlb_vma_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<HugetlbVmaLock> for WbListLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `anon_vma_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for AnonVmaLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `hugetlb_folio_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for HugetlbFolioLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `i_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for ILock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `i_mmap_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for IMmapLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `i_pages` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for IPages {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for LruLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for MmlistLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `page_table_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for PageTableLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `pmd_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for PmdLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `private_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for PrivateLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for PteLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for SbLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for SwapLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `tasklist_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for TasklistLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `vma_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for VmaLock {}
// SAFETY: `hugetlbfs_i_mmap_rwsem` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<HugetlbfsIMmapRwsem> for WbListLock {}
// SAFETY: `i_mmap_lock` is before `anon_vma_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for AnonVmaLock {}
// SAFETY: `i_mmap_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for ILock {}
// SAFETY: `i_mmap_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<IMmapLock> for IPages {}
// SAFETY: `i_mmap_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for LruLock {}
// SAFETY: `i_mmap_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for MmlistLock {}
// SAFETY: `i_mmap_lock` is before `page_table_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for PageTableLock {}
// SAFETY: `i_mmap_lock` is before `pmd_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for PmdLock {}
// SAFETY: `i_mmap_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for PrivateLock {}
// SAFETY: `i_mmap_lock` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for PteLock {}
// SAFETY: `i_mmap_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for SbLock {}
// SAFETY: `i_mmap_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for SwapLock {}
// SAFETY: `i_mmap_lock` is before `tasklist_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for TasklistLock {}
// SAFETY: `i_mmap_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<IMmapLock> for WbListLock {}
// SAFETY: `i_pages` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<IPages> for LruLock {}
// SAFETY: `i_rwsem` is before `anon_vma_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for AnonVmaLock {}
// SAFETY: `i_rwsem` is before `folio_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for FolioLock {}
// SAFETY: `i_rwsem` is before `hugetlb_folio_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for HugetlbFolioLock {}
// SAFETY: `i_rwsem` is before `hugetlbfs_i_mmap_rwsem` in the enforced order.
unsafe impl LockAfter<IRwsem> for HugetlbfsIMmapRwsem {}
// SAFETY: `i_rwsem` is before `i_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for ILock {}
// SAFETY: `i_rwsem` is before `i_mmap_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for IMmapLock {}
// SAFETY: `i_rwsem` is before `i_pages` in the enforced order.
unsafe impl LockAfter<IRwsem> for IPages {}
// SAFETY: `i_rwsem` is before `invalidate_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for InvalidateLock {}
// SAFETY: `i_rwsem` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for LruLock {}
// SAFETY: `i_rwsem` is before `mmap_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for MmapLock {}
// SAFETY: `i_rwsem` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for MmlistLock {}
// SAFETY: `i_rwsem` is before `page_table_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for PageTableLock {}
// SAFETY: `i_rwsem` is before `pmd_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for PmdLock {}
// SAFETY: `i_rwsem` is before `private_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for PrivateLock {}
// SAFETY: `i_rwsem` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for PteLock {}
// SAFETY: `i_rwsem` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for SbLock {}
// SAFETY: `i_rwsem` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for SwapLock {}
// SAFETY: `i_rwsem` is before `tasklist_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for TasklistLock {}
// SAFETY: `i_rwsem` is before `vma_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for VmaLock {}
// SAFETY: `i_rwsem` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<IRwsem> for WbListLock {}
// SAFETY: `invalidate_lock` is before `anon_vma_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for AnonVmaLock {}
// SAFETY: `invalidate_lock` is before `folio_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for FolioLock {}
// SAFETY: `invalidate_lock` is before `hugetlb_folio_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for HugetlbFolioLock {}
// SAFETY: `invalidate_lock` is before `hugetlbfs_i_mmap_rwsem` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for HugetlbfsIMmapRwsem {}
// SAFETY: `invalidate_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for ILock {}
// SAFETY: `invalidate_lock` is before `i_mmap_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for IMmapLock {}
// SAFETY: `invalidate_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for IPages {}
// SAFETY: `invalidate_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for LruLock {}
// SAFETY: `invalidate_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for MmlistLock {}
// SAFETY: `invalidate_lock` is before `page_table_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for PageTableLock {}
// SAFETY: `invalidate_lock` is before `pmd_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for PmdLock {}
// SAFETY: `invalidate_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for PrivateLock {}
// SAFETY: `invalidate_lock` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for PteLock {}
// SAFETY: `invalidate_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for SbLock {}
// SAFETY: `invalidate_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for SwapLock {}
// SAFETY: `invalidate_lock` is before `tasklist_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for TasklistLock {}
// SAFETY: `invalidate_lock` is before `vma_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for VmaLock {}
// SAFETY: `invalidate_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<InvalidateLock> for WbListLock {}
// SAFETY: `mmap_lock` is before `anon_vma_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for AnonVmaLock {}
// SAFETY: `mmap_lock` is before `folio_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for FolioLock {}
// SAFETY: `mmap_lock` is before `hugetlb_folio_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for HugetlbFolioLock {}
// SAFETY: `mmap_lock` is before `hugetlbfs_i_mmap_rwsem` in the enforced order.
unsafe impl LockAfter<MmapLock> for HugetlbfsIMmapRwsem {}
// SAFETY: `mmap_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for ILock {}
// SAFETY: `mmap_lock` is before `i_mmap_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for IMmapLock {}
// SAFETY: `mmap_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<MmapLock> for IPages {}
// SAFETY: `mmap_lock` is before `invalidate_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for InvalidateLock {}
// SAFETY: `mmap_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for LruLock {}
// SAFETY: `mmap_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for MmlistLock {}
// SAFETY: `mmap_lock` is before `page_table_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for PageTableLock {}
// SAFETY: `mmap_lock` is before `pmd_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for PmdLock {}
// SAFETY: `mmap_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for PrivateLock {}
// SAFETY: `mmap_lock` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for PteLock {}
// SAFETY: `mmap_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for SbLock {}
// SAFETY: `mmap_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for SwapLock {}
// SAFETY: `mmap_lock` is before `tasklist_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for TasklistLock {}
// SAFETY: `mmap_lock` is before `vma_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for VmaLock {}
// SAFETY: `mmap_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<MmapLock> for WbListLock {}
// SAFETY: `page_table_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<PageTableLock> for ILock {}
// SAFETY: `page_table_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<PageTableLock> for IPages {}
// SAFETY: `page_table_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<PageTableLock> for LruLock {}
// SAFETY: `page_table_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<PageTableLock> for MmlistLock {}
// SAFETY: `page_table_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<PageTableLock> for PrivateLock {}
// SAFETY: `page_table_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<PageTableLock> for SbLock {}
// SAFETY: `page_table_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<PageTableLock> for SwapLock {}
// SAFETY: `page_table_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<PageTableLock> for WbListLock {}
// SAFETY: `pmd_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<PmdLock> for ILock {}
// SAFETY: `pmd_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<PmdLock> for IPages {}
// SAFETY: `pmd_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<PmdLock> for LruLock {}
// SAFETY: `pmd_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<PmdLock> for MmlistLock {}
// SAFETY: an operation of the spec holds two `pmd_lock` at once.
unsafe impl LockAfter<PmdLock> for PmdLock {}
// SAFETY: `pmd_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<PmdLock> for PrivateLock {}
// SAFETY: `pmd_lock` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<PmdLock> for PteLock {}
// SAFETY: `pmd_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<PmdLock> for SbLock {}
// SAFETY: `pmd_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<PmdLock> for SwapLock {}
// SAFETY: `pmd_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<PmdLock> for WbListLock {}
// SAFETY: `private_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<PrivateLock> for IPages {}
// SAFETY: `private_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<PrivateLock> for LruLock {}
// SAFETY: `pte_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<PteLock> for ILock {}
// SAFETY: `pte_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<PteLock> for IPages {}
// SAFETY: `pte_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<PteLock> for LruLock {}
// SAFETY: `pte_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<PteLock> for MmlistLock {}
// SAFETY: `pte_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<PteLock> for PrivateLock {}
// SAFETY: an operation of the spec holds two `pte_lock` at once.
unsafe impl LockAfter<PteLock> for PteLock {}
// SAFETY: `pte_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<PteLock> for SbLock {}
// SAFETY: `pte_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<PteLock> for SwapLock {}
// SAFETY: `pte_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<PteLock> for WbListLock {}
// SAFETY: `swap_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<SwapLock> for ILock {}
// SAFETY: `swap_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<SwapLock> for IPages {}
// SAFETY: `swap_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<SwapLock> for LruLock {}
// SAFETY: `swap_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<SwapLock> for MmlistLock {}
// SAFETY: `swap_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<SwapLock> for PrivateLock {}
// SAFETY: `swap_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<SwapLock> for SbLock {}
// SAFETY: `swap_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<SwapLock> for WbListLock {}
// SAFETY: `tasklist_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<TasklistLock> for ILock {}
// SAFETY: `tasklist_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<TasklistLock> for IPages {}
// SAFETY: `tasklist_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<TasklistLock> for LruLock {}
// SAFETY: `tasklist_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<TasklistLock> for MmlistLock {}
// SAFETY: `tasklist_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<TasklistLock> for PrivateLock {}
// SAFETY: `tasklist_lock` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<TasklistLock> for PteLock {}
// SAFETY: `tasklist_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<TasklistLock> for SbLock {}
// SAFETY: `tasklist_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<TasklistLock> for SwapLock {}
// SAFETY: `tasklist_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<TasklistLock> for WbListLock {}
// SAFETY: `vma_lock` is before `anon_vma_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for AnonVmaLock {}
// SAFETY: `vma_lock` is before `i_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for ILock {}
// SAFETY: `vma_lock` is before `i_mmap_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for IMmapLock {}
// SAFETY: `vma_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<VmaLock> for IPages {}
// SAFETY: `vma_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for LruLock {}
// SAFETY: `vma_lock` is before `mmlist_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for MmlistLock {}
// SAFETY: `vma_lock` is before `page_table_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for PageTableLock {}
// SAFETY: `vma_lock` is before `pmd_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for PmdLock {}
// SAFETY: `vma_lock` is before `private_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for PrivateLock {}
// SAFETY: `vma_lock` is before `pte_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for PteLock {}
// SAFETY: `vma_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for SbLock {}
// SAFETY: `vma_lock` is before `swap_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for SwapLock {}
// SAFETY: `vma_lock` is before `tasklist_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for TasklistLock {}
// SAFETY: an operation of the spec holds two `vma_lock` at once.
unsafe impl LockAfter<VmaLock> for VmaLock {}
// SAFETY: `vma_lock` is before `wb_list_lock` in the enforced order.
unsafe impl LockAfter<VmaLock> for WbListLock {}
// SAFETY: `wb_list_lock` is before `i_pages` in the enforced order.
unsafe impl LockAfter<WbListLock> for IPages {}
// SAFETY: `wb_list_lock` is before `lru_lock` in the enforced order.
unsafe impl LockAfter<WbListLock> for LruLock {}
// SAFETY: `wb_list_lock` is before `sb_lock` in the enforced order.
unsafe impl LockAfter<WbListLock> for SbLock {}

/// A thread's position in the lock order: the class of the last ordered lock it took.
///
/// # Invariants
///
/// While a `Ctx<'c, L>` exists, the `Ctx` it was made from is mutably borrowed, and
/// so is every guard taken with it; `!Send`, since the order is per thread.
pub struct Ctx<'c, L: LockClass> {
    _level: PhantomData<(&'c mut (), fn() -> L, *const ())>,
}

impl Ctx<'static, Unlocked> {
    /// The position of a thread that holds no lock.
    ///
    /// # Safety
    ///
    /// The calling thread holds no lock of the order, and no other
    /// `Ctx<Unlocked>` of this thread is alive (two would let it take the same lock
    /// twice).
    ///
    /// # Examples
    ///
    /// ```
    /// use lockspec_mm::order::{Ctx, Unlocked};
    /// // SAFETY: this thread holds no lock and makes no other context.
    /// let ctx: Ctx<'static, Unlocked> = unsafe { Ctx::new() };
    /// drop(ctx);
    /// ```
    pub unsafe fn new() -> Self {
        Ctx { _level: PhantomData }
    }
}

impl<L: LockClass> Ctx<'_, L> {
    /// The position after taking a lock of class `M`.
    pub(crate) fn next<M: LockAfter<L>>(&mut self) -> Ctx<'_, M> {
        Ctx { _level: PhantomData }
    }
}
