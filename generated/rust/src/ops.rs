//! Operations take evidence: each returns a [`Permit`] only when given guards that
//! satisfy one alternative of its requirement.  Any-of requirements are traits that each
//! satisfying guard (or tuple of guards) implements; the locks every alternative shares
//! are parameters of their own; the lock sets a rule rejects implement nothing.

use core::marker::PhantomData;

use crate::backend::{Backend, Instance, LinkId};
#[allow(unused_imports)]
use crate::facts;
use crate::guards::*;
use crate::objects::*;

/// Proof that an operation's requirement was met, for as long as the evidence is borrowed.
pub struct Permit<'g, Op> {
    alternative: &'static str,
    _op: PhantomData<(&'g (), fn() -> Op, *const ())>,
}

impl<Op> Permit<'_, Op> {
    fn new(alternative: &'static str) -> Self {
        Permit { alternative, _op: PhantomData }
    }

    /// The spec's label of the alternative the evidence met ("" when unnamed).
    pub fn alternative(&self) -> &'static str {
        self.alternative
    }
}

/// A lock needed only when a fact holds: the guard, or the promise that the fact is false.
pub enum Conditional<G, F> {
    /// The fact may hold: the lock is held.
    Held(G),
    /// The fact does not hold, so the lock is not needed.
    NotApplicable(facts::Not<F>),
}

/// Whether `held` is the object reached from `role` through `path`.
pub fn same<B: Backend>(held: Option<Instance>, role: Instance, path: &[LinkId]) -> bool {
    let mut at = Some(role);
    for link in path {
        at = at.and_then(|x| B::follow(*link, x));
    }
    held.is_none() || held == at
}

/// [`same`] for a lock needed only when a fact holds.
pub fn same_if<B: Backend, G: Guard<B>, F>(
    held: &Conditional<&G, F>,
    role: Instance,
    path: &[LinkId],
) -> bool {
    match held {
        Conditional::Held(g) => same::<B>(g.instance(), role, path),
        Conditional::NotApplicable(_) => true,
    }
}

/// Marker of operation `traverse`: **Traversing** page tables: reading entries to find what an
/// address maps, without changing anything. Besides the VMA-stability rule of the docs, the
/// mailing-list discussion of PTE-table freeing names the distinct ways the kernel reads user
/// page tables, which this operation lists as alternatives:
pub enum Traverse {}

/// Evidence for `traverse`: one of fully_locked: mmap_lock.read (vma) & pte_lock.held (pte) |
/// fully_locked: pte_lock.held (pte) & vma_lock.read (vma) | fully_locked: anon_vma_lock.read
/// (vma) & pte_lock.held (pte) | fully_locked: i_mmap_lock.read (vma) & pte_lock.held (pte) |
/// semi_locked: mmap_lock.read (vma) & rcu.read | semi_locked: rcu.read & vma_lock.read (vma) |
/// semi_locked: anon_vma_lock.read (vma) & rcu.read | semi_locked: i_mmap_lock.read (vma) &
/// rcu.read | gup_fast: irqs_disabled.
///
/// Spec: `traverse` (rules/operations.rules:10); source:
/// `Documentation/mm/process_addrs.rst#page-tables`. Docs: `mm/operations/traverse.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `traverse`",
    label = "`traverse` needs one of: fully_locked: mmap_lock.read (vma) & pte_lock.held (pte) | fully_locked: pte_lock.held (pte) & vma_lock.read (vma) | fully_locked: anon_vma_lock.read (vma) & pte_lock.held (pte) | fully_locked: i_mmap_lock.read (vma) & pte_lock.held (pte) | semi_locked: mmap_lock.read (vma) & rcu.read | semi_locked: rcu.read & vma_lock.read (vma) | semi_locked: anon_vma_lock.read (vma) & rcu.read | semi_locked: i_mmap_lock.read (vma) & rcu.read | gup_fast: irqs_disabled",
    note = "rule `traverse` (rules/operations.rules:10); docs: mm/operations/traverse.html"
)]
pub trait TraverseEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `traverse`: `fully_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 MmapLockReadGuard<'e0a, B>, &'e1 PteLockHeldGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "fully_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.1.instance(), roles[1], &[])
    }
}

// an alternative of `traverse`: `fully_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 MmapLockDowngradedGuard<'e0a, B>, &'e1 PteLockHeldGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "fully_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.1.instance(), roles[1], &[])
    }
}

// an alternative of `traverse`: `fully_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 PteLockHeldGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "fully_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
            && same::<B>(self.1.instance(), roles[1], &[])
    }
}

// an alternative of `traverse`: `fully_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 PteLockHeldGuard<'e0a, B>, &'e1 VmaLockReadGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "fully_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[1], &[]) && same::<B>(self.1.instance(), roles[0], &[])
    }
}

// an alternative of `traverse`: `fully_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 PteLockHeldGuard<'e0a, B>, &'e1 VmaLockWriteGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "fully_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[1], &[]) && same::<B>(self.1.instance(), roles[0], &[])
    }
}

// an alternative of `traverse`: `fully_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 AnonVmaLockReadGuard<'e0a, B>, &'e1 PteLockHeldGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "fully_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
            && same::<B>(self.1.instance(), roles[1], &[])
    }
}

// an alternative of `traverse`: `fully_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 AnonVmaLockWriteGuard<'e0a, B>, &'e1 PteLockHeldGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "fully_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
            && same::<B>(self.1.instance(), roles[1], &[])
    }
}

// an alternative of `traverse`: `fully_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 IMmapLockReadGuard<'e0a, B>, &'e1 PteLockHeldGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "fully_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMapping])
            && same::<B>(self.1.instance(), roles[1], &[])
    }
}

// an alternative of `traverse`: `fully_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 IMmapLockWriteGuard<'e0a, B>, &'e1 PteLockHeldGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "fully_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMapping])
            && same::<B>(self.1.instance(), roles[1], &[])
    }
}

// an alternative of `traverse`: `semi_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 MmapLockReadGuard<'e0a, B>, &'e1 RcuReadGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "semi_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `traverse`: `semi_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 MmapLockDowngradedGuard<'e0a, B>, &'e1 RcuReadGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "semi_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `traverse`: `semi_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 RcuReadGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "semi_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `traverse`: `semi_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 RcuReadGuard<'e0a, B>, &'e1 VmaLockReadGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "semi_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.1.instance(), roles[0], &[])
    }
}

// an alternative of `traverse`: `semi_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 RcuReadGuard<'e0a, B>, &'e1 VmaLockWriteGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "semi_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.1.instance(), roles[0], &[])
    }
}

// an alternative of `traverse`: `semi_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 AnonVmaLockReadGuard<'e0a, B>, &'e1 RcuReadGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "semi_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `traverse`: `semi_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 AnonVmaLockWriteGuard<'e0a, B>, &'e1 RcuReadGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "semi_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `traverse`: `semi_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 IMmapLockReadGuard<'e0a, B>, &'e1 RcuReadGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "semi_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// an alternative of `traverse`: `semi_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> TraverseEvidence<B>
    for (&'e0 IMmapLockWriteGuard<'e0a, B>, &'e1 RcuReadGuard<'e1a, B>)
{
    const ALTERNATIVE: &'static str = "semi_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// an alternative of `traverse`: `gup_fast`.
impl<'e0, B: Backend> TraverseEvidence<B> for &'e0 facts::IrqsDisabled {
    const ALTERNATIVE: &'static str = "gup_fast";

    fn check(&self, _roles: &[Instance]) -> bool {
        true
    }
}

/// `traverse`: **Traversing** page tables: reading entries to find what an address maps,
/// without changing anything. Besides the VMA-stability rule of the docs, the mailing-list
/// discussion of PTE-table freeing names the distinct ways the kernel reads user page tables,
/// which this operation lists as alternatives:
///
/// Requirement: `any { fully_locked: stable & pte_lock@pte; semi_locked: stable & rcu;
/// gup_fast: irqs_disabled; }`.
///
/// Spec: `traverse` (rules/operations.rules:10); source:
/// `Documentation/mm/process_addrs.rst#page-tables`. Docs: `mm/operations/traverse.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_pte = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_pte.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # r_pte.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &r_pte);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// let (g2, mut c2) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c1).unwrap();
/// let permit = ops::traverse(o_vm_area_struct.as_vm_area_struct(), r_pte.as_pte_table(), (&g1, &g2));
/// assert_eq!(permit.alternative(), "fully_locked");
/// ```
pub fn traverse<'g, B: Backend, E: TraverseEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    pte: &'g PteTable<B>,
    ev: E,
) -> Permit<'g, Traverse> {
    let roles = [vma.as_raw(), pte.as_raw()];
    assert!(ev.check(&roles), "traverse: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `install`: **Installing** page-table entries: populating an empty entry,
/// or changing an existing one so that it maps something else (a different identity). Page
/// faults are the main example.
pub enum Install {}

/// Evidence for `install`: one of mmap_lock: mmap_lock.read (vma) | vma_lock: vma_lock.read
/// (vma).
///
/// Spec: `install` (rules/operations.rules:89); source:
/// `Documentation/mm/process_addrs.rst#page-table-installation`. Docs:
/// `mm/operations/install.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `install`",
    label = "`install` needs one of: mmap_lock: mmap_lock.read (vma) | vma_lock: vma_lock.read (vma)",
    note = "rule `install` (rules/operations.rules:89); docs: mm/operations/install.html"
)]
pub trait InstallEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `install`: `mmap_lock`.
impl<'e0, 'e0a, B: Backend> InstallEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mmap_lock";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `install`: `mmap_lock`.
impl<'e0, 'e0a, B: Backend> InstallEvidence<B> for &'e0 MmapLockDowngradedGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mmap_lock";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `install`: `mmap_lock`.
impl<'e0, 'e0a, B: Backend> InstallEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mmap_lock";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `install`: `vma_lock`.
impl<'e0, 'e0a, B: Backend> InstallEvidence<B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "vma_lock";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `install`: `vma_lock`.
impl<'e0, 'e0a, B: Backend> InstallEvidence<B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "vma_lock";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// `install`: **Installing** page-table entries: populating an empty entry, or changing an
/// existing one so that it maps something else (a different identity). Page faults are the main
/// example.
///
/// Requirement: `(any { mmap_lock: mmap_lock.read; vma_lock: vma_lock.read; }) &
/// (pte_lock@pte)`.
///
/// Spec: `install` (rules/operations.rules:89); source:
/// `Documentation/mm/process_addrs.rst#page-table-installation`. Docs:
/// `mm/operations/install.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_pte = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_pte.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # r_pte.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &r_pte);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// let (g2, mut c2) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c1).unwrap();
/// let permit = ops::install(o_vm_area_struct.as_vm_area_struct(), &g2, &g1);
/// assert_eq!(permit.alternative(), "mmap_lock");
/// ```
pub fn install<'g, B: Backend, E: InstallEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    pte: &'g PteLockHeldGuard<'_, B>,
    ev: E,
) -> Permit<'g, Install> {
    let roles = [vma.as_raw(), pte.object().as_raw()];
    assert!(ev.check(&roles), "install: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `alloc_upper_table`: Allocating a P4D, PUD or PMD table and linking it
/// into the empty entry above it. The VMA is held stable as for any install, and the new entry
/// is set under `mm->page_table_lock` (`__p4d_alloc`, `__pud_alloc`, `__pmd_alloc`; the last
/// goes through `pud_lock`, which is `page_table_lock` because PUD locks are not split).
pub enum AllocUpperTable {}

/// Evidence for `alloc_upper_table`: one of mmap_lock.read (vma) | vma_lock.read (vma).
///
/// Spec: `alloc_upper_table` (rules/operations.rules:122); source:
/// `Documentation/mm/process_addrs.rst#page-table-installation`. Docs:
/// `mm/operations/alloc_upper_table.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `alloc_upper_table`",
    label = "`alloc_upper_table` needs one of: mmap_lock.read (vma) | vma_lock.read (vma)",
    note = "rule `alloc_upper_table` (rules/operations.rules:122); docs: mm/operations/alloc_upper_table.html"
)]
pub trait AllocUpperTableEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `alloc_upper_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> AllocUpperTableEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `alloc_upper_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> AllocUpperTableEvidence<B> for &'e0 MmapLockDowngradedGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `alloc_upper_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> AllocUpperTableEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `alloc_upper_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> AllocUpperTableEvidence<B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `alloc_upper_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> AllocUpperTableEvidence<B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// `alloc_upper_table`: Allocating a P4D, PUD or PMD table and linking it into the empty entry
/// above it. The VMA is held stable as for any install, and the new entry is set under
/// `mm->page_table_lock` (`__p4d_alloc`, `__pud_alloc`, `__pmd_alloc`; the last goes through
/// `pud_lock`, which is `page_table_lock` because PUD locks are not split).
///
/// Requirement: `(mm_or_vma_locked) & (page_table_lock)`.
///
/// Spec: `alloc_upper_table` (rules/operations.rules:122); source:
/// `Documentation/mm/process_addrs.rst#page-table-installation`. Docs:
/// `mm/operations/alloc_upper_table.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// let (g2, mut c2) = o_mm_struct.as_mm_struct().spin_lock(&mut c1);
/// let permit = ops::alloc_upper_table(o_vm_area_struct.as_vm_area_struct(), &g2, &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn alloc_upper_table<'g, B: Backend, E: AllocUpperTableEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    vma_page_table_lock: &'g PageTableLockHeldGuard<'_, B>,
    ev: E,
) -> Permit<'g, AllocUpperTable> {
    let roles = [vma.as_raw()];
    assert!(
        same::<B>(vma_page_table_lock.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "alloc_upper_table: the page_table_lock guard is for another object"
    );
    assert!(ev.check(&roles), "alloc_upper_table: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `alloc_pte_table`: Allocating a PTE table and linking it into an empty
/// PMD entry. The PMD entry is set under the PMD lock - the split lock in the PMD table's
/// ptdesc with `CONFIG_SPLIT_PMD_PTLOCKS`, otherwise `page_table_lock` - in `pmd_install`,
/// called from `__pte_alloc`, after rechecking that the entry is still empty.
pub enum AllocPteTable {}

/// Evidence for `alloc_pte_table`: one of mmap_lock.read (vma) | vma_lock.read (vma).
///
/// Spec: `alloc_pte_table` (rules/operations.rules:142); source:
/// `Documentation/mm/process_addrs.rst#page-table-installation`. Docs:
/// `mm/operations/alloc_pte_table.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `alloc_pte_table`",
    label = "`alloc_pte_table` needs one of: mmap_lock.read (vma) | vma_lock.read (vma)",
    note = "rule `alloc_pte_table` (rules/operations.rules:142); docs: mm/operations/alloc_pte_table.html"
)]
pub trait AllocPteTableEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `alloc_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> AllocPteTableEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `alloc_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> AllocPteTableEvidence<B> for &'e0 MmapLockDowngradedGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `alloc_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> AllocPteTableEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `alloc_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> AllocPteTableEvidence<B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `alloc_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> AllocPteTableEvidence<B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// `alloc_pte_table`: Allocating a PTE table and linking it into an empty PMD entry. The PMD
/// entry is set under the PMD lock - the split lock in the PMD table's ptdesc with
/// `CONFIG_SPLIT_PMD_PTLOCKS`, otherwise `page_table_lock` - in `pmd_install`, called from
/// `__pte_alloc`, after rechecking that the entry is still empty.
///
/// Requirement: `(mm_or_vma_locked) & (pmd_lock@pmd)`.
///
/// Spec: `alloc_pte_table` (rules/operations.rules:142); source:
/// `Documentation/mm/process_addrs.rst#page-table-installation`. Docs:
/// `mm/operations/alloc_pte_table.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_pmd = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_pmd.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// let (g2, mut c2) = r_pmd.as_pmd_table().pmd_lock(&mut c1);
/// let permit = ops::alloc_pte_table(o_vm_area_struct.as_vm_area_struct(), &g2, &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn alloc_pte_table<'g, B: Backend, E: AllocPteTableEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    pmd: &'g PmdLockHeldGuard<'_, B>,
    ev: E,
) -> Permit<'g, AllocPteTable> {
    let roles = [vma.as_raw(), pmd.object().as_raw()];
    assert!(ev.check(&roles), "alloc_pte_table: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `zap`: **Zapping** (unmapping): clearing leaf entries while leaving
/// every page table in place. Done for truncation and hole punching, `MADV_DONTNEED`, and
/// unmapping. The VMA only has to be stable - any one of the mmap, VMA or rmap locks - and the
/// entries themselves are cleared under the PTE lock (the PMD lock for a huge PMD).
pub enum Zap {}

/// Evidence for `zap`: one of mmap_lock.read (vma) | vma_lock.read (vma) | anon_vma_lock.read
/// (vma) | i_mmap_lock.read (vma).
///
/// Spec: `zap` (rules/operations.rules:157); source:
/// `Documentation/mm/process_addrs.rst#page-tables`. Docs: `mm/operations/zap.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `zap`",
    label = "`zap` needs one of: mmap_lock.read (vma) | vma_lock.read (vma) | anon_vma_lock.read (vma) | i_mmap_lock.read (vma)",
    note = "rule `zap` (rules/operations.rules:157); docs: mm/operations/zap.html"
)]
pub trait ZapEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `zap`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ZapEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `zap`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ZapEvidence<B> for &'e0 MmapLockDowngradedGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `zap`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ZapEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `zap`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ZapEvidence<B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `zap`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ZapEvidence<B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `zap`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ZapEvidence<B> for &'e0 AnonVmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `zap`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ZapEvidence<B> for &'e0 AnonVmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `zap`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ZapEvidence<B> for &'e0 IMmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// an alternative of `zap`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ZapEvidence<B> for &'e0 IMmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

/// `zap`: **Zapping** (unmapping): clearing leaf entries while leaving every page table in
/// place. Done for truncation and hole punching, `MADV_DONTNEED`, and unmapping. The VMA only
/// has to be stable - any one of the mmap, VMA or rmap locks - and the entries themselves are
/// cleared under the PTE lock (the PMD lock for a huge PMD).
///
/// Requirement: `(stable) & (pte_lock@pte)`.
///
/// Spec: `zap` (rules/operations.rules:157); source:
/// `Documentation/mm/process_addrs.rst#page-tables`. Docs: `mm/operations/zap.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_pte = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_pte.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # r_pte.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &r_pte);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// let (g2, mut c2) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c1).unwrap();
/// let permit = ops::zap(o_vm_area_struct.as_vm_area_struct(), &g2, &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn zap<'g, B: Backend, E: ZapEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    pte: &'g PteLockHeldGuard<'_, B>,
    ev: E,
) -> Permit<'g, Zap> {
    let roles = [vma.as_raw(), pte.object().as_raw()];
    assert!(ev.check(&roles), "zap: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `modify_for_reclaim`: Changing existing entries without changing what
/// they map: clearing accessed bits for reclaim or idle tracking, replacing present entries by
/// migration or swap entries and back. Like zapping, this does not change the identity of the
/// mapping, so holding the VMA stable is enough; reclaim and migration normally get there
/// through the rmap, holding the rmap lock for reading, and change each entry under its PTE
/// lock.
pub enum ModifyForReclaim {}

/// Evidence for `modify_for_reclaim`: one of rmap_walk: anon_vma_lock.read (vma) | rmap_walk:
/// i_mmap_lock.read (vma) | mm_walk: mmap_lock.read (vma) | mm_walk: vma_lock.read (vma).
///
/// Spec: `modify_for_reclaim` (rules/operations.rules:176); source:
/// `Documentation/mm/process_addrs.rst#page-tables`. Docs:
/// `mm/operations/modify_for_reclaim.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `modify_for_reclaim`",
    label = "`modify_for_reclaim` needs one of: rmap_walk: anon_vma_lock.read (vma) | rmap_walk: i_mmap_lock.read (vma) | mm_walk: mmap_lock.read (vma) | mm_walk: vma_lock.read (vma)",
    note = "rule `modify_for_reclaim` (rules/operations.rules:176); docs: mm/operations/modify_for_reclaim.html"
)]
pub trait ModifyForReclaimEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `modify_for_reclaim`: `rmap_walk`.
impl<'e0, 'e0a, B: Backend> ModifyForReclaimEvidence<B> for &'e0 AnonVmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "rmap_walk";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `modify_for_reclaim`: `rmap_walk`.
impl<'e0, 'e0a, B: Backend> ModifyForReclaimEvidence<B> for &'e0 AnonVmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "rmap_walk";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `modify_for_reclaim`: `rmap_walk`.
impl<'e0, 'e0a, B: Backend> ModifyForReclaimEvidence<B> for &'e0 IMmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "rmap_walk";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// an alternative of `modify_for_reclaim`: `rmap_walk`.
impl<'e0, 'e0a, B: Backend> ModifyForReclaimEvidence<B> for &'e0 IMmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "rmap_walk";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// an alternative of `modify_for_reclaim`: `mm_walk`.
impl<'e0, 'e0a, B: Backend> ModifyForReclaimEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mm_walk";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `modify_for_reclaim`: `mm_walk`.
impl<'e0, 'e0a, B: Backend> ModifyForReclaimEvidence<B> for &'e0 MmapLockDowngradedGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mm_walk";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `modify_for_reclaim`: `mm_walk`.
impl<'e0, 'e0a, B: Backend> ModifyForReclaimEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mm_walk";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `modify_for_reclaim`: `mm_walk`.
impl<'e0, 'e0a, B: Backend> ModifyForReclaimEvidence<B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mm_walk";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `modify_for_reclaim`: `mm_walk`.
impl<'e0, 'e0a, B: Backend> ModifyForReclaimEvidence<B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mm_walk";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// `modify_for_reclaim`: Changing existing entries without changing what they map: clearing
/// accessed bits for reclaim or idle tracking, replacing present entries by migration or swap
/// entries and back. Like zapping, this does not change the identity of the mapping, so holding
/// the VMA stable is enough; reclaim and migration normally get there through the rmap, holding
/// the rmap lock for reading, and change each entry under its PTE lock.
///
/// Requirement: `(any { rmap_walk: rmap_lock.read; mm_walk: mm_or_vma_locked; }) &
/// (pte_lock@pte)`.
///
/// Spec: `modify_for_reclaim` (rules/operations.rules:176); source:
/// `Documentation/mm/process_addrs.rst#page-tables`. Docs:
/// `mm/operations/modify_for_reclaim.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_pte = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_pte.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # r_pte.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &r_pte);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_anon_vma.as_anon_vma().anon_vma_lock_read(&mut c0);
/// let (g2, mut c2) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c1).unwrap();
/// let permit = ops::modify_for_reclaim(o_vm_area_struct.as_vm_area_struct(), &g2, &g1);
/// assert_eq!(permit.alternative(), "rmap_walk");
/// ```
pub fn modify_for_reclaim<'g, B: Backend, E: ModifyForReclaimEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    pte: &'g PteLockHeldGuard<'_, B>,
    ev: E,
) -> Permit<'g, ModifyForReclaim> {
    let roles = [vma.as_raw(), pte.object().as_raw()];
    assert!(ev.check(&roles), "modify_for_reclaim: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `free_pgtables`: **Freeing** page tables: tearing down every table of a
/// range once the range is being unmapped for good (munmap, exit). `free_pgtables` frees the
/// tables regardless of what their entries still contain, so it relies on the caller: the range
/// has been zapped, nothing can install entries any more, and no VMA over the range can be
/// reached through the reverse mapping.
pub enum FreePgtables {}

/// Evidence for `free_pgtables`: one of mm_write_locked: mmap_lock.write (vma) | isolated:
/// mmap_lock.read (vma) & vma_detached.
///
/// Spec: `free_pgtables` (rules/operations.rules:199); source:
/// `Documentation/mm/process_addrs.rst#page-table-freeing`. Docs:
/// `mm/operations/free_pgtables.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `free_pgtables`",
    label = "`free_pgtables` needs one of: mm_write_locked: mmap_lock.write (vma) | isolated: mmap_lock.read (vma) & vma_detached",
    note = "rule `free_pgtables` (rules/operations.rules:199); docs: mm/operations/free_pgtables.html"
)]
pub trait FreePgtablesEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `free_pgtables`: `mm_write_locked`.
impl<'e0, 'e0a, B: Backend> FreePgtablesEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mm_write_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `free_pgtables`: `isolated`.
impl<'e0, 'e0a, 'e1, B: Backend> FreePgtablesEvidence<B>
    for (&'e0 MmapLockReadGuard<'e0a, B>, &'e1 facts::VmaDetached)
{
    const ALTERNATIVE: &'static str = "isolated";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `free_pgtables`: `isolated`.
impl<'e0, 'e0a, 'e1, B: Backend> FreePgtablesEvidence<B>
    for (&'e0 MmapLockDowngradedGuard<'e0a, B>, &'e1 facts::VmaDetached)
{
    const ALTERNATIVE: &'static str = "isolated";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `free_pgtables`: `isolated`.
impl<'e0, 'e0a, 'e1, B: Backend> FreePgtablesEvidence<B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 facts::VmaDetached)
{
    const ALTERNATIVE: &'static str = "isolated";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

/// `free_pgtables`: **Freeing** page tables: tearing down every table of a range once the range
/// is being unmapped for good (munmap, exit). `free_pgtables` frees the tables regardless of
/// what their entries still contain, so it relies on the caller: the range has been zapped,
/// nothing can install entries any more, and no VMA over the range can be reached through the
/// reverse mapping.
///
/// Requirement: `(any { mm_write_locked: mmap_lock.write; isolated: mmap_lock.read &
/// vma_detached; }) & (unreachable_via_rmap) & (zapped_no_installs)`.
///
/// Spec: `free_pgtables` (rules/operations.rules:199); source:
/// `Documentation/mm/process_addrs.rst#page-table-freeing`. Docs:
/// `mm/operations/free_pgtables.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// // SAFETY: the example promises the fact `unreachable_via_rmap`.
/// let f1 = unsafe { facts::UnreachableViaRmap::assume() };
/// // SAFETY: the example promises the fact `zapped_no_installs`.
/// let f2 = unsafe { facts::ZappedNoInstalls::assume() };
/// let permit = ops::free_pgtables(o_vm_area_struct.as_vm_area_struct(), &f1, &f2, &g1);
/// assert_eq!(permit.alternative(), "mm_write_locked");
/// ```
pub fn free_pgtables<'g, B: Backend, E: FreePgtablesEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    _unreachable_via_rmap: &'g facts::UnreachableViaRmap,
    _zapped_no_installs: &'g facts::ZappedNoInstalls,
    ev: E,
) -> Permit<'g, FreePgtables> {
    let roles = [vma.as_raw()];
    assert!(ev.check(&roles), "free_pgtables: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `retract_pte_table`: Removing one empty PTE table while the levels above
/// stay, once a range is mapped by a huge page (khugepaged and `MADV_COLLAPSE`,
/// mm/khugepaged.c). v7.0 does it in two places, which hold different locks and revalidate the
/// PMD entry differently:
pub enum RetractPteTable {}

/// Evidence for `retract_pte_table`: one of collapse: mmap_lock.read (vma) &
/// revalidated_under_ptl | retract: i_mmap_lock.read (vma) & pmd_revalidated.
///
/// Spec: `retract_pte_table` (rules/operations.rules:243); source:
/// `Documentation/mm/process_addrs.rst#locking-rules`. Docs:
/// `mm/operations/retract_pte_table.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `retract_pte_table`",
    label = "`retract_pte_table` needs one of: collapse: mmap_lock.read (vma) & revalidated_under_ptl | retract: i_mmap_lock.read (vma) & pmd_revalidated",
    note = "rule `retract_pte_table` (rules/operations.rules:243); docs: mm/operations/retract_pte_table.html"
)]
pub trait RetractPteTableEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `retract_pte_table`: `collapse`.
impl<'e0, 'e0a, 'e1, B: Backend> RetractPteTableEvidence<B>
    for (&'e0 MmapLockReadGuard<'e0a, B>, &'e1 facts::RevalidatedUnderPtl)
{
    const ALTERNATIVE: &'static str = "collapse";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `retract_pte_table`: `collapse`.
impl<'e0, 'e0a, 'e1, B: Backend> RetractPteTableEvidence<B>
    for (&'e0 MmapLockDowngradedGuard<'e0a, B>, &'e1 facts::RevalidatedUnderPtl)
{
    const ALTERNATIVE: &'static str = "collapse";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `retract_pte_table`: `collapse`.
impl<'e0, 'e0a, 'e1, B: Backend> RetractPteTableEvidence<B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 facts::RevalidatedUnderPtl)
{
    const ALTERNATIVE: &'static str = "collapse";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `retract_pte_table`: `retract`.
impl<'e0, 'e0a, 'e1, B: Backend> RetractPteTableEvidence<B>
    for (&'e0 IMmapLockReadGuard<'e0a, B>, &'e1 facts::PmdRevalidated)
{
    const ALTERNATIVE: &'static str = "retract";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// an alternative of `retract_pte_table`: `retract`.
impl<'e0, 'e0a, 'e1, B: Backend> RetractPteTableEvidence<B>
    for (&'e0 IMmapLockWriteGuard<'e0a, B>, &'e1 facts::PmdRevalidated)
{
    const ALTERNATIVE: &'static str = "retract";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

/// `retract_pte_table`: Removing one empty PTE table while the levels above stay, once a range
/// is mapped by a huge page (khugepaged and `MADV_COLLAPSE`, mm/khugepaged.c). v7.0 does it in
/// two places, which hold different locks and revalidate the PMD entry differently:
///
/// Requirement: `(any { collapse: mmap_lock.read & revalidated_under_ptl; retract:
/// i_mmap_lock.read & pmd_revalidated; }) & (pmd_lock@pmd & pte_lock@pte) & (pte_table_empty &
/// freed_after_grace_period)`.
///
/// Spec: `retract_pte_table` (rules/operations.rules:243); source:
/// `Documentation/mm/process_addrs.rst#locking-rules`. Docs:
/// `mm/operations/retract_pte_table.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_pmd = TestObject::new();
/// # let r_pte = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_pmd.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # r_pte.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # r_pte.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &r_pte);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// let (g2, mut c2) = r_pmd.as_pmd_table().pmd_lock(&mut c1);
/// let (g3, mut c3) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c2).unwrap();
/// // SAFETY: the example promises the fact `freed_after_grace_period`.
/// let f1 = unsafe { facts::FreedAfterGracePeriod::assume() };
/// // SAFETY: the example promises the fact `pte_table_empty`.
/// let f2 = unsafe { facts::PteTableEmpty::assume() };
/// // SAFETY: the example promises the fact `revalidated_under_ptl`.
/// let f3 = unsafe { facts::RevalidatedUnderPtl::assume() };
/// let permit = ops::retract_pte_table(o_vm_area_struct.as_vm_area_struct(), &g2, &g3, &f1, &f2, (&g1, &f3));
/// assert_eq!(permit.alternative(), "collapse");
/// ```
pub fn retract_pte_table<'g, B: Backend, E: RetractPteTableEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    pmd: &'g PmdLockHeldGuard<'_, B>,
    pte: &'g PteLockHeldGuard<'_, B>,
    _freed_after_grace_period: &'g facts::FreedAfterGracePeriod,
    _pte_table_empty: &'g facts::PteTableEmpty,
    ev: E,
) -> Permit<'g, RetractPteTable> {
    let roles = [vma.as_raw(), pmd.object().as_raw(), pte.object().as_raw()];
    assert!(ev.check(&roles), "retract_pte_table: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `collapse_to_huge_pmd`: Replacing a populated PTE table by one huge PMD
/// entry (khugepaged's and `MADV_COLLAPSE`'s anonymous collapse, `collapse_huge_page` in
/// mm/khugepaged.c). The PMD entry is cleared with `pmdp_collapse_flush`, as in
/// `retract_pte_table`, but the table is not empty and is not freed: its entries are copied
/// into the new huge folio and the table is deposited for a later split.
pub enum CollapseToHugePmd {}

/// `collapse_to_huge_pmd`: Replacing a populated PTE table by one huge PMD entry (khugepaged's
/// and `MADV_COLLAPSE`'s anonymous collapse, `collapse_huge_page` in mm/khugepaged.c). The PMD
/// entry is cleared with `pmdp_collapse_flush`, as in `retract_pte_table`, but the table is not
/// empty and is not freed: its entries are copied into the new huge folio and the table is
/// deposited for a later split.
///
/// Requirement: `(write_most & anon_vma_lock.write) & (pmd_lock@pmd)`.
///
/// Spec: `collapse_to_huge_pmd` (rules/operations.rules:288); source: `mm/khugepaged.c`. Docs:
/// `mm/operations/collapse_to_huge_pmd.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_pmd = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_pmd.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// let (g3, mut c3) = g1.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c1);
/// let (g4, mut c4) = o_anon_vma.as_anon_vma().anon_vma_lock_write(&mut c3);
/// let (g5, mut c5) = r_pmd.as_pmd_table().pmd_lock(&mut c4);
/// let permit = ops::collapse_to_huge_pmd(&g4, &g1, &g5, &g3);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn collapse_to_huge_pmd<'g, B: Backend>(
    vma_anon_vma_lock: &'g AnonVmaLockWriteGuard<'_, B>,
    vma_mmap_lock: &'g MmapLockWriteGuard<'_, B>,
    pmd: &'g PmdLockHeldGuard<'_, B>,
    vma: &'g VmaLockWriteGuard<'_, B>,
) -> Permit<'g, CollapseToHugePmd> {
    let roles = [vma.object().as_raw(), pmd.object().as_raw()];
    assert!(
        same::<B>(vma_anon_vma_lock.instance(), roles[0], &[LinkId::VmAreaStructAnonVma]),
        "collapse_to_huge_pmd: the anon_vma_lock guard is for another object"
    );
    assert!(
        same::<B>(vma_mmap_lock.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "collapse_to_huge_pmd: the mmap_lock guard is for another object"
    );
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `reclaim_empty_pte_table`: Freeing a PTE table that a zap has just
/// emptied (`CONFIG_PT_RECLAIM`, used by `MADV_DONTNEED` through `zap_details.reclaim_pt`), so
/// that sparse mappings do not keep empty tables forever. In v7.0 this is part of
/// `zap_pte_range` (mm/memory.c): the zap runs under whatever kept the VMA stable - for
/// `MADV_DONTNEED` often only the VMA read lock - and `pte_table_reclaim_possible` decides
/// whether the table may go. The PMD entry is always cleared with both the PMD and the PTE lock
/// held:
pub enum ReclaimEmptyPteTable {}

/// Evidence for `reclaim_empty_pte_table`: one of mmap_lock.read (vma) | vma_lock.read (vma) |
/// anon_vma_lock.read (vma) | i_mmap_lock.read (vma).
///
/// Spec: `reclaim_empty_pte_table` (rules/operations.rules:312); source: `mm/memory.c`. Docs:
/// `mm/operations/reclaim_empty_pte_table.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `reclaim_empty_pte_table`",
    label = "`reclaim_empty_pte_table` needs one of: mmap_lock.read (vma) | vma_lock.read (vma) | anon_vma_lock.read (vma) | i_mmap_lock.read (vma)",
    note = "rule `reclaim_empty_pte_table` (rules/operations.rules:312); docs: mm/operations/reclaim_empty_pte_table.html"
)]
pub trait ReclaimEmptyPteTableEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `reclaim_empty_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReclaimEmptyPteTableEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `reclaim_empty_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReclaimEmptyPteTableEvidence<B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `reclaim_empty_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReclaimEmptyPteTableEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `reclaim_empty_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReclaimEmptyPteTableEvidence<B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `reclaim_empty_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReclaimEmptyPteTableEvidence<B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `reclaim_empty_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReclaimEmptyPteTableEvidence<B> for &'e0 AnonVmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `reclaim_empty_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReclaimEmptyPteTableEvidence<B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `reclaim_empty_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReclaimEmptyPteTableEvidence<B> for &'e0 IMmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// an alternative of `reclaim_empty_pte_table`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> ReclaimEmptyPteTableEvidence<B> for &'e0 IMmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

/// `reclaim_empty_pte_table`: Freeing a PTE table that a zap has just emptied
/// (`CONFIG_PT_RECLAIM`, used by `MADV_DONTNEED` through `zap_details.reclaim_pt`), so that
/// sparse mappings do not keep empty tables forever. In v7.0 this is part of `zap_pte_range`
/// (mm/memory.c): the zap runs under whatever kept the VMA stable - for `MADV_DONTNEED` often
/// only the VMA read lock - and `pte_table_reclaim_possible` decides whether the table may go.
/// The PMD entry is always cleared with both the PMD and the PTE lock held:
///
/// Requirement: `(stable) & (pmd_lock@pmd & pte_lock@pte) & (pte_table_empty &
/// freed_after_grace_period)`.
///
/// Spec: `reclaim_empty_pte_table` (rules/operations.rules:312); source: `mm/memory.c`. Docs:
/// `mm/operations/reclaim_empty_pte_table.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_pmd = TestObject::new();
/// # let r_pte = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_pmd.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # r_pte.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # r_pte.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &r_pte);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// let (g2, mut c2) = r_pmd.as_pmd_table().pmd_lock(&mut c1);
/// let (g3, mut c3) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c2).unwrap();
/// // SAFETY: the example promises the fact `freed_after_grace_period`.
/// let f1 = unsafe { facts::FreedAfterGracePeriod::assume() };
/// // SAFETY: the example promises the fact `pte_table_empty`.
/// let f2 = unsafe { facts::PteTableEmpty::assume() };
/// let permit = ops::reclaim_empty_pte_table(o_vm_area_struct.as_vm_area_struct(), &g2, &g3, &f1, &f2, &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn reclaim_empty_pte_table<'g, B: Backend, E: ReclaimEmptyPteTableEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    pmd: &'g PmdLockHeldGuard<'_, B>,
    pte: &'g PteLockHeldGuard<'_, B>,
    _freed_after_grace_period: &'g facts::FreedAfterGracePeriod,
    _pte_table_empty: &'g facts::PteTableEmpty,
    ev: E,
) -> Permit<'g, ReclaimEmptyPteTable> {
    let roles = [vma.as_raw(), pmd.object().as_raw(), pte.object().as_raw()];
    assert!(ev.check(&roles), "reclaim_empty_pte_table: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `move_page_tables`: Moving whole page tables to a new address, as the
/// `mremap()` system call does when it can relocate a PMD or PUD entry (and everything below
/// it) instead of copying entries. Every lock is needed: the mmap write lock, the VMA write
/// locks of the source and destination VMAs, and the rmap write locks of every tree that links
/// them (`take_rmap_locks`, i_mmap before anon_vma; dropped by `drop_rmap_locks`), so that no
/// rmap walker sees a table in neither place or in both.
pub enum MovePageTables {}

/// `move_page_tables`: Moving whole page tables to a new address, as the `mremap()` system call
/// does when it can relocate a PMD or PUD entry (and everything below it) instead of copying
/// entries. Every lock is needed: the mmap write lock, the VMA write locks of the source and
/// destination VMAs, and the rmap write locks of every tree that links them (`take_rmap_locks`,
/// i_mmap before anon_vma; dropped by `drop_rmap_locks`), so that no rmap walker sees a table
/// in neither place or in both.
///
/// Requirement: `(write_most & vma_lock.write@new_vma) & (rmap_hidden) & (pmd_lock@old_pmd &
/// pmd_lock@new_pmd)`.
///
/// Spec: `move_page_tables` (rules/operations.rules:360); source:
/// `Documentation/mm/process_addrs.rst#page-table-moving`. Docs:
/// `mm/operations/move_page_tables.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_new_vma = TestObject::new();
/// # let r_old_pmd = TestObject::new();
/// # let r_new_pmd = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_new_vma.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_new_vma.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_new_vma.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # r_old_pmd.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # r_new_pmd.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_new_vma);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// let (g3, mut c3) = g1.vma_start_write(r_new_vma.as_vm_area_struct(), &mut c1);
/// let (g5, mut c5) = g1.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c3);
/// let (g6, mut c6) = o_address_space.as_address_space().i_mmap_lock_write(&mut c5);
/// let (g7, mut c7) = o_anon_vma.as_anon_vma().anon_vma_lock_write(&mut c6);
/// let (g8, mut c8) = r_new_pmd.as_pmd_table().pmd_lock(&mut c7);
/// let (g9, mut c9) = r_old_pmd.as_pmd_table().pmd_lock(&mut c8);
/// let permit = ops::move_page_tables(Conditional::Held(&g7), Conditional::Held(&g6), &g1, &g8, &g9, &g3, &g5);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn move_page_tables<'g, B: Backend>(
    vma_anon_vma_lock: Conditional<&'g AnonVmaLockWriteGuard<'_, B>, facts::HasAnonVma>,
    vma_i_mmap_lock: Conditional<&'g IMmapLockWriteGuard<'_, B>, facts::FileBacked>,
    vma_mmap_lock: &'g MmapLockWriteGuard<'_, B>,
    new_pmd: &'g PmdLockHeldGuard<'_, B>,
    old_pmd: &'g PmdLockHeldGuard<'_, B>,
    new_vma: &'g VmaLockWriteGuard<'_, B>,
    vma: &'g VmaLockWriteGuard<'_, B>,
) -> Permit<'g, MovePageTables> {
    let roles = [
        vma.object().as_raw(),
        new_vma.object().as_raw(),
        old_pmd.object().as_raw(),
        new_pmd.object().as_raw(),
    ];
    assert!(
        same_if::<B, _, _>(&vma_anon_vma_lock, roles[0], &[LinkId::VmAreaStructAnonVma]),
        "move_page_tables: the anon_vma_lock guard is for another object"
    );
    assert!(
        same_if::<B, _, _>(&vma_i_mmap_lock, roles[0], &[LinkId::VmAreaStructMapping]),
        "move_page_tables: the i_mmap_lock guard is for another object"
    );
    assert!(
        same::<B>(vma_mmap_lock.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "move_page_tables: the mmap_lock guard is for another object"
    );
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `move_ptes`: Moving individual PTEs from one table to another during
/// mremap. The mmap and VMA write locks are held as for any mremap; the rmap locks are needed
/// unless rmap walkers are guaranteed to see either the old or the new entry anyway
/// (`need_rmap_locks` false). The old table is locked with `pte_offset_map_lock`; the new one
/// is mapped with `pte_offset_map_rw_nolock` (no recheck needed: it is stable under the mmap
/// write lock) and its lock taken nested if it differs. When a present entry moved, the TLB is
/// flushed before the old PTE lock is dropped.
pub enum MovePtes {}

/// Evidence for `move_ptes`: one of rmap_locked: anon_vma_lock.write (vma) if has_anon_vma &
/// i_mmap_lock.write (vma) if file_backed | rmap_order: rmap_order_safe.
///
/// Spec: `move_ptes` (rules/operations.rules:388); source: `mm/mremap.c`. Docs:
/// `mm/operations/move_ptes.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `move_ptes`",
    label = "`move_ptes` needs one of: rmap_locked: anon_vma_lock.write (vma) if has_anon_vma & i_mmap_lock.write (vma) if file_backed | rmap_order: rmap_order_safe",
    note = "rule `move_ptes` (rules/operations.rules:388); docs: mm/operations/move_ptes.html"
)]
pub trait MovePtesEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `move_ptes`: `rmap_locked`.
impl<'e0, 'e0a, 'e1, 'e1a, B: Backend> MovePtesEvidence<B>
    for (
        Conditional<&'e0 AnonVmaLockWriteGuard<'e0a, B>, facts::HasAnonVma>,
        Conditional<&'e1 IMmapLockWriteGuard<'e1a, B>, facts::FileBacked>,
    )
{
    const ALTERNATIVE: &'static str = "rmap_locked";

    fn check(&self, roles: &[Instance]) -> bool {
        same_if::<B, _, _>(&self.0, roles[0], &[LinkId::VmAreaStructAnonVma])
            && same_if::<B, _, _>(&self.1, roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// an alternative of `move_ptes`: `rmap_order`.
impl<'e0, B: Backend> MovePtesEvidence<B> for &'e0 facts::RmapOrderSafe {
    const ALTERNATIVE: &'static str = "rmap_order";

    fn check(&self, _roles: &[Instance]) -> bool {
        true
    }
}

/// `move_ptes`: Moving individual PTEs from one table to another during mremap. The mmap and
/// VMA write locks are held as for any mremap; the rmap locks are needed unless rmap walkers
/// are guaranteed to see either the old or the new entry anyway (`need_rmap_locks` false). The
/// old table is locked with `pte_offset_map_lock`; the new one is mapped with
/// `pte_offset_map_rw_nolock` (no recheck needed: it is stable under the mmap write lock) and
/// its lock taken nested if it differs. When a present entry moved, the TLB is flushed before
/// the old PTE lock is dropped.
///
/// Requirement: `(write_most & vma_lock.write@new_vma) & (any { rmap_locked: rmap_hidden;
/// rmap_order: rmap_order_safe; }) & (pte_lock@old_pte & pte_lock@new_pte)`.
///
/// Spec: `move_ptes` (rules/operations.rules:388); source: `mm/mremap.c`. Docs:
/// `mm/operations/move_ptes.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```no_run
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_new_vma = TestObject::new();
/// # let r_old_pte = TestObject::new();
/// # let r_new_pte = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_new_vma.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_new_vma.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_new_vma.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # r_old_pte.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # r_old_pte.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_new_pte.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # r_new_pte.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_new_vma);
/// # o_mm_struct.set_found("get_locked_pte", &r_new_pte);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// let (g3, mut c3) = g1.vma_start_write(r_new_vma.as_vm_area_struct(), &mut c1);
/// let (g5, mut c5) = g1.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c3);
/// let (g6, mut c6) = o_address_space.as_address_space().i_mmap_lock_write(&mut c5);
/// let (g7, mut c7) = o_anon_vma.as_anon_vma().anon_vma_lock_write(&mut c6);
/// let (g8, mut c8) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c7).unwrap();
/// let (g9, mut c9) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c8).unwrap();
/// let permit = ops::move_ptes(&g1, &g8, &g9, &g3, &g5, (Conditional::Held(&g7), Conditional::Held(&g6)));
/// assert_eq!(permit.alternative(), "rmap_locked");
/// ```
pub fn move_ptes<'g, B: Backend, E: MovePtesEvidence<B>>(
    vma_mmap_lock: &'g MmapLockWriteGuard<'_, B>,
    new_pte: &'g PteLockHeldGuard<'_, B>,
    old_pte: &'g PteLockHeldGuard<'_, B>,
    new_vma: &'g VmaLockWriteGuard<'_, B>,
    vma: &'g VmaLockWriteGuard<'_, B>,
    ev: E,
) -> Permit<'g, MovePtes> {
    let roles = [
        vma.object().as_raw(),
        new_vma.object().as_raw(),
        old_pte.object().as_raw(),
        new_pte.object().as_raw(),
    ];
    assert!(
        same::<B>(vma_mmap_lock.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "move_ptes: the mmap_lock guard is for another object"
    );
    assert!(ev.check(&roles), "move_ptes: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `walk_kernel_page_tables`: Walking kernel page tables with
/// `walk_kernel_page_table_range`. Kernel mappings are normally managed by whoever created them
/// (vmalloc has its own locks), but this generic walker synchronises on the mmap lock of
/// `init_mm`: read when the caller only needs the tables not to change shape, write when it
/// needs exclusive access. The walker asserts only that some mode is held. Kernel tables are
/// rarely torn down (vmalloc and memory hot-remove aside), which is why this suffices; any
/// further locks a caller needs it must take itself.
pub enum WalkKernelPageTables {}

/// `walk_kernel_page_tables`: Walking kernel page tables with `walk_kernel_page_table_range`.
/// Kernel mappings are normally managed by whoever created them (vmalloc has its own locks),
/// but this generic walker synchronises on the mmap lock of `init_mm`: read when the caller
/// only needs the tables not to change shape, write when it needs exclusive access. The walker
/// asserts only that some mode is held. Kernel tables are rarely torn down (vmalloc and memory
/// hot-remove aside), which is why this suffices; any further locks a caller needs it must take
/// itself.
///
/// Requirement: `mmap_lock.read@init`.
///
/// Spec: `walk_kernel_page_tables` (rules/operations.rules:417); source:
/// `Documentation/mm/process_addrs.rst#traversing-non-vma-page-tables`. Docs:
/// `mm/operations/walk_kernel_page_tables.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_init = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = r_init.as_mm_struct().mmap_read_lock(&mut c0);
/// let permit = ops::walk_kernel_page_tables(o_mm_struct.as_mm_struct(), r_init.as_mm_struct(), &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn walk_kernel_page_tables<'g, B: Backend, G0: HoldsMmapLockRead<B>>(
    mm: &'g MmStruct<B>,
    init: &'g MmStruct<B>,
    init_mmap_lock: &'g G0,
) -> Permit<'g, WalkKernelPageTables> {
    let roles = [mm.as_raw(), init.as_raw()];
    assert!(
        same::<B>(init_mmap_lock.instance(), roles[1], &[]),
        "walk_kernel_page_tables: the mmap_lock guard is for another object"
    );
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `walk_user_page_tables_debug`: Walking page tables *outside* VMAs with
/// `walk_page_range_debug`, whose only user is the page-table dump code (mm/ptdump.c), which
/// wants to show every mapping even if no VMA describes it. Holding only the mmap read lock of
/// a user mm is not enough here: munmap detaches VMAs under the write lock and then frees their
/// page tables under the downgraded lock, so a read-locked walker outside any VMA could race
/// with that teardown.
pub enum WalkUserPageTablesDebug {}

/// Evidence for `walk_user_page_tables_debug`: one of user_mm: mmap_lock.write (mm) & user_mm |
/// kernel_mm: mmap_lock.read (init) & is_init_mm.
///
/// Spec: `walk_user_page_tables_debug` (rules/operations.rules:437); source: `mm/pagewalk.c`.
/// Docs: `mm/operations/walk_user_page_tables_debug.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `walk_user_page_tables_debug`",
    label = "`walk_user_page_tables_debug` needs one of: user_mm: mmap_lock.write (mm) & user_mm | kernel_mm: mmap_lock.read (init) & is_init_mm",
    note = "rule `walk_user_page_tables_debug` (rules/operations.rules:437); docs: mm/operations/walk_user_page_tables_debug.html"
)]
pub trait WalkUserPageTablesDebugEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `walk_user_page_tables_debug`: `user_mm`.
impl<'e0, 'e0a, 'e1, B: Backend> WalkUserPageTablesDebugEvidence<B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 facts::UserMm)
{
    const ALTERNATIVE: &'static str = "user_mm";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[])
    }
}

// an alternative of `walk_user_page_tables_debug`: `kernel_mm`.
impl<'e0, 'e0a, 'e1, B: Backend> WalkUserPageTablesDebugEvidence<B>
    for (&'e0 MmapLockReadGuard<'e0a, B>, &'e1 facts::IsInitMm)
{
    const ALTERNATIVE: &'static str = "kernel_mm";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[1], &[])
    }
}

// an alternative of `walk_user_page_tables_debug`: `kernel_mm`.
impl<'e0, 'e0a, 'e1, B: Backend> WalkUserPageTablesDebugEvidence<B>
    for (&'e0 MmapLockDowngradedGuard<'e0a, B>, &'e1 facts::IsInitMm)
{
    const ALTERNATIVE: &'static str = "kernel_mm";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[1], &[])
    }
}

// an alternative of `walk_user_page_tables_debug`: `kernel_mm`.
impl<'e0, 'e0a, 'e1, B: Backend> WalkUserPageTablesDebugEvidence<B>
    for (&'e0 MmapLockWriteGuard<'e0a, B>, &'e1 facts::IsInitMm)
{
    const ALTERNATIVE: &'static str = "kernel_mm";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[1], &[])
    }
}

/// `walk_user_page_tables_debug`: Walking page tables *outside* VMAs with
/// `walk_page_range_debug`, whose only user is the page-table dump code (mm/ptdump.c), which
/// wants to show every mapping even if no VMA describes it. Holding only the mmap read lock of
/// a user mm is not enough here: munmap detaches VMAs under the write lock and then frees their
/// page tables under the downgraded lock, so a read-locked walker outside any VMA could race
/// with that teardown.
///
/// Requirement: `any { user_mm: mmap_lock.write & user_mm; kernel_mm: is_init_mm &
/// mmap_lock.read@init; }`.
///
/// Spec: `walk_user_page_tables_debug` (rules/operations.rules:437); source: `mm/pagewalk.c`.
/// Docs: `mm/operations/walk_user_page_tables_debug.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_init = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// // SAFETY: the example promises the fact `user_mm`.
/// let f1 = unsafe { facts::UserMm::assume() };
/// let permit = ops::walk_user_page_tables_debug(o_mm_struct.as_mm_struct(), r_init.as_mm_struct(), (&g1, &f1));
/// assert_eq!(permit.alternative(), "user_mm");
/// ```
pub fn walk_user_page_tables_debug<'g, B: Backend, E: WalkUserPageTablesDebugEvidence<B>>(
    mm: &'g MmStruct<B>,
    init: &'g MmStruct<B>,
    ev: E,
) -> Permit<'g, WalkUserPageTablesDebug> {
    let roles = [mm.as_raw(), init.as_raw()];
    assert!(ev.check(&roles), "walk_user_page_tables_debug: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `page_fault`: Handling a user page fault. The architecture handler first
/// tries the per-VMA lock (`lock_vma_under_rcu`); if that fails, or the handler returns
/// `VM_FAULT_RETRY` because the fault needs something the VMA lock cannot give, it falls back
/// to the mmap read lock (`lock_mm_and_find_vma`). Without a VMA write lock, any change to a
/// VMA can therefore race with faults on it.
pub enum PageFault {}

/// Evidence for `page_fault`: one of vma_lock: vma_lock.read (vma) | mmap_lock: mmap_lock.read
/// (vma).
///
/// Spec: `page_fault` (rules/operations.rules:492); source:
/// `Documentation/mm/process_addrs.rst#lock-usage`. Docs: `mm/operations/page_fault.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `page_fault`",
    label = "`page_fault` needs one of: vma_lock: vma_lock.read (vma) | mmap_lock: mmap_lock.read (vma)",
    note = "rule `page_fault` (rules/operations.rules:492); docs: mm/operations/page_fault.html"
)]
pub trait PageFaultEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `page_fault`: `vma_lock`.
impl<'e0, 'e0a, B: Backend> PageFaultEvidence<B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "vma_lock";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `page_fault`: `vma_lock`.
impl<'e0, 'e0a, B: Backend> PageFaultEvidence<B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "vma_lock";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `page_fault`: `mmap_lock`.
impl<'e0, 'e0a, B: Backend> PageFaultEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mmap_lock";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `page_fault`: `mmap_lock`.
impl<'e0, 'e0a, B: Backend> PageFaultEvidence<B> for &'e0 MmapLockDowngradedGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mmap_lock";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `page_fault`: `mmap_lock`.
impl<'e0, 'e0a, B: Backend> PageFaultEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "mmap_lock";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

/// `page_fault`: Handling a user page fault. The architecture handler first tries the per-VMA
/// lock (`lock_vma_under_rcu`); if that fails, or the handler returns `VM_FAULT_RETRY` because
/// the fault needs something the VMA lock cannot give, it falls back to the mmap read lock
/// (`lock_mm_and_find_vma`). Without a VMA write lock, any change to a VMA can therefore race
/// with faults on it.
///
/// Requirement: `any { vma_lock: vma_lock.read; mmap_lock: mmap_lock.read; }`.
///
/// Spec: `page_fault` (rules/operations.rules:492); source:
/// `Documentation/mm/process_addrs.rst#lock-usage`. Docs: `mm/operations/page_fault.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_vm_area_struct.as_vm_area_struct().vma_start_read_locked(&mut c0).unwrap();
/// let permit = ops::page_fault(o_vm_area_struct.as_vm_area_struct(), &g1);
/// assert_eq!(permit.alternative(), "vma_lock");
/// ```
pub fn page_fault<'g, B: Backend, E: PageFaultEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    ev: E,
) -> Permit<'g, PageFault> {
    let roles = [vma.as_raw()];
    assert!(ev.check(&roles), "page_fault: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `anon_vma_prepare`: Attaching an anon_vma to a VMA on its first
/// anonymous fault. The caller holds the mmap lock for reading; the anon_vma to attach (a
/// mergeable neighbour's or a fresh one) is write-locked, then `page_table_lock` is taken and
/// `vma->anon_vma` is set only if it is still `NULL` - another thread may have won the race.
pub enum AnonVmaPrepare {}

/// `anon_vma_prepare`: Attaching an anon_vma to a VMA on its first anonymous fault. The caller
/// holds the mmap lock for reading; the anon_vma to attach (a mergeable neighbour's or a fresh
/// one) is write-locked, then `page_table_lock` is taken and `vma->anon_vma` is set only if it
/// is still `NULL` - another thread may have won the race.
///
/// Requirement: `mmap_lock.read`.
///
/// Spec: `anon_vma_prepare` (rules/operations.rules:510); source: `mm/rmap.c`. Docs:
/// `mm/operations/anon_vma_prepare.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_av = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_av.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # r_av.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// let permit = ops::anon_vma_prepare(o_vm_area_struct.as_vm_area_struct(), r_av.as_anon_vma(), &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn anon_vma_prepare<'g, B: Backend, G0: HoldsMmapLockRead<B>>(
    vma: &'g VmAreaStruct<B>,
    av: &'g AnonVma<B>,
    vma_mmap_lock: &'g G0,
) -> Permit<'g, AnonVmaPrepare> {
    let roles = [vma.as_raw(), av.as_raw()];
    assert!(
        same::<B>(vma_mmap_lock.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "anon_vma_prepare: the mmap_lock guard is for another object"
    );
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `expand_stack`: Growing a stack VMA towards a faulting address
/// (`expand_downwards`, `expand_upwards`). Faults must not run against the VMA while its range
/// changes, so the VMA is write-locked, which in turn needs the mmap write lock. A fault that
/// finds it must grow the stack holds only the read lock, which cannot be upgraded in place:
/// `lock_mm_and_find_vma` drops it, takes the write lock, looks the VMA up again, expands it
/// and downgrades (see `mmap_lock`). `mmap_read_lock_maybe_expand` (exec's argument pages)
/// takes the write lock directly when it has to expand, then downgrades. The anon_vma is
/// prepared first and write-locked while the range moves.
pub enum ExpandStack {}

/// `expand_stack`: Growing a stack VMA towards a faulting address (`expand_downwards`,
/// `expand_upwards`). Faults must not run against the VMA while its range changes, so the VMA
/// is write-locked, which in turn needs the mmap write lock. A fault that finds it must grow
/// the stack holds only the read lock, which cannot be upgraded in place:
/// `lock_mm_and_find_vma` drops it, takes the write lock, looks the VMA up again, expands it
/// and downgrades (see `mmap_lock`). `mmap_read_lock_maybe_expand` (exec's argument pages)
/// takes the write lock directly when it has to expand, then downgrades. The anon_vma is
/// prepared first and write-locked while the range moves.
///
/// Requirement: `(stack_vma) & (write_most & anon_vma_lock.write)`.
///
/// Spec: `expand_stack` (rules/operations.rules:529); source:
/// `Documentation/mm/process_addrs.rst#stack-expansion`. Docs:
/// `mm/operations/expand_stack.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// let (g3, mut c3) = g1.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c1);
/// let (g4, mut c4) = o_anon_vma.as_anon_vma().anon_vma_lock_write(&mut c3);
/// // SAFETY: the example promises the fact `stack_vma`.
/// let f1 = unsafe { facts::StackVma::assume() };
/// let permit = ops::expand_stack(&g4, &g1, &g3, &f1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn expand_stack<'g, B: Backend>(
    vma_anon_vma_lock: &'g AnonVmaLockWriteGuard<'_, B>,
    vma_mmap_lock: &'g MmapLockWriteGuard<'_, B>,
    vma: &'g VmaLockWriteGuard<'_, B>,
    _stack_vma: &'g facts::StackVma,
) -> Permit<'g, ExpandStack> {
    let roles = [vma.object().as_raw()];
    assert!(
        same::<B>(vma_anon_vma_lock.instance(), roles[0], &[LinkId::VmAreaStructAnonVma]),
        "expand_stack: the anon_vma_lock guard is for another object"
    );
    assert!(
        same::<B>(vma_mmap_lock.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "expand_stack: the mmap_lock guard is for another object"
    );
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `change_vma_flags`: Changing a VMA's flags with `vm_flags_set`,
/// `vm_flags_clear` or `vm_flags_mod`. In v7.0 (include/linux/mm.h) these helpers take the VMA
/// write lock themselves (`vma_start_write`), so the caller needs the mmap lock for writing,
/// which that function requires, and nothing more. Afterwards the VMA stays write-locked until
/// the mmap write hold ends.
pub enum ChangeVmaFlags {}

/// `change_vma_flags`: Changing a VMA's flags with `vm_flags_set`, `vm_flags_clear` or
/// `vm_flags_mod`. In v7.0 (include/linux/mm.h) these helpers take the VMA write lock
/// themselves (`vma_start_write`), so the caller needs the mmap lock for writing, which that
/// function requires, and nothing more. Afterwards the VMA stays write-locked until the mmap
/// write hold ends.
///
/// Requirement: `mmap_lock.write`.
///
/// Spec: `change_vma_flags` (rules/operations.rules:554); source: `include/linux/mm.h`. Docs:
/// `mm/operations/change_vma_flags.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// let permit = ops::change_vma_flags(o_vm_area_struct.as_vm_area_struct(), &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn change_vma_flags<'g, B: Backend>(
    vma: &'g VmAreaStruct<B>,
    vma_mmap_lock: &'g MmapLockWriteGuard<'_, B>,
) -> Permit<'g, ChangeVmaFlags> {
    let roles = [vma.as_raw()];
    assert!(
        same::<B>(vma_mmap_lock.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "change_vma_flags: the mmap_lock guard is for another object"
    );
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `reset_vma_flags`: Overwriting a VMA's flags with `vm_flags_reset` or
/// `vm_flags_reset_once`. Unlike the set, clear and mod helpers these do not lock the VMA; they
/// assert the VMA write lock (`vma_assert_write_locked`), so the caller must have taken it.
/// `vm_flags_init` and `__vm_flags_mod` are for VMAs not yet in the VMA tree and need no lock.
pub enum ResetVmaFlags {}

/// `reset_vma_flags`: Overwriting a VMA's flags with `vm_flags_reset` or `vm_flags_reset_once`.
/// Unlike the set, clear and mod helpers these do not lock the VMA; they assert the VMA write
/// lock (`vma_assert_write_locked`), so the caller must have taken it. `vm_flags_init` and
/// `__vm_flags_mod` are for VMAs not yet in the VMA tree and need no lock.
///
/// Requirement: `write_most`.
///
/// Spec: `reset_vma_flags` (rules/operations.rules:568); source: `include/linux/mm.h`. Docs:
/// `mm/operations/reset_vma_flags.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// let (g3, mut c3) = g1.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c1);
/// let permit = ops::reset_vma_flags(&g1, &g3);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn reset_vma_flags<'g, B: Backend>(
    vma_mmap_lock: &'g MmapLockWriteGuard<'_, B>,
    vma: &'g VmaLockWriteGuard<'_, B>,
) -> Permit<'g, ResetVmaFlags> {
    let roles = [vma.object().as_raw()];
    assert!(
        same::<B>(vma_mmap_lock.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "reset_vma_flags: the mmap_lock guard is for another object"
    );
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `set_atomic_vma_flag`: Setting one of the few VMA flags that may change
/// under a read-side lock, with `vma_set_atomic_flag` (include/linux/mm.h): an atomic `set_bit`
/// on the flags bitmap. It asserts only that the VMA is stabilised (`vma_assert_stabilised`:
/// the mmap lock in any mode, or a VMA lock) and refuses, with a warning, any flag outside
/// `VM_ATOMIC_SET_ALLOWED`.
pub enum SetAtomicVmaFlag {}

/// Evidence for `set_atomic_vma_flag`: one of mmap_lock.read (vma) | vma_lock.read (vma).
///
/// Spec: `set_atomic_vma_flag` (rules/operations.rules:582); source: `include/linux/mm.h`.
/// Docs: `mm/operations/set_atomic_vma_flag.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `set_atomic_vma_flag`",
    label = "`set_atomic_vma_flag` needs one of: mmap_lock.read (vma) | vma_lock.read (vma)",
    note = "rule `set_atomic_vma_flag` (rules/operations.rules:582); docs: mm/operations/set_atomic_vma_flag.html"
)]
pub trait SetAtomicVmaFlagEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `set_atomic_vma_flag`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SetAtomicVmaFlagEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `set_atomic_vma_flag`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SetAtomicVmaFlagEvidence<B> for &'e0 MmapLockDowngradedGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `set_atomic_vma_flag`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SetAtomicVmaFlagEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `set_atomic_vma_flag`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SetAtomicVmaFlagEvidence<B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `set_atomic_vma_flag`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SetAtomicVmaFlagEvidence<B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

/// `set_atomic_vma_flag`: Setting one of the few VMA flags that may change under a read-side
/// lock, with `vma_set_atomic_flag` (include/linux/mm.h): an atomic `set_bit` on the flags
/// bitmap. It asserts only that the VMA is stabilised (`vma_assert_stabilised`: the mmap lock
/// in any mode, or a VMA lock) and refuses, with a warning, any flag outside
/// `VM_ATOMIC_SET_ALLOWED`.
///
/// Requirement: `(mm_or_vma_locked) & (atomic_vma_flag)`.
///
/// Spec: `set_atomic_vma_flag` (rules/operations.rules:582); source: `include/linux/mm.h`.
/// Docs: `mm/operations/set_atomic_vma_flag.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// // SAFETY: the example promises the fact `atomic_vma_flag`.
/// let f1 = unsafe { facts::AtomicVmaFlag::assume() };
/// let permit = ops::set_atomic_vma_flag(o_vm_area_struct.as_vm_area_struct(), &f1, &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn set_atomic_vma_flag<'g, B: Backend, E: SetAtomicVmaFlagEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    _atomic_vma_flag: &'g facts::AtomicVmaFlag,
    ev: E,
) -> Permit<'g, SetAtomicVmaFlag> {
    let roles = [vma.as_raw()];
    assert!(ev.check(&roles), "set_atomic_vma_flag: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `read_lock_vma_under_mmap`: Read-locking a VMA found under the mmap
/// lock, with `vma_start_read_locked` or `vma_start_read_locked_nested`, typically to keep it
/// locked after the mmap lock is dropped. In v7.0 the helper asserts the mmap lock
/// (`mmap_assert_locked`), which is what guarantees it cannot fail on a concurrent writer.
/// `lock_vma_under_rcu` is the way to read-lock a VMA without it.
pub enum ReadLockVmaUnderMmap {}

/// `read_lock_vma_under_mmap`: Read-locking a VMA found under the mmap lock, with
/// `vma_start_read_locked` or `vma_start_read_locked_nested`, typically to keep it locked after
/// the mmap lock is dropped. In v7.0 the helper asserts the mmap lock (`mmap_assert_locked`),
/// which is what guarantees it cannot fail on a concurrent writer. `lock_vma_under_rcu` is the
/// way to read-lock a VMA without it.
///
/// Requirement: `mmap_lock.read`.
///
/// Spec: `read_lock_vma_under_mmap` (rules/operations.rules:597); source:
/// `include/linux/mmap_lock.h`. Docs: `mm/operations/read_lock_vma_under_mmap.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// let permit = ops::read_lock_vma_under_mmap(o_vm_area_struct.as_vm_area_struct(), &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn read_lock_vma_under_mmap<'g, B: Backend, G0: HoldsMmapLockRead<B>>(
    vma: &'g VmAreaStruct<B>,
    vma_mmap_lock: &'g G0,
) -> Permit<'g, ReadLockVmaUnderMmap> {
    let roles = [vma.as_raw()];
    assert!(
        same::<B>(vma_mmap_lock.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "read_lock_vma_under_mmap: the mmap_lock guard is for another object"
    );
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `end_vma_write_locks`: Ending every VMA write lock of an mm with
/// `vma_end_write_all`. In v7.0 it asserts the mmap write lock (`mmap_assert_write_locked`)
/// before closing the `mm_lock_seq` writer section; `mmap_write_unlock` and
/// `mmap_write_downgrade` call it, and a direct call also ends write locks taken further up the
/// call chain.
pub enum EndVmaWriteLocks {}

/// `end_vma_write_locks`: Ending every VMA write lock of an mm with `vma_end_write_all`. In
/// v7.0 it asserts the mmap write lock (`mmap_assert_write_locked`) before closing the
/// `mm_lock_seq` writer section; `mmap_write_unlock` and `mmap_write_downgrade` call it, and a
/// direct call also ends write locks taken further up the call chain.
///
/// Requirement: `mmap_lock.write`.
///
/// Spec: `end_vma_write_locks` (rules/operations.rules:611); source:
/// `include/linux/mmap_lock.h`. Docs: `mm/operations/end_vma_write_locks.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// let permit = ops::end_vma_write_locks(&g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn end_vma_write_locks<'g, B: Backend>(
    mm: &'g MmapLockWriteGuard<'_, B>,
) -> Permit<'g, EndVmaWriteLocks> {
    let roles = [mm.object().as_raw()];
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `mark_vma_detached`: Marking a VMA detached with `vma_mark_detached`
/// once it has left the VMA tree (munmap, a merge that removes it). v7.0 asserts the VMA write
/// lock (`vma_assert_write_locked`, include/linux/mmap_lock.h): taking it waited for every page
/// fault that read-locked the VMA, and the detached state makes later `lock_vma_under_rcu`
/// calls fail, so no fault installs into a range that is about to be zapped and have its page
/// tables freed.
pub enum MarkVmaDetached {}

/// `mark_vma_detached`: Marking a VMA detached with `vma_mark_detached` once it has left the
/// VMA tree (munmap, a merge that removes it). v7.0 asserts the VMA write lock
/// (`vma_assert_write_locked`, include/linux/mmap_lock.h): taking it waited for every page
/// fault that read-locked the VMA, and the detached state makes later `lock_vma_under_rcu`
/// calls fail, so no fault installs into a range that is about to be zapped and have its page
/// tables freed.
///
/// Requirement: `vma_lock.write`.
///
/// Spec: `mark_vma_detached` (rules/operations.rules:625); source: `include/linux/mmap_lock.h`.
/// Docs: `mm/operations/mark_vma_detached.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g2, mut c2) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// let (g3, mut c3) = g2.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c2);
/// let permit = ops::mark_vma_detached(&g3);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn mark_vma_detached<'g, B: Backend>(
    vma: &'g VmaLockWriteGuard<'_, B>,
) -> Permit<'g, MarkVmaDetached> {
    let roles = [vma.object().as_raw()];
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `mark_vma_attached`: Storing a new VMA in the VMA tree with
/// `vma_iter_store_new` or `vma_iter_store_gfp`, which attach it (`vma_mark_attached`). v7.0
/// asserts the VMA write lock there (`vma_assert_write_locked`, include/linux/mmap_lock.h):
/// from the moment the refcount says attached, `lock_vma_under_rcu` can read-lock the VMA, so a
/// new VMA is write-locked before it is stored (`__mmap_new_vma`: "Lock the VMA since it is
/// modified after insertion into VMA tree"), and no fault runs on it while its creator still
/// sets it up. Being unpublished at the call does not excuse it: the call is what publishes it.
pub enum MarkVmaAttached {}

/// `mark_vma_attached`: Storing a new VMA in the VMA tree with `vma_iter_store_new` or
/// `vma_iter_store_gfp`, which attach it (`vma_mark_attached`). v7.0 asserts the VMA write lock
/// there (`vma_assert_write_locked`, include/linux/mmap_lock.h): from the moment the refcount
/// says attached, `lock_vma_under_rcu` can read-lock the VMA, so a new VMA is write-locked
/// before it is stored (`__mmap_new_vma`: "Lock the VMA since it is modified after insertion
/// into VMA tree"), and no fault runs on it while its creator still sets it up. Being
/// unpublished at the call does not excuse it: the call is what publishes it.
///
/// Requirement: `vma_lock.write`.
///
/// Spec: `mark_vma_attached` (rules/operations.rules:641); source: `include/linux/mmap_lock.h`.
/// Docs: `mm/operations/mark_vma_attached.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g2, mut c2) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// let (g3, mut c3) = g2.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c2);
/// let permit = ops::mark_vma_attached(&g3);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn mark_vma_attached<'g, B: Backend>(
    vma: &'g VmaLockWriteGuard<'_, B>,
) -> Permit<'g, MarkVmaAttached> {
    let roles = [vma.object().as_raw()];
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `fork_write_protect`: Fork's copy of a parent's page tables when
/// anonymous pages must become copy-on-write. The parent's mmap lock is held for writing,
/// `write_protect_seq` is opened so that GUP-fast pinning backs off, and each PTE table is
/// copied under its PTE lock (the child's nested), duplicating the anon rmap of each folio
/// (`folio_try_dup_anon_rmap_*` needs the PTL and the open sequence count) or copying the page
/// outright if it may be pinned.
pub enum ForkWriteProtect {}

/// `fork_write_protect`: Fork's copy of a parent's page tables when anonymous pages must become
/// copy-on-write. The parent's mmap lock is held for writing, `write_protect_seq` is opened so
/// that GUP-fast pinning backs off, and each PTE table is copied under its PTE lock (the
/// child's nested), duplicating the anon rmap of each folio (`folio_try_dup_anon_rmap_*` needs
/// the PTL and the open sequence count) or copying the page outright if it may be pinned.
///
/// Requirement: `(write_most & write_protect_seq.write) & (pte_lock@src_pte)`.
///
/// Spec: `fork_write_protect` (rules/operations.rules:662); source: `mm/memory.c`. Docs:
/// `mm/operations/fork_write_protect.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_src_pte = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_src_pte.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # r_src_pte.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &r_src_pte);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// let g3 = g1.raw_write_seqcount_begin();
/// let (g5, mut c5) = g1.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c1);
/// let (g6, mut c6) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c5).unwrap();
/// let permit = ops::fork_write_protect(&g1, &g6, &g5, &g3);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn fork_write_protect<'g, B: Backend>(
    src_vma_mmap_lock: &'g MmapLockWriteGuard<'_, B>,
    src_pte: &'g PteLockHeldGuard<'_, B>,
    src_vma: &'g VmaLockWriteGuard<'_, B>,
    src_vma_write_protect_seq: &'g WriteProtectSeqWriteGuard<'_, B>,
) -> Permit<'g, ForkWriteProtect> {
    let roles = [src_vma.object().as_raw(), src_pte.object().as_raw()];
    assert!(
        same::<B>(src_vma_mmap_lock.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "fork_write_protect: the mmap_lock guard is for another object"
    );
    assert!(
        same::<B>(src_vma_write_protect_seq.instance(), roles[0], &[LinkId::VmAreaStructMm]),
        "fork_write_protect: the write_protect_seq guard is for another object"
    );
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `gup_get`: Taking *references* to user pages with `FOLL_GET`
/// (`get_user_pages*`). The slow path walks the page tables under the mmap read lock; the fast
/// path walks them with interrupts disabled and no lock. A reference only keeps the page from
/// being freed: it tells the rest of mm nothing about the contents being accessed, so
/// writeback, COW and migration cannot account for it.
pub enum GupGet {}

/// Evidence for `gup_get`: one of slow: mmap_lock.read (mm) | fast: irqs_disabled.
///
/// Spec: `gup_get` (rules/operations.rules:689); source: `mm/gup.c`. Docs:
/// `mm/operations/gup_get.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `gup_get`",
    label = "`gup_get` needs one of: slow: mmap_lock.read (mm) | fast: irqs_disabled",
    note = "rule `gup_get` (rules/operations.rules:689); docs: mm/operations/gup_get.html"
)]
pub trait GupGetEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `gup_get`: `slow`.
impl<'e0, 'e0a, B: Backend> GupGetEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "slow";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `gup_get`: `slow`.
impl<'e0, 'e0a, B: Backend> GupGetEvidence<B> for &'e0 MmapLockDowngradedGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "slow";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `gup_get`: `slow`.
impl<'e0, 'e0a, B: Backend> GupGetEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "slow";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `gup_get`: `fast`.
impl<'e0, B: Backend> GupGetEvidence<B> for &'e0 facts::IrqsDisabled {
    const ALTERNATIVE: &'static str = "fast";

    fn check(&self, _roles: &[Instance]) -> bool {
        true
    }
}

/// `gup_get`: Taking *references* to user pages with `FOLL_GET` (`get_user_pages*`). The slow
/// path walks the page tables under the mmap read lock; the fast path walks them with
/// interrupts disabled and no lock. A reference only keeps the page from being freed: it tells
/// the rest of mm nothing about the contents being accessed, so writeback, COW and migration
/// cannot account for it.
///
/// Requirement: `(foll_get & !foll_longterm) & (any { slow: mmap_lock.read; fast:
/// irqs_disabled; })`.
///
/// Spec: `gup_get` (rules/operations.rules:689); source: `mm/gup.c`. Docs:
/// `mm/operations/gup_get.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// // SAFETY: the example promises the fact `foll_get`.
/// let f1 = unsafe { facts::FollGet::assume() };
/// // SAFETY: the example promises the fact `foll_longterm` is false.
/// let f2 = unsafe { facts::Not::<facts::FollLongterm>::assume() };
/// let permit = ops::gup_get(o_mm_struct.as_mm_struct(), &f1, &f2, &g1);
/// assert_eq!(permit.alternative(), "slow");
/// ```
pub fn gup_get<'g, B: Backend, E: GupGetEvidence<B>>(
    mm: &'g MmStruct<B>,
    _foll_get: &'g facts::FollGet,
    _foll_longterm: &'g facts::Not<facts::FollLongterm>,
    ev: E,
) -> Permit<'g, GupGet> {
    let roles = [mm.as_raw()];
    assert!(ev.check(&roles), "gup_get: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `gup_pin`: *Pinning* user pages with `FOLL_PIN` (`pin_user_pages*`), the
/// required form when the caller will access the page contents outside the normal CPU mapping
/// (DMA, direct I/O). Pins are counted separately from references so that
/// `folio_maybe_dma_pinned` can tell writeback and COW that the page may be written behind
/// their back; they are released with `unpin_user_page*`.
pub enum GupPin {}

/// Evidence for `gup_pin`: one of slow: mmap_lock.read (mm) | fast: write_protect_seq.read (mm)
/// & irqs_disabled.
///
/// Spec: `gup_pin` (rules/operations.rules:717); source: `mm/gup.c`. Docs:
/// `mm/operations/gup_pin.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `gup_pin`",
    label = "`gup_pin` needs one of: slow: mmap_lock.read (mm) | fast: write_protect_seq.read (mm) & irqs_disabled",
    note = "rule `gup_pin` (rules/operations.rules:717); docs: mm/operations/gup_pin.html"
)]
pub trait GupPinEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `gup_pin`: `slow`.
impl<'e0, 'e0a, B: Backend> GupPinEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "slow";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `gup_pin`: `slow`.
impl<'e0, 'e0a, B: Backend> GupPinEvidence<B> for &'e0 MmapLockDowngradedGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "slow";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `gup_pin`: `slow`.
impl<'e0, 'e0a, B: Backend> GupPinEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "slow";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `gup_pin`: `fast`.
impl<'e0, 'e0a, 'e1, B: Backend> GupPinEvidence<B>
    for (&'e0 WriteProtectSeqReadGuard<'e0a, B>, &'e1 facts::IrqsDisabled)
{
    const ALTERNATIVE: &'static str = "fast";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[])
    }
}

/// `gup_pin`: *Pinning* user pages with `FOLL_PIN` (`pin_user_pages*`), the required form when
/// the caller will access the page contents outside the normal CPU mapping (DMA, direct I/O).
/// Pins are counted separately from references so that `folio_maybe_dma_pinned` can tell
/// writeback and COW that the page may be written behind their back; they are released with
/// `unpin_user_page*`.
///
/// Requirement: `(foll_pin) & (any { slow: mmap_lock.read; fast: irqs_disabled &
/// write_protect_seq.read; })`.
///
/// Spec: `gup_pin` (rules/operations.rules:717); source: `mm/gup.c`. Docs:
/// `mm/operations/gup_pin.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// // SAFETY: the example promises the fact `foll_pin`.
/// let f1 = unsafe { facts::FollPin::assume() };
/// let permit = ops::gup_pin(o_mm_struct.as_mm_struct(), &f1, &g1);
/// assert_eq!(permit.alternative(), "slow");
/// ```
pub fn gup_pin<'g, B: Backend, E: GupPinEvidence<B>>(
    mm: &'g MmStruct<B>,
    _foll_pin: &'g facts::FollPin,
    ev: E,
) -> Permit<'g, GupPin> {
    let roles = [mm.as_raw()];
    assert!(ev.check(&roles), "gup_pin: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `gup_pin_longterm`: Long-term pins (`FOLL_PIN | FOLL_LONGTERM`): pins an
/// unprivileged user can hold indefinitely (RDMA, VFIO, io_uring fixed buffers). GUP first
/// migrates the pages out of `ZONE_MOVABLE` and CMA areas, so the pin does not break memory
/// hot-unplug, CMA allocations or compaction. `FOLL_LONGTERM` is only accepted together with
/// `FOLL_PIN`.
pub enum GupPinLongterm {}

/// Evidence for `gup_pin_longterm`: one of slow: mmap_lock.read (mm) | fast:
/// write_protect_seq.read (mm) & irqs_disabled.
///
/// Spec: `gup_pin_longterm` (rules/operations.rules:740); source: `mm/gup.c`. Docs:
/// `mm/operations/gup_pin_longterm.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `gup_pin_longterm`",
    label = "`gup_pin_longterm` needs one of: slow: mmap_lock.read (mm) | fast: write_protect_seq.read (mm) & irqs_disabled",
    note = "rule `gup_pin_longterm` (rules/operations.rules:740); docs: mm/operations/gup_pin_longterm.html"
)]
pub trait GupPinLongtermEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `gup_pin_longterm`: `slow`.
impl<'e0, 'e0a, B: Backend> GupPinLongtermEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "slow";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `gup_pin_longterm`: `slow`.
impl<'e0, 'e0a, B: Backend> GupPinLongtermEvidence<B> for &'e0 MmapLockDowngradedGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "slow";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `gup_pin_longterm`: `slow`.
impl<'e0, 'e0a, B: Backend> GupPinLongtermEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "slow";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `gup_pin_longterm`: `fast`.
impl<'e0, 'e0a, 'e1, B: Backend> GupPinLongtermEvidence<B>
    for (&'e0 WriteProtectSeqReadGuard<'e0a, B>, &'e1 facts::IrqsDisabled)
{
    const ALTERNATIVE: &'static str = "fast";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>(self.0.instance(), roles[0], &[])
    }
}

/// `gup_pin_longterm`: Long-term pins (`FOLL_PIN | FOLL_LONGTERM`): pins an unprivileged user
/// can hold indefinitely (RDMA, VFIO, io_uring fixed buffers). GUP first migrates the pages out
/// of `ZONE_MOVABLE` and CMA areas, so the pin does not break memory hot-unplug, CMA
/// allocations or compaction. `FOLL_LONGTERM` is only accepted together with `FOLL_PIN`.
///
/// Requirement: `(foll_pin & foll_longterm) & (any { slow: mmap_lock.read; fast: irqs_disabled
/// & write_protect_seq.read; })`.
///
/// Spec: `gup_pin_longterm` (rules/operations.rules:740); source: `mm/gup.c`. Docs:
/// `mm/operations/gup_pin_longterm.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// // SAFETY: the example promises the fact `foll_longterm`.
/// let f1 = unsafe { facts::FollLongterm::assume() };
/// // SAFETY: the example promises the fact `foll_pin`.
/// let f2 = unsafe { facts::FollPin::assume() };
/// let permit = ops::gup_pin_longterm(o_mm_struct.as_mm_struct(), &f1, &f2, &g1);
/// assert_eq!(permit.alternative(), "slow");
/// ```
pub fn gup_pin_longterm<'g, B: Backend, E: GupPinLongtermEvidence<B>>(
    mm: &'g MmStruct<B>,
    _foll_longterm: &'g facts::FollLongterm,
    _foll_pin: &'g facts::FollPin,
    ev: E,
) -> Permit<'g, GupPinLongterm> {
    let roles = [mm.as_raw()];
    assert!(ev.check(&roles), "gup_pin_longterm: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `mmu_notifier_invalidate`: Telling secondary MMUs (KVM, IOMMU SVA, HMM
/// mirrors) that a range of the process page tables is about to change.
/// `mmu_notifier_invalidate_range_start` and `mmu_notifier_invalidate_range_end` bracket the
/// change; between them a secondary MMU must not establish new translations for the range.
/// Callbacks may sleep (unless the non-blocking variant is used), so the bracket is opened and
/// closed outside the page-table locks, while the VMA is held stable - under the mmap lock for
/// process-side changes, under the rmap lock for reclaim and migration.
pub enum MmuNotifierInvalidate {}

/// Evidence for `mmu_notifier_invalidate`: one of mmap_lock.read (vma) | vma_lock.read (vma) |
/// anon_vma_lock.read (vma) | i_mmap_lock.read (vma).
///
/// Spec: `mmu_notifier_invalidate` (rules/operations.rules:763); source:
/// `include/linux/mmu_notifier.h`. Docs: `mm/operations/mmu_notifier_invalidate.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `mmu_notifier_invalidate`",
    label = "`mmu_notifier_invalidate` needs one of: mmap_lock.read (vma) | vma_lock.read (vma) | anon_vma_lock.read (vma) | i_mmap_lock.read (vma)",
    note = "rule `mmu_notifier_invalidate` (rules/operations.rules:763); docs: mm/operations/mmu_notifier_invalidate.html"
)]
pub trait MmuNotifierInvalidateEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `mmu_notifier_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> MmuNotifierInvalidateEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `mmu_notifier_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> MmuNotifierInvalidateEvidence<B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `mmu_notifier_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> MmuNotifierInvalidateEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `mmu_notifier_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> MmuNotifierInvalidateEvidence<B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `mmu_notifier_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> MmuNotifierInvalidateEvidence<B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `mmu_notifier_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> MmuNotifierInvalidateEvidence<B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `mmu_notifier_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> MmuNotifierInvalidateEvidence<B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `mmu_notifier_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> MmuNotifierInvalidateEvidence<B> for &'e0 IMmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// an alternative of `mmu_notifier_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> MmuNotifierInvalidateEvidence<B> for &'e0 IMmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

/// `mmu_notifier_invalidate`: Telling secondary MMUs (KVM, IOMMU SVA, HMM mirrors) that a range
/// of the process page tables is about to change. `mmu_notifier_invalidate_range_start` and
/// `mmu_notifier_invalidate_range_end` bracket the change; between them a secondary MMU must
/// not establish new translations for the range. Callbacks may sleep (unless the non-blocking
/// variant is used), so the bracket is opened and closed outside the page-table locks, while
/// the VMA is held stable - under the mmap lock for process-side changes, under the rmap lock
/// for reclaim and migration.
///
/// Requirement: `(stable) & (!pte_lock@pte)`.
///
/// Spec: `mmu_notifier_invalidate` (rules/operations.rules:763); source:
/// `include/linux/mmu_notifier.h`. Docs: `mm/operations/mmu_notifier_invalidate.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_pte = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_pte.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # r_pte.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &r_pte);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// let permit = ops::mmu_notifier_invalidate(o_vm_area_struct.as_vm_area_struct(), r_pte.as_pte_table(), &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn mmu_notifier_invalidate<'g, B: Backend, E: MmuNotifierInvalidateEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    pte: &'g PteTable<B>,
    ev: E,
) -> Permit<'g, MmuNotifierInvalidate> {
    let roles = [vma.as_raw(), pte.as_raw()];
    assert!(ev.check(&roles), "mmu_notifier_invalidate: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `secondary_tlb_invalidate`: Flushing secondary TLBs (IOMMUs that walk
/// the CPU page tables themselves) for entries just changed. It is driven from the CPU
/// TLB-flush paths, so it runs after the primary entry was cleared and flushed - mirroring the
/// CPU order "clear the PTE, flush the TLB, then free the page" - often still under the PTE
/// lock, and the callback must not sleep.
pub enum SecondaryTlbInvalidate {}

/// Evidence for `secondary_tlb_invalidate`: one of mmap_lock.read (vma) | vma_lock.read (vma) |
/// anon_vma_lock.read (vma) | i_mmap_lock.read (vma).
///
/// Spec: `secondary_tlb_invalidate` (rules/operations.rules:789); source:
/// `include/linux/mmu_notifier.h`. Docs: `mm/operations/secondary_tlb_invalidate.html`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not evidence for `secondary_tlb_invalidate`",
    label = "`secondary_tlb_invalidate` needs one of: mmap_lock.read (vma) | vma_lock.read (vma) | anon_vma_lock.read (vma) | i_mmap_lock.read (vma)",
    note = "rule `secondary_tlb_invalidate` (rules/operations.rules:789); docs: mm/operations/secondary_tlb_invalidate.html"
)]
pub trait SecondaryTlbInvalidateEvidence<B: Backend> {
    /// The spec's label of the alternative this evidence meets.
    const ALTERNATIVE: &'static str;
    /// Whether the guards are for the objects named (subject first, then roles).
    fn check(&self, roles: &[Instance]) -> bool;
}

// an alternative of `secondary_tlb_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SecondaryTlbInvalidateEvidence<B> for &'e0 MmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `secondary_tlb_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SecondaryTlbInvalidateEvidence<B>
    for &'e0 MmapLockDowngradedGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `secondary_tlb_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SecondaryTlbInvalidateEvidence<B> for &'e0 MmapLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMm])
    }
}

// an alternative of `secondary_tlb_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SecondaryTlbInvalidateEvidence<B> for &'e0 VmaLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `secondary_tlb_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SecondaryTlbInvalidateEvidence<B> for &'e0 VmaLockWriteGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[])
    }
}

// an alternative of `secondary_tlb_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SecondaryTlbInvalidateEvidence<B>
    for &'e0 AnonVmaLockReadGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `secondary_tlb_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SecondaryTlbInvalidateEvidence<B>
    for &'e0 AnonVmaLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructAnonVma])
    }
}

// an alternative of `secondary_tlb_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SecondaryTlbInvalidateEvidence<B> for &'e0 IMmapLockReadGuard<'e0a, B> {
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

// an alternative of `secondary_tlb_invalidate`: `(unnamed)`.
impl<'e0, 'e0a, B: Backend> SecondaryTlbInvalidateEvidence<B>
    for &'e0 IMmapLockWriteGuard<'e0a, B>
{
    const ALTERNATIVE: &'static str = "";

    fn check(&self, roles: &[Instance]) -> bool {
        same::<B>((*self).instance(), roles[0], &[LinkId::VmAreaStructMapping])
    }
}

/// `secondary_tlb_invalidate`: Flushing secondary TLBs (IOMMUs that walk the CPU page tables
/// themselves) for entries just changed. It is driven from the CPU TLB-flush paths, so it runs
/// after the primary entry was cleared and flushed - mirroring the CPU order "clear the PTE,
/// flush the TLB, then free the page" - often still under the PTE lock, and the callback must
/// not sleep.
///
/// Requirement: `stable & primary_pte_cleared`.
///
/// Spec: `secondary_tlb_invalidate` (rules/operations.rules:789); source:
/// `include/linux/mmu_notifier.h`. Docs: `mm/operations/secondary_tlb_invalidate.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # r_unused.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # r_unused.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # r_unused.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &r_unused);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
/// // SAFETY: the example promises the fact `primary_pte_cleared`.
/// let f1 = unsafe { facts::PrimaryPteCleared::assume() };
/// let permit = ops::secondary_tlb_invalidate(o_vm_area_struct.as_vm_area_struct(), &f1, &g1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn secondary_tlb_invalidate<'g, B: Backend, E: SecondaryTlbInvalidateEvidence<B>>(
    vma: &'g VmAreaStruct<B>,
    _primary_pte_cleared: &'g facts::PrimaryPteCleared,
    ev: E,
) -> Permit<'g, SecondaryTlbInvalidate> {
    let roles = [vma.as_raw()];
    assert!(ev.check(&roles), "secondary_tlb_invalidate: a guard is for another object");
    Permit::new(E::ALTERNATIVE)
}

/// Marker of operation `mmu_notifier_register_locked`: Registering an MMU notifier on an mm
/// whose mmap lock the caller already holds for writing (`__mmu_notifier_register`,
/// `mmu_interval_notifier_insert_locked`, both asserting the write lock). The write lock and a
/// user reference on the mm keep any invalidation from being in flight while the subscription
/// is added.
pub enum MmuNotifierRegisterLocked {}

/// `mmu_notifier_register_locked`: Registering an MMU notifier on an mm whose mmap lock the
/// caller already holds for writing (`__mmu_notifier_register`,
/// `mmu_interval_notifier_insert_locked`, both asserting the write lock). The write lock and a
/// user reference on the mm keep any invalidation from being in flight while the subscription
/// is added.
///
/// Requirement: `mmap_lock.write & mm_users_held`.
///
/// Spec: `mmu_notifier_register_locked` (rules/operations.rules:804); source:
/// `mm/mmu_notifier.c`. Docs: `mm/operations/mmu_notifier_register_locked.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
/// // SAFETY: the example promises the fact `mm_users_held`.
/// let f1 = unsafe { facts::MmUsersHeld::assume() };
/// let permit = ops::mmu_notifier_register_locked(&g1, &f1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn mmu_notifier_register_locked<'g, B: Backend>(
    mm: &'g MmapLockWriteGuard<'_, B>,
    _mm_users_held: &'g facts::MmUsersHeld,
) -> Permit<'g, MmuNotifierRegisterLocked> {
    let roles = [mm.object().as_raw()];
    let _ = roles;
    Permit::new("")
}

/// Marker of operation `mmu_notifier_register`: Registering an MMU notifier on an mm with the
/// functions that take the mmap write lock themselves: `mmu_notifier_register` wraps
/// `__mmu_notifier_register` in `mmap_write_lock` / `mmap_write_unlock`, and
/// `mmu_interval_notifier_insert` may do the same (it declares `might_lock` on the mmap lock).
/// So the caller must not hold the mmap lock, in any mode.
pub enum MmuNotifierRegister {}

/// `mmu_notifier_register`: Registering an MMU notifier on an mm with the functions that take
/// the mmap write lock themselves: `mmu_notifier_register` wraps `__mmu_notifier_register` in
/// `mmap_write_lock` / `mmap_write_unlock`, and `mmu_interval_notifier_insert` may do the same
/// (it declares `might_lock` on the mmap lock). So the caller must not hold the mmap lock, in
/// any mode.
///
/// Requirement: `!mmap_lock & mm_users_held`.
///
/// Spec: `mmu_notifier_register` (rules/operations.rules:817); source: `mm/mmu_notifier.c`.
/// Docs: `mm/operations/mmu_notifier_register.html`.
///
/// # Panics
///
/// When a guard is for another object than the one named (checked through the links).
///
/// # Examples
///
/// ```
/// use lockspec_mm::backend::LinkId;
/// use lockspec_mm::facts;
/// use lockspec_mm::guards::*;
/// use lockspec_mm::ops::{self, Conditional};
/// use lockspec_mm::order::Ctx;
/// use lockspec_mm::test_backend::{TestBackend, TestObject};
///
/// # let o_mm_struct = TestObject::new();
/// # let o_vm_area_struct = TestObject::new();
/// # let o_anon_vma = TestObject::new();
/// # let o_address_space = TestObject::new();
/// # let o_inode = TestObject::new();
/// # let o_folio = TestObject::new();
/// # let o_pmd_table = TestObject::new();
/// # let o_pte_table = TestObject::new();
/// # let o_lruvec = TestObject::new();
/// # let o_bdi_writeback = TestObject::new();
/// # let r_unused = TestObject::new();
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMm, &o_mm_struct);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructAnonVma, &o_anon_vma);
/// # o_vm_area_struct.link_to(LinkId::VmAreaStructMapping, &o_address_space);
/// # o_anon_vma.link_to(LinkId::AnonVmaRoot, &o_anon_vma);
/// # o_anon_vma.link_to(LinkId::AnonVmaParent, &o_anon_vma);
/// # o_address_space.link_to(LinkId::AddressSpaceHost, &o_inode);
/// # o_inode.link_to(LinkId::InodeMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioMapping, &o_address_space);
/// # o_folio.link_to(LinkId::FolioAnonVma, &o_anon_vma);
/// # o_pmd_table.link_to(LinkId::PmdTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTableMm, &o_mm_struct);
/// # o_pte_table.link_to(LinkId::PteTablePmd, &o_pmd_table);
/// # o_mm_struct.set_found("lock_vma_under_rcu", &o_vm_area_struct);
/// # o_mm_struct.set_found("get_locked_pte", &o_pte_table);
/// // SAFETY: this thread holds no lock.
/// let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
/// // SAFETY: the example promises the fact `mm_users_held`.
/// let f1 = unsafe { facts::MmUsersHeld::assume() };
/// let permit = ops::mmu_notifier_register(o_mm_struct.as_mm_struct(), &f1);
/// assert_eq!(permit.alternative(), "");
/// ```
pub fn mmu_notifier_register<'g, B: Backend>(
    mm: &'g MmStruct<B>,
    _mm_users_held: &'g facts::MmUsersHeld,
) -> Permit<'g, MmuNotifierRegister> {
    let roles = [mm.as_raw()];
    let _ = roles;
    Permit::new("")
}

/// A guard of `mmap_lock` in a mode that satisfies the one a rule names.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not hold `mmap_lock` in a mode the rule accepts",
    label = "needs one of: MmapLockReadGuard, MmapLockDowngradedGuard, MmapLockWriteGuard",
    note = "docs: mm/locks.html#mmap_lock"
)]
pub trait HoldsMmapLockRead<B: Backend>: Guard<B> {}

impl<B: Backend> HoldsMmapLockRead<B> for MmapLockReadGuard<'_, B> {}
impl<B: Backend> HoldsMmapLockRead<B> for MmapLockDowngradedGuard<'_, B> {}
impl<B: Backend> HoldsMmapLockRead<B> for MmapLockWriteGuard<'_, B> {}
