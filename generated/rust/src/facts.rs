//! Facts: preconditions that are not locks, as tokens only an `unsafe` promise makes.

use core::marker::PhantomData;

/// The fact `F` does not hold.
pub struct Not<F> {
    _fact: PhantomData<(F, *const ())>,
}

impl<F> Not<F> {
    /// Asserts that the fact does not hold.
    ///
    /// # Safety
    ///
    /// The fact `F` is false for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Not { _fact: PhantomData }
    }
}

/// Fact `file_backed`: The VMA maps a file, so it is linked into the file's `i_mmap` interval
/// tree.
///
/// Spec: `file_backed` (rules/requirements.rules:27); source: `include/linux/mm_types.h`.
pub struct FileBacked {
    _not_send: PhantomData<*const ()>,
}

impl FileBacked {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The VMA maps a file, so it is linked into the file's `i_mmap` interval tree. (C test:
    /// `vma->vm_file != NULL`) It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `anonymous`: The VMA is anonymous (no `vm_ops`); its pages are reached through
/// anon_vmas only.
///
/// Spec: `anonymous` (rules/requirements.rules:32); source: `include/linux/mm.h`.
pub struct Anonymous {
    _not_send: PhantomData<*const ()>,
}

impl Anonymous {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The VMA is anonymous (no `vm_ops`); its pages are reached through anon_vmas only. (C
    /// test: `vma_is_anonymous(vma)`) It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `has_anon_vma`: The VMA has an anon_vma, so it is linked into an anon_vma interval
/// tree. True for anonymous VMAs once a page has been faulted in, and for private file mappings
/// after a copy-on-write.
///
/// Spec: `has_anon_vma` (rules/requirements.rules:37); source: `include/linux/mm_types.h`.
pub struct HasAnonVma {
    _not_send: PhantomData<*const ()>,
}

impl HasAnonVma {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The VMA has an anon_vma, so it is linked into an anon_vma interval tree. True for
    /// anonymous VMAs once a page has been faulted in, and for private file mappings after a
    /// copy-on-write. (C test: `vma->anon_vma != NULL`) It holds for as long as the token
    /// lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `stack_vma`: The VMA is a stack that may grow towards the faulting address.
///
/// Spec: `stack_vma` (rules/requirements.rules:46); source: `mm/vma.c`.
pub struct StackVma {
    _not_send: PhantomData<*const ()>,
}

impl StackVma {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The VMA is a stack that may grow towards the faulting address. (C test: `vma->vm_flags &
    /// (VM_GROWSDOWN | VM_GROWSUP)`) It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `irqs_disabled`: Local interrupts are disabled. GUP-fast walks page tables this way:
/// freeing a page table needs either an RCU grace period (`CONFIG_MMU_GATHER_RCU_TABLE_FREE`)
/// or a TLB shoot-down IPI, and a CPU with interrupts off delays both, so the tables it is
/// looking at cannot be freed under it.
///
/// Spec: `irqs_disabled` (rules/requirements.rules:51); source: `mm/gup.c`.
pub struct IrqsDisabled {
    _not_send: PhantomData<*const ()>,
}

impl IrqsDisabled {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// Local interrupts are disabled. GUP-fast walks page tables this way: freeing a page table
    /// needs either an RCU grace period (`CONFIG_MMU_GATHER_RCU_TABLE_FREE`) or a TLB
    /// shoot-down IPI, and a CPU with interrupts off delays both, so the tables it is looking
    /// at cannot be freed under it. (C test: `irqs_disabled()`) It holds for as long as the
    /// token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `revalidated_under_ptl`: Anything found while walking without the PTE lock has been
/// checked again after taking it: the PMD entry still points at the same PTE table (`pmd_same`)
/// and, where it matters, the entry still holds what was read (`pte_same`). Only then may the
/// walker act on what it found. `pte_offset_map_lock` does the PMD half itself.
///
/// Spec: `revalidated_under_ptl` (rules/requirements.rules:61); source: `mm/pgtable-generic.c`.
pub struct RevalidatedUnderPtl {
    _not_send: PhantomData<*const ()>,
}

impl RevalidatedUnderPtl {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// Anything found while walking without the PTE lock has been checked again after taking
    /// it: the PMD entry still points at the same PTE table (`pmd_same`) and, where it matters,
    /// the entry still holds what was read (`pte_same`). Only then may the walker act on what
    /// it found. `pte_offset_map_lock` does the PMD half itself. (C test: `pmd_same(pmdval,
    /// pmdp_get_lockless(pmd))`) It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `pmd_revalidated`: After taking the PMD lock, the PMD entry has been reread and still
/// meets the caller's requirements - in v7.0's `retract_page_tables` that it maps a PTE table
/// at all (`check_pmd_state`, mm/khugepaged.c: not none, not a migration entry, not a huge
/// PMD), not that it is the table seen earlier. Enough for a writer that does not care whether
/// the PTE table below is the same one (process_addrs.rst, "Locking rules"). A writer that does
/// care compares the entry with `pmd_same` (`revalidated_under_ptl`).
///
/// Spec: `pmd_revalidated` (rules/requirements.rules:71); source: `mm/khugepaged.c`.
pub struct PmdRevalidated {
    _not_send: PhantomData<*const ()>,
}

impl PmdRevalidated {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// After taking the PMD lock, the PMD entry has been reread and still meets the caller's
    /// requirements - in v7.0's `retract_page_tables` that it maps a PTE table at all
    /// (`check_pmd_state`, mm/khugepaged.c: not none, not a migration entry, not a huge PMD),
    /// not that it is the table seen earlier. Enough for a writer that does not care whether
    /// the PTE table below is the same one (process_addrs.rst, "Locking rules"). A writer that
    /// does care compares the entry with `pmd_same` (`revalidated_under_ptl`). (C test:
    /// `check_pmd_state(pmd) == SCAN_SUCCEED`) It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `pte_table_empty`: Every entry of the PTE table is `pte_none` (checked under the PTE
/// lock).
///
/// Spec: `pte_table_empty` (rules/requirements.rules:83); source: `mm/memory.c`.
pub struct PteTableEmpty {
    _not_send: PhantomData<*const ()>,
}

impl PteTableEmpty {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// Every entry of the PTE table is `pte_none` (checked under the PTE lock). It holds for as
    /// long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `freed_after_grace_period`: The detached page table is freed only after RCU readers
/// (and interrupts-disabled walkers) that might still see it are gone: `pte_free_defer` or the
/// RCU-deferred `tlb_remove_table` path.
///
/// Spec: `freed_after_grace_period` (rules/requirements.rules:88); source:
/// `mm/pgtable-generic.c`.
pub struct FreedAfterGracePeriod {
    _not_send: PhantomData<*const ()>,
}

impl FreedAfterGracePeriod {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The detached page table is freed only after RCU readers (and interrupts-disabled
    /// walkers) that might still see it are gone: `pte_free_defer` or the RCU-deferred
    /// `tlb_remove_table` path. It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `unreachable_via_rmap`: No VMA that covers the range whose page tables are being freed
/// can be found through the reverse mapping: neither through an `anon_vma->rb_root` nor through
/// a `mapping->i_mmap` interval tree. `free_pgtables` unlinks the VMAs it is given itself
/// (`unlink_anon_vmas`, `unlink_file_vma_batch_add`), but the caller must make sure no *other*
/// VMA overlapping the range is still reachable.
///
/// Spec: `unreachable_via_rmap` (rules/requirements.rules:97); source:
/// `Documentation/mm/process_addrs.rst#page-table-freeing`.
pub struct UnreachableViaRmap {
    _not_send: PhantomData<*const ()>,
}

impl UnreachableViaRmap {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// No VMA that covers the range whose page tables are being freed can be found through the
    /// reverse mapping: neither through an `anon_vma->rb_root` nor through a `mapping->i_mmap`
    /// interval tree. `free_pgtables` unlinks the VMAs it is given itself (`unlink_anon_vmas`,
    /// `unlink_file_vma_batch_add`), but the caller must make sure no *other* VMA overlapping
    /// the range is still reachable. It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `zapped_no_installs`: The range has already been zapped and nothing can install new
/// entries in it before the tables are freed (faults are excluded: the VMAs are detached or
/// write-locked, and the rmap cannot populate entries).
///
/// Spec: `zapped_no_installs` (rules/requirements.rules:108); source: `mm/memory.c`.
pub struct ZappedNoInstalls {
    _not_send: PhantomData<*const ()>,
}

impl ZappedNoInstalls {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The range has already been zapped and nothing can install new entries in it before the
    /// tables are freed (faults are excluded: the VMAs are detached or write-locked, and the
    /// rmap cannot populate entries). It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `anon_vma_chain_unlinked`: None of the VMA's `struct anon_vma_chain` entries is in an
/// anon_vma's interval tree: they were allocated by an `anon_vma_clone` that failed before
/// linking them (`cleanup_partial_anon_vmas` frees them), so no reverse-mapping walker can have
/// reached the VMA through an anon_vma.
///
/// Spec: `anon_vma_chain_unlinked` (rules/requirements.rules:117); source: `mm/rmap.c`.
pub struct AnonVmaChainUnlinked {
    _not_send: PhantomData<*const ()>,
}

impl AnonVmaChainUnlinked {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// None of the VMA's `struct anon_vma_chain` entries is in an anon_vma's interval tree:
    /// they were allocated by an `anon_vma_clone` that failed before linking them
    /// (`cleanup_partial_anon_vmas` frees them), so no reverse-mapping walker can have reached
    /// the VMA through an anon_vma. It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `vma_detached`: The VMA has been removed from the mm's maple tree (its `vm_refcnt` is
/// zero): no new lookup, VMA-locked or mmap-locked, can find it.
///
/// Spec: `vma_detached` (rules/requirements.rules:127); source: `include/linux/mmap_lock.h`.
pub struct VmaDetached {
    _not_send: PhantomData<*const ()>,
}

impl VmaDetached {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The VMA has been removed from the mm's maple tree (its `vm_refcnt` is zero): no new
    /// lookup, VMA-locked or mmap-locked, can find it. (C test: `!vma_is_attached(vma)`) It
    /// holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `atomic_vma_flag`: The VMA flag being set is one that v7.0 allows to change atomically
/// under a read-side lock (`VM_ATOMIC_SET_ALLOWED`, include/linux/mm.h); `vma_set_atomic_flag`
/// warns and refuses any other.
///
/// Spec: `atomic_vma_flag` (rules/requirements.rules:135); source: `include/linux/mm.h`.
pub struct AtomicVmaFlag {
    _not_send: PhantomData<*const ()>,
}

impl AtomicVmaFlag {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The VMA flag being set is one that v7.0 allows to change atomically under a read-side
    /// lock (`VM_ATOMIC_SET_ALLOWED`, include/linux/mm.h); `vma_set_atomic_flag` warns and
    /// refuses any other. (C test: `mask & VM_ATOMIC_SET_ALLOWED`) It holds for as long as the
    /// token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `user_mm`: The mm is a user address space, not the kernel's `init_mm`.
///
/// Spec: `user_mm` (rules/requirements.rules:144); source: `mm/pagewalk.c`.
pub struct UserMm {
    _not_send: PhantomData<*const ()>,
}

impl UserMm {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The mm is a user address space, not the kernel's `init_mm`. (C test: `mm != &init_mm`)
    /// It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `is_init_mm`: The mm is the kernel's own `init_mm`.
///
/// Spec: `is_init_mm` (rules/requirements.rules:149); source: `mm/pagewalk.c`.
pub struct IsInitMm {
    _not_send: PhantomData<*const ()>,
}

impl IsInitMm {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The mm is the kernel's own `init_mm`. (C test: `mm == &init_mm`) It holds for as long as
    /// the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `mm_users_held`: The caller holds a user reference on the mm (`mmget` /
/// `mmget_not_zero`), so its address space and page tables are not being torn down by
/// `exit_mmap`. Needed for example to walk another process's page tables under a VMA lock, and
/// to register an MMU notifier.
///
/// Spec: `mm_users_held` (rules/requirements.rules:154); source: `include/linux/sched/mm.h`.
pub struct MmUsersHeld {
    _not_send: PhantomData<*const ()>,
}

impl MmUsersHeld {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The caller holds a user reference on the mm (`mmget` / `mmget_not_zero`), so its address
    /// space and page tables are not being torn down by `exit_mmap`. Needed for example to walk
    /// another process's page tables under a VMA lock, and to register an MMU notifier. (C
    /// test: `atomic_read(&mm->mm_users) > 0`) It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `rmap_order_safe`: mremap may skip the rmap locks when moving PTEs if rmap walkers are
/// guaranteed to see either the old or the new entries anyway: the destination VMA is placed
/// after the source in rmap traversal order, or the move is exec's relocation of its temporary
/// stack (`vma_is_temporary_stack`). `need_rmap_locks` is false exactly then.
///
/// Spec: `rmap_order_safe` (rules/requirements.rules:164); source: `mm/mremap.c`.
pub struct RmapOrderSafe {
    _not_send: PhantomData<*const ()>,
}

impl RmapOrderSafe {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// mremap may skip the rmap locks when moving PTEs if rmap walkers are guaranteed to see
    /// either the old or the new entries anyway: the destination VMA is placed after the source
    /// in rmap traversal order, or the move is exec's relocation of its temporary stack
    /// (`vma_is_temporary_stack`). `need_rmap_locks` is false exactly then. It holds for as
    /// long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `foll_get`: The GUP call takes ordinary page references (`get_user_pages*`).
///
/// Spec: `foll_get` (rules/requirements.rules:174); source: `mm/gup.c`.
pub struct FollGet {
    _not_send: PhantomData<*const ()>,
}

impl FollGet {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The GUP call takes ordinary page references (`get_user_pages*`). (C test: `gup_flags &
    /// FOLL_GET`) It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `foll_pin`: The GUP call pins the pages (`pin_user_pages*`): the folio's pin count is
/// raised so the rest of mm can tell that the contents may be accessed behind its back (DMA),
/// and must be released with `unpin_user_page*`.
///
/// Spec: `foll_pin` (rules/requirements.rules:179); source: `mm/gup.c`.
pub struct FollPin {
    _not_send: PhantomData<*const ()>,
}

impl FollPin {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The GUP call pins the pages (`pin_user_pages*`): the folio's pin count is raised so the
    /// rest of mm can tell that the contents may be accessed behind its back (DMA), and must be
    /// released with `unpin_user_page*`. (C test: `gup_flags & FOLL_PIN`) It holds for as long
    /// as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `foll_longterm`: The pin may be held for an unbounded time (RDMA, VFIO, io_uring fixed
/// buffers). Only meaningful together with `FOLL_PIN`; GUP first migrates such pages out of
/// movable zones and CMA areas so the pin does not block memory offlining or compaction.
///
/// Spec: `foll_longterm` (rules/requirements.rules:188); source: `mm/gup.c`.
pub struct FollLongterm {
    _not_send: PhantomData<*const ()>,
}

impl FollLongterm {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The pin may be held for an unbounded time (RDMA, VFIO, io_uring fixed buffers). Only
    /// meaningful together with `FOLL_PIN`; GUP first migrates such pages out of movable zones
    /// and CMA areas so the pin does not block memory offlining or compaction. (C test:
    /// `gup_flags & FOLL_LONGTERM`) It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `secondary_mmu_synchronised`: The caller keeps its own translations (a secondary MMU
/// such as KVM's stage-2 tables) coherent with the process page tables through a registered MMU
/// notifier, instead of relying on a page reference or pin.
///
/// Spec: `secondary_mmu_synchronised` (rules/requirements.rules:197); source:
/// `include/linux/mmu_notifier.h`.
pub struct SecondaryMmuSynchronised {
    _not_send: PhantomData<*const ()>,
}

impl SecondaryMmuSynchronised {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The caller keeps its own translations (a secondary MMU such as KVM's stage-2 tables)
    /// coherent with the process page tables through a registered MMU notifier, instead of
    /// relying on a page reference or pin. It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `primary_pte_cleared`: The process (primary MMU) page-table entry has already been
/// cleared or write-protected, and flushed, before the secondary MMU's copy is invalidated.
/// Invalidating the secondary copy first would leave a window in which a secondary fault could
/// re-establish it from the still-present primary entry.
///
/// Spec: `primary_pte_cleared` (rules/requirements.rules:206); source:
/// `include/linux/mmu_notifier.h`.
pub struct PrimaryPteCleared {
    _not_send: PhantomData<*const ()>,
}

impl PrimaryPteCleared {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The process (primary MMU) page-table entry has already been cleared or write-protected,
    /// and flushed, before the secondary MMU's copy is invalidated. Invalidating the secondary
    /// copy first would leave a window in which a secondary fault could re-establish it from
    /// the still-present primary entry. It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `swap_ra_atomic`: The field is only touched with `atomic_long_*` operations.
///
/// Spec: `swap_ra_atomic` (rules/requirements.rules:216); source: `mm/swap_state.c`.
pub struct SwapRaAtomic {
    _not_send: PhantomData<*const ()>,
}

impl SwapRaAtomic {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The field is only touched with `atomic_long_*` operations. It holds for as long as the
    /// token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}

/// Fact `numab_scan_owner`: The caller is the one task that won the right to scan this mm for
/// NUMA balancing in this period (the `try_cmpxchg` on `mm->numa_next_scan` in
/// `task_numa_work`); this is the "numab-specific lock" of the docs.
///
/// Spec: `numab_scan_owner` (rules/requirements.rules:221); source: `kernel/sched/fair.c`.
pub struct NumabScanOwner {
    _not_send: PhantomData<*const ()>,
}

impl NumabScanOwner {
    /// Asserts the fact.
    ///
    /// # Safety
    ///
    /// The caller is the one task that won the right to scan this mm for NUMA balancing in this
    /// period (the `try_cmpxchg` on `mm->numa_next_scan` in `task_numa_work`); this is the
    /// "numab-specific lock" of the docs. It holds for as long as the token lives.
    pub unsafe fn assume() -> Self {
        Self { _not_send: PhantomData }
    }
}
