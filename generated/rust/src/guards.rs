//! Guards as proofs: each value proves a lock is held in one mode, and is the only way
//! to make the evidence the operations take.

use core::marker::PhantomData;

use crate::backend::{Backend, Instance, LockId, ModeId};
#[allow(unused_imports)]
use crate::objects::*;
use crate::order::*;

/// What every guard and proof says about itself.
pub trait Guard<B: Backend> {
    /// The lock class held.
    const LOCK: LockId;
    /// The mode it is held in.
    const MODE: ModeId;
    /// The object whose lock is held (`None` for a global lock).
    fn instance(&self) -> Option<Instance>;
}

/// Makes the guard `G` `!Send`: a lock is released on the thread that took it (the kernel's
/// rwsem owner and lockdep's held-lock stack are per task).  rustc's E0277 for a guard moved
/// to another thread names this type, so the message says which guard and why.
pub struct UnlockOnLockingThread<G>(PhantomData<G>);

/// Makes the proof `P` `!Send`: it is evidence of a hold of the thread that took the lock it
/// was made from, and means nothing on another thread.  Named in rustc's E0277 like
/// [`UnlockOnLockingThread`].
pub struct ValidOnLockingThreadOnly<P>(PhantomData<P>);

/// `Self` can only be made while `G` is held: the spec's `requires` relation.
///
/// # Safety
///
/// Implemented only for the spec's `requires` relations; the constructor of `Self` is a
/// method of `G`.
pub unsafe trait RequiresHeld<G> {}

/// Guard that `mmap_lock` is held in mode `read`. The address-space-wide read/write semaphore
/// of an `struct mm_struct`. Any hold of it keeps every VMA of the mm in place; a write hold
/// excludes all other holders and is the precondition for taking a VMA write lock.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`mmap_read_unlock`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `mmap_lock` (rules/locks.rules:10); source: `include/linux/mmap_lock.h`. Docs:
/// `mm/locks.html#mmap_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct MmapLockReadGuard<'a, B: Backend> {
    owner: &'a MmStruct<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<MmapLockReadGuard<'static, B>>>,
}

impl<'a, B: Backend> MmapLockReadGuard<'a, B> {
    fn new(owner: &'a MmStruct<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a MmStruct<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for MmapLockReadGuard<'_, B> {
    const LOCK: LockId = LockId::MmapLock;
    const MODE: ModeId = ModeId::Read;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for MmapLockReadGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `mmap_lock` is held in mode `downgraded`. The address-space-wide read/write
/// semaphore of an `struct mm_struct`. Any hold of it keeps every VMA of the mm in place; a
/// write hold excludes all other holders and is the precondition for taking a VMA write lock.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`mmap_read_unlock`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `mmap_lock` (rules/locks.rules:10); source: `include/linux/mmap_lock.h`. Docs:
/// `mm/locks.html#mmap_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct MmapLockDowngradedGuard<'a, B: Backend> {
    owner: &'a MmStruct<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<MmapLockDowngradedGuard<'static, B>>>,
}

impl<'a, B: Backend> MmapLockDowngradedGuard<'a, B> {
    fn new(owner: &'a MmStruct<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a MmStruct<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for MmapLockDowngradedGuard<'_, B> {
    const LOCK: LockId = LockId::MmapLock;
    const MODE: ModeId = ModeId::Downgraded;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for MmapLockDowngradedGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `mmap_lock` is held in mode `write`. The address-space-wide read/write semaphore
/// of an `struct mm_struct`. Any hold of it keeps every VMA of the mm in place; a write hold
/// excludes all other holders and is the precondition for taking a VMA write lock.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`mmap_read_unlock`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `mmap_lock` (rules/locks.rules:10); source: `include/linux/mmap_lock.h`. Docs:
/// `mm/locks.html#mmap_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct MmapLockWriteGuard<'a, B: Backend> {
    owner: &'a MmStruct<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<MmapLockWriteGuard<'static, B>>>,
}

impl<'a, B: Backend> MmapLockWriteGuard<'a, B> {
    fn new(owner: &'a MmStruct<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a MmStruct<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for MmapLockWriteGuard<'_, B> {
    const LOCK: LockId = LockId::MmapLock;
    const MODE: ModeId = ModeId::Write;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for MmapLockWriteGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `mm_lock_seq` is held in mode `speculate`. The per-mm sequence count
/// `mm->mm_lock_seq` (`CONFIG_PER_VMA_LOCK`). It is the mm half of the VMA lock: a writer
/// section opens when the mmap lock is taken for writing and closes in `vma_end_write_all`,
/// when the write hold is released or downgraded. A VMA whose `vm_lock_seq` equals the mm's
/// current count is write-locked; closing the section bumps the count and so unlocks every such
/// VMA at once.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`mmap_lock_speculate_retry`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `mm_lock_seq` (rules/locks.rules:78); source: `include/linux/mmap_lock.h`. Docs:
/// `mm/locks.html#mm_lock_seq`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct MmLockSeqSpeculateGuard<'a, B: Backend> {
    owner: &'a MmStruct<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<MmLockSeqSpeculateGuard<'static, B>>>,
}

impl<'a, B: Backend> MmLockSeqSpeculateGuard<'a, B> {
    fn new(owner: &'a MmStruct<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a MmStruct<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for MmLockSeqSpeculateGuard<'_, B> {
    const LOCK: LockId = LockId::MmLockSeq;
    const MODE: ModeId = ModeId::Speculate;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for MmLockSeqSpeculateGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Proof that `mm_lock_seq` is held in mode `write`. The per-mm sequence count
/// `mm->mm_lock_seq` (`CONFIG_PER_VMA_LOCK`). It is the mm half of the VMA lock: a writer
/// section opens when the mmap lock is taken for writing and closes in `vma_end_write_all`,
/// when the write hold is released or downgraded. A VMA whose `vm_lock_seq` equals the mm's
/// current count is write-locked; closing the section bumps the count and so unlocks every such
/// VMA at once.
///
/// # Invariants
///
/// The hold ends with the `mmap_lock` write hold it was made from (relation
/// `mm_lock_seq_needs_mmap_write`), which this proof borrows: it cannot outlive it, and it has
/// no Drop.
///
/// Spec: `mm_lock_seq` (rules/locks.rules:78); source: `include/linux/mmap_lock.h`. Docs:
/// `mm/locks.html#mm_lock_seq`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct MmLockSeqWriteGuard<'a, B: Backend> {
    owner: &'a MmStruct<B>,
    _not_send: PhantomData<*const ValidOnLockingThreadOnly<MmLockSeqWriteGuard<'static, B>>>,
}

impl<'a, B: Backend> MmLockSeqWriteGuard<'a, B> {
    fn new(owner: &'a MmStruct<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a MmStruct<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for MmLockSeqWriteGuard<'_, B> {
    const LOCK: LockId = LockId::MmLockSeq;
    const MODE: ModeId = ModeId::Write;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

/// Guard that `vma_lock` is held in mode `read`. The per-VMA lock (`CONFIG_PER_VMA_LOCK`). It
/// behaves like a read/write semaphore at VMA granularity but is built from a reference count
/// (`vma->vm_refcnt`) and two sequence numbers (`vma->vm_lock_seq` against `mm->mm_lock_seq`).
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`vma_end_read`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `vma_lock` (rules/locks.rules:109); source: `include/linux/mmap_lock.h`. Docs:
/// `mm/locks.html#vma_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct VmaLockReadGuard<'a, B: Backend> {
    owner: &'a VmAreaStruct<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<VmaLockReadGuard<'static, B>>>,
}

impl<'a, B: Backend> VmaLockReadGuard<'a, B> {
    fn new(owner: &'a VmAreaStruct<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a VmAreaStruct<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for VmaLockReadGuard<'_, B> {
    const LOCK: LockId = LockId::VmaLock;
    const MODE: ModeId = ModeId::Read;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for VmaLockReadGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Proof that `vma_lock` is held in mode `write`. The per-VMA lock (`CONFIG_PER_VMA_LOCK`). It
/// behaves like a read/write semaphore at VMA granularity but is built from a reference count
/// (`vma->vm_refcnt`) and two sequence numbers (`vma->vm_lock_seq` against `mm->mm_lock_seq`).
///
/// # Invariants
///
/// The hold ends with the `mmap_lock` write hold it was made from (relation
/// `vma_write_needs_mmap_write`), which this proof borrows: it cannot outlive it, and it has no
/// Drop.
///
/// Spec: `vma_lock` (rules/locks.rules:109); source: `include/linux/mmap_lock.h`. Docs:
/// `mm/locks.html#vma_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct VmaLockWriteGuard<'a, B: Backend> {
    owner: &'a VmAreaStruct<B>,
    _not_send: PhantomData<*const ValidOnLockingThreadOnly<VmaLockWriteGuard<'static, B>>>,
}

impl<'a, B: Backend> VmaLockWriteGuard<'a, B> {
    fn new(owner: &'a VmAreaStruct<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a VmAreaStruct<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for VmaLockWriteGuard<'_, B> {
    const LOCK: LockId = LockId::VmaLock;
    const MODE: ModeId = ModeId::Write;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

/// Guard that `anon_vma_lock` is held in mode `read`. The read/write semaphore that guards an
/// anon_vma hierarchy. Every anon_vma of a hierarchy uses the semaphore of its *root*, so
/// locking any anon_vma locks the whole tree of anon_vmas that share pages after fork. Holding
/// it for reading lets an rmap walker traverse the anon_vma interval tree and keeps every VMA
/// found there stable; holding it for writing hides those VMAs from rmap walkers while the tree
/// or the VMA's placement changes.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`anon_vma_unlock_read`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `anon_vma_lock` (rules/locks.rules:173); source: `mm/internal.h`. Docs:
/// `mm/locks.html#anon_vma_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct AnonVmaLockReadGuard<'a, B: Backend> {
    owner: &'a AnonVma<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<AnonVmaLockReadGuard<'static, B>>>,
}

impl<'a, B: Backend> AnonVmaLockReadGuard<'a, B> {
    fn new(owner: &'a AnonVma<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a AnonVma<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for AnonVmaLockReadGuard<'_, B> {
    const LOCK: LockId = LockId::AnonVmaLock;
    const MODE: ModeId = ModeId::Read;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for AnonVmaLockReadGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `anon_vma_lock` is held in mode `write`. The read/write semaphore that guards an
/// anon_vma hierarchy. Every anon_vma of a hierarchy uses the semaphore of its *root*, so
/// locking any anon_vma locks the whole tree of anon_vmas that share pages after fork. Holding
/// it for reading lets an rmap walker traverse the anon_vma interval tree and keeps every VMA
/// found there stable; holding it for writing hides those VMAs from rmap walkers while the tree
/// or the VMA's placement changes.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`anon_vma_unlock_read`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `anon_vma_lock` (rules/locks.rules:173); source: `mm/internal.h`. Docs:
/// `mm/locks.html#anon_vma_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct AnonVmaLockWriteGuard<'a, B: Backend> {
    owner: &'a AnonVma<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<AnonVmaLockWriteGuard<'static, B>>>,
}

impl<'a, B: Backend> AnonVmaLockWriteGuard<'a, B> {
    fn new(owner: &'a AnonVma<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a AnonVma<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for AnonVmaLockWriteGuard<'_, B> {
    const LOCK: LockId = LockId::AnonVmaLock;
    const MODE: ModeId = ModeId::Write;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for AnonVmaLockWriteGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `i_mmap_lock` is held in mode `read`. `mapping->i_mmap_rwsem`, the read/write
/// semaphore over the interval tree `mapping->i_mmap` that links every VMA mapping a file. Read
/// holders (rmap walkers, truncation, khugepaged) see a stable set of file VMAs; write holders
/// change a VMA's place in that tree.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`i_mmap_unlock_read`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `i_mmap_lock` (rules/locks.rules:196); source: `include/linux/fs.h`. Docs:
/// `mm/locks.html#i_mmap_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct IMmapLockReadGuard<'a, B: Backend> {
    owner: &'a AddressSpace<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<IMmapLockReadGuard<'static, B>>>,
}

impl<'a, B: Backend> IMmapLockReadGuard<'a, B> {
    fn new(owner: &'a AddressSpace<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a AddressSpace<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for IMmapLockReadGuard<'_, B> {
    const LOCK: LockId = LockId::IMmapLock;
    const MODE: ModeId = ModeId::Read;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for IMmapLockReadGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `i_mmap_lock` is held in mode `write`. `mapping->i_mmap_rwsem`, the read/write
/// semaphore over the interval tree `mapping->i_mmap` that links every VMA mapping a file. Read
/// holders (rmap walkers, truncation, khugepaged) see a stable set of file VMAs; write holders
/// change a VMA's place in that tree.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`i_mmap_unlock_read`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `i_mmap_lock` (rules/locks.rules:196); source: `include/linux/fs.h`. Docs:
/// `mm/locks.html#i_mmap_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct IMmapLockWriteGuard<'a, B: Backend> {
    owner: &'a AddressSpace<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<IMmapLockWriteGuard<'static, B>>>,
}

impl<'a, B: Backend> IMmapLockWriteGuard<'a, B> {
    fn new(owner: &'a AddressSpace<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a AddressSpace<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for IMmapLockWriteGuard<'_, B> {
    const LOCK: LockId = LockId::IMmapLock;
    const MODE: ModeId = ModeId::Write;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for IMmapLockWriteGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `page_table_lock` is held in mode `held`. `mm->page_table_lock`, the
/// address-space-wide spin lock. It serialises changes to the upper page-table levels (PGD, P4D
/// and PUD entries, and so the allocation of P4D, PUD and PMD tables), stands in for the PMD
/// and PTE locks when those are not split, and also protects a few other mm state transitions
/// such as setting `vma->anon_vma` for the first time and the deposited page tables of THPs.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`spin_unlock`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `page_table_lock` (rules/locks.rules:222); source: `include/linux/mm_types.h`. Docs:
/// `mm/locks.html#page_table_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct PageTableLockHeldGuard<'a, B: Backend> {
    owner: &'a MmStruct<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<PageTableLockHeldGuard<'static, B>>>,
}

impl<'a, B: Backend> PageTableLockHeldGuard<'a, B> {
    fn new(owner: &'a MmStruct<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a MmStruct<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for PageTableLockHeldGuard<'_, B> {
    const LOCK: LockId = LockId::PageTableLock;
    const MODE: ModeId = ModeId::Held;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for PageTableLockHeldGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `pmd_lock` is held in mode `held`. The lock of one PMD table. With
/// `CONFIG_SPLIT_PMD_PTLOCKS` it lives in the `struct ptdesc` of the PMD table page (or is
/// allocated and pointed to from there when `ALLOC_SPLIT_PTLOCKS`); otherwise it is
/// `mm->page_table_lock`.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock. `!Send`: the
/// unlock happens on the locking thread.
///
/// Spec: `pmd_lock` (rules/locks.rules:262); source: `include/linux/mm.h`. Docs:
/// `mm/locks.html#pmd_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct PmdLockHeldGuard<'a, B: Backend> {
    owner: &'a PmdTable<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<PmdLockHeldGuard<'static, B>>>,
}

impl<'a, B: Backend> PmdLockHeldGuard<'a, B> {
    fn new(owner: &'a PmdTable<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a PmdTable<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for PmdLockHeldGuard<'_, B> {
    const LOCK: LockId = LockId::PmdLock;
    const MODE: ModeId = ModeId::Held;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for PmdLockHeldGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `pte_lock` is held in mode `held`. The lock of one PTE table (the "PTL"). With
/// `CONFIG_SPLIT_PTE_PTLOCKS` it lives in the `struct ptdesc` of the PTE table page (allocated
/// separately when `ALLOC_SPLIT_PTLOCKS`); otherwise it is `mm->page_table_lock`.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`pte_unmap_unlock`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `pte_lock` (rules/locks.rules:290); source: `mm/pgtable-generic.c`. Docs:
/// `mm/locks.html#pte_lock`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct PteLockHeldGuard<'a, B: Backend> {
    owner: &'a PteTable<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<PteLockHeldGuard<'static, B>>>,
}

impl<'a, B: Backend> PteLockHeldGuard<'a, B> {
    fn new(owner: &'a PteTable<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a PteTable<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for PteLockHeldGuard<'_, B> {
    const LOCK: LockId = LockId::PteLock;
    const MODE: ModeId = ModeId::Held;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for PteLockHeldGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `rcu` is held in mode `read`. The RCU read-side critical section. Page tables of
/// user address spaces are freed only after a grace period (or after an IPI round that
/// interrupts-disabled walkers block), so a walker inside an RCU read section can dereference a
/// PTE table it found even if the table is concurrently detached. VMAs are likewise freed with
/// `SLAB_TYPESAFE_BY_RCU`, which is what lets `lock_vma_under_rcu` look one up before it holds
/// any lock on it.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`rcu_read_unlock`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `rcu` (rules/locks.rules:347); source: `include/linux/rcupdate.h`. Docs:
/// `mm/locks.html#rcu`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct RcuReadGuard<'a, B: Backend> {
    _global: PhantomData<(&'a (), fn() -> B)>,
    _not_send: PhantomData<*const UnlockOnLockingThread<RcuReadGuard<'static, B>>>,
}

impl<'a, B: Backend> RcuReadGuard<'a, B> {
    fn new() -> Self {
        Self { _global: PhantomData, _not_send: PhantomData }
    }
}

impl<B: Backend> Guard<B> for RcuReadGuard<'_, B> {
    const LOCK: LockId = LockId::Rcu;
    const MODE: ModeId = ModeId::Read;

    fn instance(&self) -> Option<Instance> {
        None
    }
}

impl<B: Backend> Drop for RcuReadGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `write_protect_seq` is held in mode `read`. `mm->write_protect_seq`, a sequence
/// count that fork holds for writing while it write-protects the parent's anonymous pages for
/// copy-on-write (under the parent's mmap write lock). GUP-fast samples it when pinning
/// (`FOLL_PIN`): an odd value, or a change across the walk, makes it back out, so a page cannot
/// be pinned while fork is turning it into a shared COW page. Plain `FOLL_GET` references do
/// not check it.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`read_seqcount_retry`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `write_protect_seq` (rules/locks.rules:372); source: `mm/gup.c`. Docs:
/// `mm/locks.html#write_protect_seq`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct WriteProtectSeqReadGuard<'a, B: Backend> {
    owner: &'a MmStruct<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<WriteProtectSeqReadGuard<'static, B>>>,
}

impl<'a, B: Backend> WriteProtectSeqReadGuard<'a, B> {
    fn new(owner: &'a MmStruct<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a MmStruct<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for WriteProtectSeqReadGuard<'_, B> {
    const LOCK: LockId = LockId::WriteProtectSeq;
    const MODE: ModeId = ModeId::Read;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for WriteProtectSeqReadGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

/// Guard that `write_protect_seq` is held in mode `write`. `mm->write_protect_seq`, a sequence
/// count that fork holds for writing while it write-protects the parent's anonymous pages for
/// copy-on-write (under the parent's mmap write lock). GUP-fast samples it when pinning
/// (`FOLL_PIN`): an odd value, or a change across the walk, makes it back out, so a page cannot
/// be pinned while fork is turning it into a shared COW page. Plain `FOLL_GET` references do
/// not check it.
///
/// # Invariants
///
/// The lock is held for as long as the guard lives; dropping it releases the lock
/// (`raw_write_seqcount_end`). `!Send`: the unlock happens on the locking thread.
///
/// Spec: `write_protect_seq` (rules/locks.rules:372); source: `mm/gup.c`. Docs:
/// `mm/locks.html#write_protect_seq`.
#[must_use = "the lock is released when the guard is dropped"]
pub struct WriteProtectSeqWriteGuard<'a, B: Backend> {
    owner: &'a MmStruct<B>,
    _not_send: PhantomData<*const UnlockOnLockingThread<WriteProtectSeqWriteGuard<'static, B>>>,
}

impl<'a, B: Backend> WriteProtectSeqWriteGuard<'a, B> {
    fn new(owner: &'a MmStruct<B>) -> Self {
        Self { owner, _not_send: PhantomData }
    }

    /// The object whose lock is held: the guard is tied to it.
    pub fn object(&self) -> &'a MmStruct<B> {
        self.owner
    }
}

impl<B: Backend> Guard<B> for WriteProtectSeqWriteGuard<'_, B> {
    const LOCK: LockId = LockId::WriteProtectSeq;
    const MODE: ModeId = ModeId::Write;

    fn instance(&self) -> Option<Instance> {
        Some(self.owner.as_raw())
    }
}

impl<B: Backend> Drop for WriteProtectSeqWriteGuard<'_, B> {
    fn drop(&mut self) {
        // SAFETY: the guard was made by taking this lock in this mode, and Drop runs
        // once, on the thread that took it (the guard is !Send).
        unsafe { B::release(Self::LOCK, Self::MODE, self.instance()) }
    }
}

impl<B: Backend> MmStruct<B> {
    /// Takes the mmap lock for reading, sleeping uninterruptibly until it is available.
    ///
    /// Spec: `mmap_read_lock` (rules/locks.rules:50); source: `include/linux/mmap_lock.h`.
    pub fn mmap_read_lock<'c, L: LockClass>(
        &'c self,
        ctx: &'c mut Ctx<'_, L>,
    ) -> (MmapLockReadGuard<'c, B>, Ctx<'c, MmapLock>)
    where
        MmapLock: LockAfter<L>,
    {
        // SAFETY: the guard returned releases the lock exactly once.
        unsafe { B::acquire(LockId::MmapLock, ModeId::Read, Some(self.as_raw())) };
        (MmapLockReadGuard::new(self), ctx.next())
    }
}

impl<'a, B: Backend> MmapLockWriteGuard<'a, B> {
    /// Ends every VMA write lock of the mm, then turns the write hold into a read hold without
    /// ever leaving the lock.
    ///
    /// Spec: `mmap_write_downgrade` (rules/locks.rules:70); source:
    /// `include/linux/mmap_lock.h`.
    ///
    /// Consumes the write guard: proofs borrowed from it must have ended.
    pub fn mmap_write_downgrade(self) -> MmapLockDowngradedGuard<'a, B> {
        let owner = self.owner;
        core::mem::forget(self);
        // SAFETY: the write hold is converted in place; the old guard is forgotten, so
        // only the returned guard releases the lock.
        unsafe {
            B::downgrade(LockId::MmapLock, ModeId::Write, ModeId::Downgraded, Some(owner.as_raw()))
        };
        MmapLockDowngradedGuard::new(owner)
    }
}

impl<B: Backend> MmStruct<B> {
    /// Takes the mmap lock for writing and starts the mm's VMA-lock sequence count, which marks
    /// the write section.
    ///
    /// Spec: `mmap_write_lock` (rules/locks.rules:52); source: `include/linux/mmap_lock.h`.
    pub fn mmap_write_lock<'c, L: LockClass>(
        &'c self,
        ctx: &'c mut Ctx<'_, L>,
    ) -> (MmapLockWriteGuard<'c, B>, Ctx<'c, MmapLock>)
    where
        MmapLock: LockAfter<L>,
    {
        // SAFETY: the guard returned releases the lock exactly once.
        unsafe { B::acquire(LockId::MmapLock, ModeId::Write, Some(self.as_raw())) };
        (MmapLockWriteGuard::new(self), ctx.next())
    }
}

impl<B: Backend> MmStruct<B> {
    /// Starts a speculative read section; false when the mmap lock is currently write-locked,
    /// in which case the caller should take the lock instead.
    ///
    /// Spec: `mmap_lock_speculate_try_begin` (rules/locks.rules:99); source:
    /// `include/linux/mmap_lock.h`.
    #[must_use = "on `Some` the lock is held until the guard is dropped"]
    pub fn mmap_lock_speculate_try_begin<'c>(&'c self) -> Option<MmLockSeqSpeculateGuard<'c, B>> {
        // SAFETY: the guard returned releases the lock exactly once.
        if unsafe { B::try_acquire(LockId::MmLockSeq, ModeId::Speculate, Some(self.as_raw())) } {
            Some(MmLockSeqSpeculateGuard::new(self))
        } else {
            None
        }
    }
}

impl<'a, B: Backend> MmapLockWriteGuard<'a, B> {
    /// Opens the writer section; called only from the mmap_write_lock family right after the
    /// rwsem is taken.
    ///
    /// Spec: `mm_lock_seqcount_begin` (rules/locks.rules:95); source:
    /// `include/linux/mmap_lock.h`.
    ///
    /// Made from this `mmap_lock` write hold (relation `mm_lock_seq_needs_mmap_write`: The
    /// writer section of `mm_lock_seq` is opened only by a task that holds the mmap lock for
    /// writing.); it borrows this guard, so it ends before it does.
    pub fn mm_lock_seqcount_begin<'g>(&'g self) -> MmLockSeqWriteGuard<'g, B> {
        // SAFETY: the required hold is borrowed for 'g, and this hold ends with it.
        unsafe { B::acquire(LockId::MmLockSeq, ModeId::Write, Some(self.owner.as_raw())) };
        MmLockSeqWriteGuard::new(self.owner)
    }
}

// SAFETY: `mm_lock_seq_needs_mmap_write`: mm_lock_seq.write requires mmap_lock.write, which `MmapLockWriteGuard` holds.
unsafe impl<'a, B: Backend> RequiresHeld<MmapLockWriteGuard<'a, B>> for MmLockSeqWriteGuard<'a, B> {}

impl<B: Backend> VmAreaStruct<B> {
    /// Read-locks a VMA while the caller holds the mmap lock (read or write); it cannot fail on
    /// contention, only on reference-count overflow, so the result must still be checked. Used
    /// to keep a VMA locked after dropping the mmap lock.
    ///
    /// Spec: `vma_start_read_locked` (rules/locks.rules:134); source:
    /// `include/linux/mmap_lock.h`.
    #[must_use = "on `Some` the lock is held until the guard is dropped"]
    pub fn vma_start_read_locked<'c, L: LockClass>(
        &'c self,
        ctx: &'c mut Ctx<'_, L>,
    ) -> Option<(VmaLockReadGuard<'c, B>, Ctx<'c, VmaLock>)>
    where
        VmaLock: LockAfter<L>,
    {
        // SAFETY: the guard returned releases the lock exactly once.
        if unsafe { B::try_acquire(LockId::VmaLock, ModeId::Read, Some(self.as_raw())) } {
            Some((VmaLockReadGuard::new(self), ctx.next()))
        } else {
            None
        }
    }
}

impl<B: Backend> MmStruct<B> {
    /// Looks up the VMA covering the address under RCU and read-locks it; returns the locked
    /// VMA, or NULL on contention, a concurrent writer or no VMA, in which case the caller must
    /// retry under mmap_read_lock.
    ///
    /// Spec: `lock_vma_under_rcu` (rules/locks.rules:130); source: `include/linux/mmap_lock.h`.
    ///
    /// On `None` the caller falls back to `mmap_read_lock`.
    #[must_use = "on `Some` the lock is held until the guard is dropped"]
    pub fn lock_vma_under_rcu<'c, L: LockClass>(
        &'c self,
        address: u64,
        ctx: &'c mut Ctx<'_, L>,
    ) -> Option<(VmaLockReadGuard<'c, B>, Ctx<'c, VmaLock>)>
    where
        VmaLock: LockAfter<L>,
    {
        // SAFETY: on success the backend holds the lock of the instance it returns, and
        // the guard made from it releases it exactly once.
        let found = unsafe { B::try_acquire_at("lock_vma_under_rcu", self.as_raw(), address) }?;
        // SAFETY: the backend returned a live `vm_area_struct` whose lock it holds.
        let owner = unsafe { VmAreaStruct::from_raw(found) };
        Some((VmaLockReadGuard::new(owner), ctx.next()))
    }
}

impl<'a, B: Backend> MmapLockWriteGuard<'a, B> {
    /// Write-locks a VMA; the mmap lock must already be held for writing. Sleeps until current
    /// VMA readers are gone; a no-op if this VMA is already write-locked in this write section.
    ///
    /// Spec: `vma_start_write` (rules/locks.rules:138); source: `include/linux/mmap_lock.h`.
    ///
    /// Made from this `mmap_lock` write hold (relation `vma_write_needs_mmap_write`: A VMA
    /// write lock can only be taken by a task that already holds the mmap lock of the VMA's mm
    /// for writing. `vma_start_write` asserts it.); it borrows this guard, so it ends before it
    /// does.
    ///
    /// # Panics
    ///
    /// When `vma` does not belong to this guard's `mm_struct`.
    pub fn vma_start_write<'g, L: LockClass>(
        &'g self,
        vma: &'g VmAreaStruct<B>,
        ctx: &'g mut Ctx<'_, L>,
    ) -> (VmaLockWriteGuard<'g, B>, Ctx<'g, VmaLock>)
    where
        VmaLock: LockAfter<L>,
    {
        let same = vma.mm().map(|x| x.as_raw());
        assert!(
            same == Some(self.owner.as_raw()),
            "vma_write_needs_mmap_write: the mmap_lock guard is for another mm_struct"
        );
        // SAFETY: the required hold is borrowed for 'g, and this hold ends with it.
        unsafe { B::acquire(LockId::VmaLock, ModeId::Write, Some(vma.as_raw())) };
        (VmaLockWriteGuard::new(vma), ctx.next())
    }
}

// SAFETY: `vma_write_needs_mmap_write`: vma_lock.write requires mmap_lock.write, which `MmapLockWriteGuard` holds.
unsafe impl<'a, B: Backend> RequiresHeld<MmapLockWriteGuard<'a, B>> for VmaLockWriteGuard<'a, B> {}

impl<B: Backend> AnonVma<B> {
    /// Read-locks the root rwsem of the anon_vma.
    ///
    /// Spec: `anon_vma_lock_read` (rules/locks.rules:186); source: `mm/internal.h`.
    pub fn anon_vma_lock_read<'c, L: LockClass>(
        &'c self,
        ctx: &'c mut Ctx<'_, L>,
    ) -> (AnonVmaLockReadGuard<'c, B>, Ctx<'c, AnonVmaLock>)
    where
        AnonVmaLock: LockAfter<L>,
    {
        // SAFETY: the guard returned releases the lock exactly once.
        unsafe { B::acquire(LockId::AnonVmaLock, ModeId::Read, Some(self.as_raw())) };
        (AnonVmaLockReadGuard::new(self), ctx.next())
    }
}

impl<B: Backend> AnonVma<B> {
    /// Write-locks the root rwsem of the anon_vma.
    ///
    /// Spec: `anon_vma_lock_write` (rules/locks.rules:187); source: `mm/internal.h`.
    pub fn anon_vma_lock_write<'c, L: LockClass>(
        &'c self,
        ctx: &'c mut Ctx<'_, L>,
    ) -> (AnonVmaLockWriteGuard<'c, B>, Ctx<'c, AnonVmaLock>)
    where
        AnonVmaLock: LockAfter<L>,
    {
        // SAFETY: the guard returned releases the lock exactly once.
        unsafe { B::acquire(LockId::AnonVmaLock, ModeId::Write, Some(self.as_raw())) };
        (AnonVmaLockWriteGuard::new(self), ctx.next())
    }
}

impl<B: Backend> AddressSpace<B> {
    /// Read-locks the mapping's i_mmap_rwsem.
    ///
    /// Spec: `i_mmap_lock_read` (rules/locks.rules:208); source: `include/linux/fs.h`.
    pub fn i_mmap_lock_read<'c, L: LockClass>(
        &'c self,
        ctx: &'c mut Ctx<'_, L>,
    ) -> (IMmapLockReadGuard<'c, B>, Ctx<'c, IMmapLock>)
    where
        IMmapLock: LockAfter<L>,
    {
        // SAFETY: the guard returned releases the lock exactly once.
        unsafe { B::acquire(LockId::IMmapLock, ModeId::Read, Some(self.as_raw())) };
        (IMmapLockReadGuard::new(self), ctx.next())
    }
}

impl<B: Backend> AddressSpace<B> {
    /// Write-locks the mapping's i_mmap_rwsem.
    ///
    /// Spec: `i_mmap_lock_write` (rules/locks.rules:209); source: `include/linux/fs.h`.
    pub fn i_mmap_lock_write<'c, L: LockClass>(
        &'c self,
        ctx: &'c mut Ctx<'_, L>,
    ) -> (IMmapLockWriteGuard<'c, B>, Ctx<'c, IMmapLock>)
    where
        IMmapLock: LockAfter<L>,
    {
        // SAFETY: the guard returned releases the lock exactly once.
        unsafe { B::acquire(LockId::IMmapLock, ModeId::Write, Some(self.as_raw())) };
        (IMmapLockWriteGuard::new(self), ctx.next())
    }
}

impl<B: Backend> MmStruct<B> {
    /// Generic spin lock; for this class the argument is &mm->page_table_lock.
    ///
    /// Spec: `spin_lock` (rules/locks.rules:246); source: `include/linux/mm_types.h`.
    pub fn spin_lock<'c, L: LockClass>(
        &'c self,
        ctx: &'c mut Ctx<'_, L>,
    ) -> (PageTableLockHeldGuard<'c, B>, Ctx<'c, PageTableLock>)
    where
        PageTableLock: LockAfter<L>,
    {
        // SAFETY: the guard returned releases the lock exactly once.
        unsafe { B::acquire(LockId::PageTableLock, ModeId::Held, Some(self.as_raw())) };
        (PageTableLockHeldGuard::new(self), ctx.next())
    }
}

impl<B: Backend> PmdTable<B> {
    /// Finds the lock of the PMD table (pmd_lockptr), takes it and returns it.
    ///
    /// Spec: `pmd_lock` (rules/locks.rules:283); source: `include/linux/mm.h`.
    pub fn pmd_lock<'c, L: LockClass>(
        &'c self,
        ctx: &'c mut Ctx<'_, L>,
    ) -> (PmdLockHeldGuard<'c, B>, Ctx<'c, PmdLock>)
    where
        PmdLock: LockAfter<L>,
    {
        // SAFETY: the guard returned releases the lock exactly once.
        unsafe { B::acquire(LockId::PmdLock, ModeId::Held, Some(self.as_raw())) };
        (PmdLockHeldGuard::new(self), ctx.next())
    }
}

impl<B: Backend> MmStruct<B> {
    /// Walks (allocating as needed) to the PTE for an address and returns it mapped and locked.
    ///
    /// Spec: `get_locked_pte` (rules/locks.rules:329); source: `mm/pgtable-generic.c`.
    #[must_use = "on `Some` the lock is held until the guard is dropped"]
    pub fn get_locked_pte<'c, L: LockClass>(
        &'c self,
        address: u64,
        ctx: &'c mut Ctx<'_, L>,
    ) -> Option<(PteLockHeldGuard<'c, B>, Ctx<'c, PteLock>)>
    where
        PteLock: LockAfter<L>,
    {
        // SAFETY: on success the backend holds the lock of the instance it returns, and
        // the guard made from it releases it exactly once.
        let found = unsafe { B::try_acquire_at("get_locked_pte", self.as_raw(), address) }?;
        // SAFETY: the backend returned a live `pte_table` whose lock it holds.
        let owner = unsafe { PteTable::from_raw(found) };
        Some((PteLockHeldGuard::new(owner), ctx.next()))
    }
}

/// Enters an RCU read-side critical section.
///
/// Spec: `rcu_read_lock` (rules/locks.rules:360); source: `include/linux/rcupdate.h`.
pub fn rcu_read_lock<'c, B: Backend>() -> RcuReadGuard<'c, B> {
    // SAFETY: the guard returned releases the lock exactly once.
    unsafe { B::acquire(LockId::Rcu, ModeId::Read, None) };
    RcuReadGuard::new()
}

impl<B: Backend> MmStruct<B> {
    /// Samples the count at the start of a GUP-fast pin walk (gup_fast in v7.0's mm/gup.c);
    /// false when the count is odd, i.e. fork is write-protecting, and GUP-fast then gives up.
    ///
    /// Spec: `raw_seqcount_try_begin` (rules/locks.rules:387); source: `mm/gup.c`.
    #[must_use = "on `Some` the lock is held until the guard is dropped"]
    pub fn raw_seqcount_try_begin<'c>(&'c self) -> Option<WriteProtectSeqReadGuard<'c, B>> {
        // SAFETY: the guard returned releases the lock exactly once.
        if unsafe { B::try_acquire(LockId::WriteProtectSeq, ModeId::Read, Some(self.as_raw())) } {
            Some(WriteProtectSeqReadGuard::new(self))
        } else {
            None
        }
    }
}

impl<'a, B: Backend> MmapLockWriteGuard<'a, B> {
    /// Opens the fork write-protect section (copy_page_range).
    ///
    /// Spec: `raw_write_seqcount_begin` (rules/locks.rules:385); source: `mm/gup.c`.
    ///
    /// Made from this `mmap_lock` write hold (relation `write_protect_seq_needs_mmap_write`:
    /// Fork opens the `write_protect_seq` writer section on the parent mm only while holding
    /// that mm's mmap lock for writing (`dup_mmap` takes it; in v7.0 `copy_page_range` asserts
    /// the source VMA's write lock, which needs it), which is what keeps writers of the count
    /// from racing each other.).
    pub fn raw_write_seqcount_begin<'g>(&'g self) -> WriteProtectSeqWriteGuard<'g, B> {
        // SAFETY: the required hold is borrowed for 'g; the guard releases this one.
        unsafe { B::acquire(LockId::WriteProtectSeq, ModeId::Write, Some(self.owner.as_raw())) };
        WriteProtectSeqWriteGuard::new(self.owner)
    }
}

// SAFETY: `write_protect_seq_needs_mmap_write`: write_protect_seq.write requires mmap_lock.write, which `MmapLockWriteGuard` holds.
unsafe impl<'a, B: Backend> RequiresHeld<MmapLockWriteGuard<'a, B>>
    for WriteProtectSeqWriteGuard<'a, B>
{
}
