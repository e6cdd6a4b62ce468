//! Fields through `LockedBy`-style cells: a read needs the field's read evidence, a
//! write its write evidence, and both are checked against the cell's owner.

use core::cell::UnsafeCell;
use core::marker::PhantomData;

use crate::backend::{Backend, Instance, LinkId};
#[allow(unused_imports)]
use crate::facts;
use crate::guards::*;
#[allow(unused_imports)]
use crate::ops::{same, same_if, Conditional};

/// Evidence that allows reading field `F`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not allow reading `{F}`",
    label = "not the field's read rule",
    note = "the field's read rule: rules/objects.rules; docs: mm/objects.html"
)]
pub trait ReadEvidence<F, B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the field's object.
    fn check(&self, roles: &[Instance]) -> bool;
}

/// Evidence that allows writing field `F`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not allow writing `{F}`",
    label = "not the field's write rule",
    note = "the field's write rule: rules/objects.rules; docs: mm/objects.html"
)]
pub trait WriteEvidence<F, B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the field's object.
    fn check(&self, roles: &[Instance]) -> bool;
}

/// A field value guarded by the spec's rules for field `F` of the object `owner`.
///
/// # Invariants
///
/// The value is only read with [`ReadEvidence`] and only written with [`WriteEvidence`]
/// of locks of `owner`, which the spec's rules make exclusive of each other.
pub struct LockedBy<T, F> {
    owner: Instance,
    value: UnsafeCell<T>,
    _field: PhantomData<fn() -> F>,
}

// SAFETY: every access goes through evidence of the field's rules on `owner`, which
// exclude a writer from every other access.
unsafe impl<T: Send, F> Sync for LockedBy<T, F> {}
// SAFETY: the cell owns its value.
unsafe impl<T: Send, F> Send for LockedBy<T, F> {}

impl<T: Copy, F> LockedBy<T, F> {
    /// A value of field `F` of the object at `owner`.
    pub const fn new(owner: Instance, value: T) -> Self {
        LockedBy { owner, value: UnsafeCell::new(value), _field: PhantomData }
    }

    /// Reads the value under the field's read rule.
    ///
    /// # Panics
    ///
    /// When the evidence is for another object than the owner.
    pub fn get<B: Backend, E: ReadEvidence<F, B>>(&self, ev: E) -> T {
        assert!(ev.check(&[self.owner]), "evidence for another object");
        // SAFETY: the read rule holds on the owner, which excludes every writer.
        unsafe { *self.value.get() }
    }

    /// Writes the value under the field's write rule.
    ///
    /// # Panics
    ///
    /// When the evidence is for another object than the owner.
    pub fn set<B: Backend, E: WriteEvidence<F, B>>(&self, ev: E, value: T) {
        assert!(ev.check(&[self.owner]), "evidence for another object");
        // SAFETY: the write rule holds on the owner, which excludes every other access.
        unsafe { *self.value.get() = value }
    }
}

/// Field `mm_struct.mm_mt`: The maple tree holding every VMA of the mm, keyed by address range.
/// Its nodes are freed through RCU, so lookups may run under RCU alone (this is what
/// `lock_vma_under_rcu` relies on); a VMA found that way is not stable until it has been locked
/// and rechecked. Changing the tree's shape (adding, removing, resizing VMAs) takes the mmap
/// write lock.
///
/// Spec: `mm_mt` (rules/objects.rules:25); source: `include/linux/mm_types.h`.
pub enum MmStructMmMt {}

// the read rule of `mm_struct.mm_mt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<MmStructMmMt, B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `mm_struct.mm_mt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<MmStructMmMt, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `mm_struct.mm_mt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<MmStructMmMt, B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `mm_struct.mm_mt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<MmStructMmMt, B> for &'e0 RcuReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, _roles: &[Instance]) -> bool {
        true
    }
}

// the write rule of `mm_struct.mm_mt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<MmStructMmMt, B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// Field `mm_struct.map_count`: The number of VMAs in the mm; changed when VMAs are added,
/// split, merged or removed.
///
/// Spec: `map_count` (rules/objects.rules:39); source: `include/linux/mm_types.h`.
pub enum MmStructMapCount {}

// the read rule of `mm_struct.map_count`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<MmStructMapCount, B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `mm_struct.map_count`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<MmStructMapCount, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `mm_struct.map_count`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<MmStructMapCount, B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the write rule of `mm_struct.map_count`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<MmStructMapCount, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// Field `mm_struct.mm_lock_seq`: The mm half of the VMA lock (see the `mm_lock_seq` lock
/// class). Only changed with release ordering by the holder of the mmap write lock (at write
/// lock and at `vma_end_write_all`); the holder may read it plainly, anyone else samples it
/// with acquire ordering and must treat the value as a hint to be revalidated.
///
/// Spec: `mm_lock_seq` (rules/objects.rules:47); source: `include/linux/mm_types.h`.
pub enum MmStructMmLockSeq {}

// the write rule of `mm_struct.mm_lock_seq`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<MmStructMmLockSeq, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// Field `mm_struct.write_protect_seq`: The fork write-protect sequence count (see the
/// `write_protect_seq` lock class). Written only by fork under the mmap write lock; sampled
/// locklessly by GUP-fast when it pins pages.
///
/// Spec: `write_protect_seq` (rules/objects.rules:74); source: `include/linux/mm_types.h`.
pub enum MmStructWriteProtectSeq {}

// the write rule of `mm_struct.write_protect_seq`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> WriteEvidence<MmStructWriteProtectSeq, B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 WriteProtectSeqWriteGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[]) && same::<B>(self.1.instance(), roles[0], &[])
    }
}

/// Field `mm_struct.mmlist`: Links the mm into the global list of mms that may hold swap
/// entries, so swapoff can find them. Protected by the global `mmlist_lock`.
///
/// Spec: `mmlist` (rules/objects.rules:86); source: `include/linux/mm_types.h`.
pub enum MmStructMmlist {}

/// Field `mm_struct.pmd_huge_pte`: Page tables deposited for later splitting of huge PMDs
/// (`pgtable_trans_huge_deposit` and `_withdraw`), when PMD locks are not split. With split PMD
/// locks each PMD table keeps its own list and the PMD lock protects it instead; either way the
/// lock asserted is the one `pmd_lockptr` returns, which is `page_table_lock` here.
///
/// Spec: `pmd_huge_pte` (rules/objects.rules:97); source: `mm/pgtable-generic.c`.
pub enum MmStructPmdHugePte {}

// the read rule of `mm_struct.pmd_huge_pte`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<MmStructPmdHugePte, B>
    for &'e0 PageTableLockHeldGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the write rule of `mm_struct.pmd_huge_pte`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<MmStructPmdHugePte, B>
    for &'e0 PageTableLockHeldGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// Field `mm_struct.pgd`: The top-level page table. Allocated when the mm is created and never
/// replaced; its entries are changed under `page_table_lock`.
///
/// Spec: `pgd` (rules/objects.rules:111); source: `kernel/fork.c`.
pub enum MmStructPgd {}

/// Field `vm_area_struct.vm_start`: The first address the VMA covers (inclusive).
///
/// Spec: `vm_start` (rules/objects.rules:155); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructVmStart {}

// the read rule of `vm_area_struct.vm_start`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmStart, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_start`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmStart, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_start`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmStart, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_start`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmStart, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_start`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmStart, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_start`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmStart, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_start`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmStart, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_start`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmStart, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_start`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmStart, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.vm_start`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, 'e2, 'e2a, 'e3, 'e3a, B: Backend> WriteEvidence<VmAreaStructVmStart, B>
    for (
        Conditional<&'e0 AnonVmaLockWriteGuard<'e0a, B>, facts::HasAnonVma>,
        Conditional<&'e1 IMmapLockWriteGuard<'e1a, B>, facts::FileBacked>,
        &'e2 MmapLockWriteGuard<'e2a, B>,
        &'e3 VmaLockWriteGuard<'e3a, B>,
    )
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same_if::<B, _, _>(&self.0, roles[0], &[LinkId::VmAreaStructAnonVma])
            && same_if::<B, _, _>(&self.1, roles[0], &[LinkId::VmAreaStructMapping])
            && same::<B>(self.2.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.3.instance(), roles[0], &[])
    }
}

/// Field `vm_area_struct.vm_end`: The first address past the VMA (exclusive).
///
/// Spec: `vm_end` (rules/objects.rules:163); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructVmEnd {}

// the read rule of `vm_area_struct.vm_end`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmEnd, B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_end`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmEnd, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_end`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmEnd, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_end`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmEnd, B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_end`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmEnd, B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_end`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmEnd, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_end`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmEnd, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_end`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmEnd, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_end`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmEnd, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.vm_end`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, 'e2, 'e2a, 'e3, 'e3a, B: Backend> WriteEvidence<VmAreaStructVmEnd, B>
    for (
        Conditional<&'e0 AnonVmaLockWriteGuard<'e0a, B>, facts::HasAnonVma>,
        Conditional<&'e1 IMmapLockWriteGuard<'e1a, B>, facts::FileBacked>,
        &'e2 MmapLockWriteGuard<'e2a, B>,
        &'e3 VmaLockWriteGuard<'e3a, B>,
    )
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same_if::<B, _, _>(&self.0, roles[0], &[LinkId::VmAreaStructAnonVma])
            && same_if::<B, _, _>(&self.1, roles[0], &[LinkId::VmAreaStructMapping])
            && same::<B>(self.2.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.3.instance(), roles[0], &[])
    }
}

/// Field `vm_area_struct.vm_pgoff`: The offset, in pages, that `vm_start` corresponds to: the
/// offset into the mapped file; for anonymous memory, the page offset of the original address
/// before any `mremap()`; for a PFN mapping on an architecture without
/// `CONFIG_ARCH_HAS_PTE_SPECIAL`, the first PFN.
///
/// Spec: `vm_pgoff` (rules/objects.rules:171); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructVmPgoff {}

// the read rule of `vm_area_struct.vm_pgoff`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPgoff, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_pgoff`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPgoff, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_pgoff`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPgoff, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_pgoff`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPgoff, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_pgoff`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPgoff, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_pgoff`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPgoff, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_pgoff`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPgoff, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_pgoff`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPgoff, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_pgoff`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPgoff, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.vm_pgoff`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, 'e2, 'e2a, 'e3, 'e3a, B: Backend> WriteEvidence<VmAreaStructVmPgoff, B>
    for (
        Conditional<&'e0 AnonVmaLockWriteGuard<'e0a, B>, facts::HasAnonVma>,
        Conditional<&'e1 IMmapLockWriteGuard<'e1a, B>, facts::FileBacked>,
        &'e2 MmapLockWriteGuard<'e2a, B>,
        &'e3 VmaLockWriteGuard<'e3a, B>,
    )
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same_if::<B, _, _>(&self.0, roles[0], &[LinkId::VmAreaStructAnonVma])
            && same_if::<B, _, _>(&self.1, roles[0], &[LinkId::VmAreaStructMapping])
            && same::<B>(self.2.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.3.instance(), roles[0], &[])
    }
}

/// Field `vm_area_struct.vm_mm`: The mm the VMA belongs to. Set once when the VMA is created
/// and never changed. It is one of the two fields an *unstable* RCU reader may look at: because
/// VMAs are freed with `SLAB_TYPESAFE_BY_RCU`, `lock_vma_under_rcu` checks that the VMA it just
/// reference-counted still belongs to the expected mm.
///
/// Spec: `vm_mm` (rules/objects.rules:192); source: `include/linux/mm_types.h`.
pub enum VmAreaStructVmMm {}

// the read rule of `vm_area_struct.vm_mm`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmMm, B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_mm`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmMm, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_mm`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmMm, B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_mm`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmMm, B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_mm`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmMm, B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_mm`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmMm, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_mm`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmMm, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_mm`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmMm, B> for &'e0 IMmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_mm`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmMm, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_mm`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmMm, B> for &'e0 RcuReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, _roles: &[Instance]) -> bool {
        true
    }
}

/// Field `vm_area_struct.vm_page_prot`: The architecture's page-table protection bits, derived
/// from the VMA flags.
///
/// Spec: `vm_page_prot` (rules/objects.rules:205); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructVmPageProt {}

// the read rule of `vm_area_struct.vm_page_prot`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPageProt, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_page_prot`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPageProt, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_page_prot`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPageProt, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_page_prot`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPageProt, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_page_prot`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPageProt, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_page_prot`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPageProt, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_page_prot`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPageProt, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_page_prot`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPageProt, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_page_prot`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPageProt, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.vm_page_prot`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> WriteEvidence<VmAreaStructVmPageProt, B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 VmaLockWriteGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.1.instance(), roles[0], &[])
    }
}

/// Field `vm_area_struct.vm_flags`: Read-only view of the VMA flags (`const vm_flags_t`), in a
/// union with the writable `flags`. It is never written through this name ("N/A" in the docs);
/// every change goes through the helpers that write `flags` under that field's rules.
///
/// Spec: `vm_flags` (rules/objects.rules:213); source: `include/linux/mm_types.h`.
pub enum VmAreaStructVmFlags {}

// the read rule of `vm_area_struct.vm_flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFlags, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFlags, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFlags, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFlags, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFlags, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFlags, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFlags, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFlags, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFlags, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

/// Field `vm_area_struct.flags`: The writable view of the VMA flags (`__vm_flags` in the
/// document), a `vma_flags_t` bitmap.
///
/// Spec: `flags` (rules/objects.rules:225); source: `include/linux/mm.h`.
pub enum VmAreaStructFlags {}

// the read rule of `vm_area_struct.flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructFlags, B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructFlags, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructFlags, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructFlags, B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructFlags, B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructFlags, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructFlags, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructFlags, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.flags`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructFlags, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

/// Field `vm_area_struct.vm_file`: The mapped `struct file`, or `NULL` for anonymous memory.
/// Set once at initial map, before the VMA becomes visible.
///
/// Spec: `vm_file` (rules/objects.rules:254); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructVmFile {}

// the read rule of `vm_area_struct.vm_file`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFile, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_file`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFile, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_file`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFile, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_file`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFile, B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_file`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFile, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_file`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFile, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_file`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFile, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_file`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFile, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_file`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmFile, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

/// Field `vm_area_struct.vm_ops`: The `struct vm_operations_struct` callbacks of a file or
/// driver mapping (`NULL` for anonymous memory). Set once at initial map, by the file's
/// `f_op->mmap()` (or `mmap_prepare`) hook.
///
/// Spec: `vm_ops` (rules/objects.rules:265); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructVmOps {}

// the read rule of `vm_area_struct.vm_ops`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmOps, B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_ops`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmOps, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_ops`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmOps, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_ops`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmOps, B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_ops`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmOps, B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_ops`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmOps, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_ops`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmOps, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_ops`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmOps, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_ops`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmOps, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

/// Field `vm_area_struct.anon_name`: A reference-counted `struct anon_vma_name` naming an
/// anonymous mapping (`prctl(PR_SET_VMA_ANON_NAME)`), or `NULL` when unnamed or file-backed.
/// One name object may be shared by many VMAs.
///
/// Spec: `anon_name` (rules/objects.rules:291); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructAnonName {}

// the read rule of `vm_area_struct.anon_name`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonName, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.anon_name`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonName, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.anon_name`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonName, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.anon_name`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonName, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.anon_name`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonName, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.anon_name`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonName, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.anon_name`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonName, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.anon_name`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonName, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.anon_name`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonName, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.anon_name`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> WriteEvidence<VmAreaStructAnonName, B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 VmaLockWriteGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.1.instance(), roles[0], &[])
    }
}

/// Field `vm_area_struct.swap_readahead_info`: Swap readahead state (window and hit count) of
/// the VMA. It is only accessed with atomic operations; the docs list "mmap read, swap-specific
/// lock" as what a writer needs, the swap-specific part being those atomics.
///
/// Spec: `swap_readahead_info` (rules/objects.rules:304); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructSwapReadaheadInfo {}

// the read rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSwapReadaheadInfo, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSwapReadaheadInfo, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSwapReadaheadInfo, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSwapReadaheadInfo, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSwapReadaheadInfo, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSwapReadaheadInfo, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSwapReadaheadInfo, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSwapReadaheadInfo, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSwapReadaheadInfo, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, B: Backend> WriteEvidence<VmAreaStructSwapReadaheadInfo, B>
    for (&'e0 MmapLockReadGuard<'e0a, B>, &'e1 facts::SwapRaAtomic)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the write rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, B: Backend> WriteEvidence<VmAreaStructSwapReadaheadInfo, B>
    for (&'e0 MmapLockDowngradedGuard<'e0a, B>, &'e1 facts::SwapRaAtomic)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the write rule of `vm_area_struct.swap_readahead_info`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, B: Backend> WriteEvidence<VmAreaStructSwapReadaheadInfo, B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 facts::SwapRaAtomic)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

/// Field `vm_area_struct.vm_policy`: The reference-counted `mempolicy` that sets the VMA's NUMA
/// placement.
///
/// Spec: `vm_policy` (rules/objects.rules:321); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructVmPolicy {}

// the read rule of `vm_area_struct.vm_policy`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPolicy, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_policy`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPolicy, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_policy`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPolicy, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_policy`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPolicy, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_policy`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPolicy, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_policy`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPolicy, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_policy`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPolicy, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_policy`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPolicy, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_policy`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmPolicy, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.vm_policy`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> WriteEvidence<VmAreaStructVmPolicy, B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 VmaLockWriteGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.1.instance(), roles[0], &[])
    }
}

/// Field `vm_area_struct.numab_state`: NUMA-balancing scan state of the VMA
/// (`vma_numab_state`). Updated by `task_numa_work` with only the mmap read lock held;
/// concurrent updaters are kept apart because only the task that won this period's scan may run
/// it.
///
/// Spec: `numab_state` (rules/objects.rules:330); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructNumabState {}

// the read rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructNumabState, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructNumabState, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructNumabState, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructNumabState, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructNumabState, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructNumabState, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructNumabState, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructNumabState, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructNumabState, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, B: Backend> WriteEvidence<VmAreaStructNumabState, B>
    for (&'e0 MmapLockReadGuard<'e0a, B>, &'e1 facts::NumabScanOwner)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the write rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, B: Backend> WriteEvidence<VmAreaStructNumabState, B>
    for (&'e0 MmapLockDowngradedGuard<'e0a, B>, &'e1 facts::NumabScanOwner)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the write rule of `vm_area_struct.numab_state`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, B: Backend> WriteEvidence<VmAreaStructNumabState, B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 facts::NumabScanOwner)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

/// Field `vm_area_struct.vm_userfaultfd_ctx`: The userfaultfd context of the VMA: a wrapper
/// that is empty when userfaultfd is not configured and otherwise points at the
/// `userfaultfd_ctx` registered for the range.
///
/// Spec: `vm_userfaultfd_ctx` (rules/objects.rules:343); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructVmUserfaultfdCtx {}

// the read rule of `vm_area_struct.vm_userfaultfd_ctx`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmUserfaultfdCtx, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_userfaultfd_ctx`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmUserfaultfdCtx, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_userfaultfd_ctx`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmUserfaultfdCtx, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_userfaultfd_ctx`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmUserfaultfdCtx, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_userfaultfd_ctx`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmUserfaultfdCtx, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_userfaultfd_ctx`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmUserfaultfdCtx, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_userfaultfd_ctx`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmUserfaultfdCtx, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_userfaultfd_ctx`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmUserfaultfdCtx, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_userfaultfd_ctx`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmUserfaultfdCtx, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.vm_userfaultfd_ctx`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> WriteEvidence<VmAreaStructVmUserfaultfdCtx, B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 VmaLockWriteGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.1.instance(), roles[0], &[])
    }
}

/// Field `vm_area_struct.shared_rb`: `shared.rb`: the node that links a file-backed VMA into
/// the `mapping->i_mmap` interval tree. (Spelled `shared_rb` here because identifiers cannot
/// contain a dot.)
///
/// Spec: `shared_rb` (rules/objects.rules:362); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructSharedRb {}

// the read rule of `vm_area_struct.shared_rb`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRb, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.shared_rb`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRb, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.shared_rb`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRb, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.shared_rb`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRb, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.shared_rb`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRb, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.shared_rb`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRb, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.shared_rb`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRb, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.shared_rb`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRb, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.shared_rb`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRb, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.shared_rb`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, 'e2, 'e2a, B: Backend> WriteEvidence<VmAreaStructSharedRb, B>
    for (
        &'e0 IMmapLockWriteGuard<'e0a, B>,
        &'e1 MmapLockWriteGuard<'e1a, B>,
        &'e2 VmaLockWriteGuard<'e2a, B>,
    )
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMapping])
            && same::<B>(self.1.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.2.instance(), roles[0], &[])
    }
}

/// Field `vm_area_struct.shared_rb_subtree_last`: `shared.rb_subtree_last`: interval-tree
/// bookkeeping (the largest end address in the subtree) for a file-backed VMA's node in
/// `mapping->i_mmap`.
///
/// Spec: `shared_rb_subtree_last` (rules/objects.rules:374); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructSharedRbSubtreeLast {}

// the read rule of `vm_area_struct.shared_rb_subtree_last`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRbSubtreeLast, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.shared_rb_subtree_last`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRbSubtreeLast, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.shared_rb_subtree_last`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRbSubtreeLast, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.shared_rb_subtree_last`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRbSubtreeLast, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.shared_rb_subtree_last`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRbSubtreeLast, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.shared_rb_subtree_last`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRbSubtreeLast, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.shared_rb_subtree_last`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRbSubtreeLast, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.shared_rb_subtree_last`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRbSubtreeLast, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.shared_rb_subtree_last`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructSharedRbSubtreeLast, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.shared_rb_subtree_last`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, 'e2, 'e2a, B: Backend> WriteEvidence<VmAreaStructSharedRbSubtreeLast, B>
    for (
        &'e0 IMmapLockWriteGuard<'e0a, B>,
        &'e1 MmapLockWriteGuard<'e1a, B>,
        &'e2 VmaLockWriteGuard<'e2a, B>,
    )
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMapping])
            && same::<B>(self.1.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.2.instance(), roles[0], &[])
    }
}

/// Field `vm_area_struct.anon_vma_chain`: The list of `struct anon_vma_chain` links that
/// connect the VMA to every anon_vma it may hold pages of: those inherited through fork and
/// copy-on-write, and its own `vma->anon_vma` if set.
///
/// Spec: `anon_vma_chain` (rules/objects.rules:385); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructAnonVmaChain {}

// the read rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVmaChain, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVmaChain, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVmaChain, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVmaChain, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVmaChain, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVmaChain, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVmaChain, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVmaChain, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVmaChain, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the write rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> WriteEvidence<VmAreaStructAnonVmaChain, B>
    for (&'e0 AnonVmaLockWriteGuard<'e0a, B>, &'e1 MmapLockReadGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
            && same::<B>(self.1.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the write rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> WriteEvidence<VmAreaStructAnonVmaChain, B>
    for (&'e0 AnonVmaLockWriteGuard<'e0a, B>, &'e1 MmapLockDowngradedGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
            && same::<B>(self.1.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the write rule of `vm_area_struct.anon_vma_chain`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> WriteEvidence<VmAreaStructAnonVmaChain, B>
    for (&'e0 AnonVmaLockWriteGuard<'e0a, B>, &'e1 MmapLockWriteGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
            && same::<B>(self.1.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

/// Field `vm_area_struct.anon_vma`: The anon_vma in which anonymous folios mapped only by this
/// VMA are filed. It is set lazily, by `anon_vma_prepare`, when the first anonymous page is
/// faulted in.
///
/// Spec: `anon_vma` (rules/objects.rules:404); source:
/// `Documentation/mm/process_addrs.rst#vma-fields`.
pub enum VmAreaStructAnonVma {}

// the read rule of `vm_area_struct.anon_vma`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVma, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.anon_vma`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVma, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.anon_vma`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVma, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.anon_vma`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVma, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.anon_vma`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVma, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.anon_vma`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVma, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.anon_vma`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVma, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.anon_vma`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVma, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.anon_vma`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructAnonVma, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

/// Field `vm_area_struct.vm_lock_seq`: The VMA half of the VMA lock: equal to `mm->mm_lock_seq`
/// exactly while the VMA is write-locked. Written (`WRITE_ONCE`) only by the mmap write-lock
/// holder while it has excluded VMA readers, i.e. while taking the VMA write lock. It can be
/// read reliably under the mmap lock in any mode or while holding a VMA lock; under RCU alone
/// it may be read (`READ_ONCE`) only as an early, pessimistic bail-out hint. Wrapping around is
/// allowed and costs at most an unnecessary slow path.
///
/// Spec: `vm_lock_seq` (rules/objects.rules:463); source: `include/linux/mm_types.h`.
pub enum VmAreaStructVmLockSeq {}

// the read rule of `vm_area_struct.vm_lock_seq`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmLockSeq, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_lock_seq`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmLockSeq, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_lock_seq`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmLockSeq, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_lock_seq`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmLockSeq, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_lock_seq`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmLockSeq, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_lock_seq`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmLockSeq, B> for &'e0 RcuReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, _roles: &[Instance]) -> bool {
        true
    }
}

// the write rule of `vm_area_struct.vm_lock_seq`, `(unnamed)`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> WriteEvidence<VmAreaStructVmLockSeq, B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 VmaLockWriteGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.1.instance(), roles[0], &[])
    }
}

/// Field `vm_area_struct.vm_refcnt`: The reference count behind VMA read locks and attachment:
/// zero while the VMA is detached, one more than its number of readers while attached, with a
/// flag that keeps new readers out while a writer or a detacher waits.
///
/// Spec: `vm_refcnt` (rules/objects.rules:479); source: `include/linux/mm_types.h`.
pub enum VmAreaStructVmRefcnt {}

// the read rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 MmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// the read rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// the read rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// the read rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<VmAreaStructVmRefcnt, B> for &'e0 RcuReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, _roles: &[Instance]) -> bool {
        true
    }
}

// the write rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<VmAreaStructVmRefcnt, B> for &'e0 RcuReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, _roles: &[Instance]) -> bool {
        true
    }
}

// the write rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 VmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the write rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 VmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the write rule of `vm_area_struct.vm_refcnt`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<VmAreaStructVmRefcnt, B>
    for &'e0 MmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

/// Field `anon_vma.rb_root`: The interval tree of anon_vma_chain entries, i.e. of the VMAs
/// reachable from this anon_vma.
///
/// Spec: `rb_root` (rules/objects.rules:529); source: `include/linux/rmap.h`.
pub enum AnonVmaRbRoot {}

// the read rule of `anon_vma.rb_root`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<AnonVmaRbRoot, B> for &'e0 AnonVmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `anon_vma.rb_root`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<AnonVmaRbRoot, B> for &'e0 AnonVmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the write rule of `anon_vma.rb_root`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<AnonVmaRbRoot, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// Field `anon_vma.num_children`: How many anon_vmas name this one as parent; used to decide
/// whether fork may reuse it.
///
/// Spec: `num_children` (rules/objects.rules:537); source: `include/linux/rmap.h`.
pub enum AnonVmaNumChildren {}

// the read rule of `anon_vma.num_children`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<AnonVmaNumChildren, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `anon_vma.num_children`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<AnonVmaNumChildren, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the write rule of `anon_vma.num_children`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<AnonVmaNumChildren, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// Field `anon_vma.num_active_vmas`: How many VMAs have this anon_vma as their `vma->anon_vma`.
///
/// Spec: `num_active_vmas` (rules/objects.rules:545); source: `include/linux/rmap.h`.
pub enum AnonVmaNumActiveVmas {}

// the read rule of `anon_vma.num_active_vmas`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<AnonVmaNumActiveVmas, B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `anon_vma.num_active_vmas`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<AnonVmaNumActiveVmas, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the write rule of `anon_vma.num_active_vmas`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<AnonVmaNumActiveVmas, B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// Field `anon_vma.root`: The root of this anon_vma's tree, whose rwsem is the lock for every
/// member. Set when the anon_vma is allocated (or, on fork, before it is linked anywhere) and
/// never changed afterwards.
///
/// Spec: `root` (rules/objects.rules:553); source: `mm/rmap.c`.
pub enum AnonVmaRoot {}

/// Field `address_space.i_mmap`: The interval tree of every VMA that maps this file (through
/// `vma->shared.rb`).
///
/// Spec: `i_mmap` (rules/objects.rules:577); source: `include/linux/fs.h`.
pub enum AddressSpaceIMmap {}

// the read rule of `address_space.i_mmap`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<AddressSpaceIMmap, B>
    for &'e0 IMmapLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the read rule of `address_space.i_mmap`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReadEvidence<AddressSpaceIMmap, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// the write rule of `address_space.i_mmap`, `(unnamed)`.
impl<'e0, 'e0a, B: Backend> WriteEvidence<AddressSpaceIMmap, B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}
