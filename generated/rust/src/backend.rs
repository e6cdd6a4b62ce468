//! The backend trait: what the type-state stubs need from a real implementation.

use core::ffi::CStr;
use core::ptr::NonNull;

/// The address of a backend object (an `mm_struct`, a VMA, a page table ...).
pub type Instance = NonNull<u8>;

/// A lock class of the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockId {
    /// `mmap_lock`.
    MmapLock,
    /// `mm_lock_seq`.
    MmLockSeq,
    /// `vma_lock`.
    VmaLock,
    /// `anon_vma_lock`.
    AnonVmaLock,
    /// `i_mmap_lock`.
    IMmapLock,
    /// `page_table_lock`.
    PageTableLock,
    /// `pmd_lock`.
    PmdLock,
    /// `pte_lock`.
    PteLock,
    /// `rcu`.
    Rcu,
    /// `write_protect_seq`.
    WriteProtectSeq,
    /// `i_rwsem`.
    IRwsem,
    /// `invalidate_lock`.
    InvalidateLock,
    /// `folio_lock`.
    FolioLock,
    /// `hugetlb_folio_lock`.
    HugetlbFolioLock,
    /// `hugetlbfs_i_mmap_rwsem`.
    HugetlbfsIMmapRwsem,
    /// `hugetlb_fault_mutex`.
    HugetlbFaultMutex,
    /// `hugetlb_vma_lock`.
    HugetlbVmaLock,
    /// `swap_lock`.
    SwapLock,
    /// `mmlist_lock`.
    MmlistLock,
    /// `private_lock`.
    PrivateLock,
    /// `i_pages`.
    IPages,
    /// `lru_lock`.
    LruLock,
    /// `i_lock`.
    ILock,
    /// `wb_list_lock`.
    WbListLock,
    /// `sb_lock`.
    SbLock,
    /// `tasklist_lock`.
    TasklistLock,
}

impl LockId {
    /// The spec's name, as a C string for a C ABI.
    pub const fn c_name(self) -> &'static CStr {
        match self {
            LockId::MmapLock => c"mmap_lock",
            LockId::MmLockSeq => c"mm_lock_seq",
            LockId::VmaLock => c"vma_lock",
            LockId::AnonVmaLock => c"anon_vma_lock",
            LockId::IMmapLock => c"i_mmap_lock",
            LockId::PageTableLock => c"page_table_lock",
            LockId::PmdLock => c"pmd_lock",
            LockId::PteLock => c"pte_lock",
            LockId::Rcu => c"rcu",
            LockId::WriteProtectSeq => c"write_protect_seq",
            LockId::IRwsem => c"i_rwsem",
            LockId::InvalidateLock => c"invalidate_lock",
            LockId::FolioLock => c"folio_lock",
            LockId::HugetlbFolioLock => c"hugetlb_folio_lock",
            LockId::HugetlbfsIMmapRwsem => c"hugetlbfs_i_mmap_rwsem",
            LockId::HugetlbFaultMutex => c"hugetlb_fault_mutex",
            LockId::HugetlbVmaLock => c"hugetlb_vma_lock",
            LockId::SwapLock => c"swap_lock",
            LockId::MmlistLock => c"mmlist_lock",
            LockId::PrivateLock => c"private_lock",
            LockId::IPages => c"i_pages",
            LockId::LruLock => c"lru_lock",
            LockId::ILock => c"i_lock",
            LockId::WbListLock => c"wb_list_lock",
            LockId::SbLock => c"sb_lock",
            LockId::TasklistLock => c"tasklist_lock",
        }
    }
}

/// A mode of a lock class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeId {
    /// `downgraded`.
    Downgraded,
    /// `held`.
    Held,
    /// `read`.
    Read,
    /// `speculate`.
    Speculate,
    /// `write`.
    Write,
}

impl ModeId {
    /// The spec's name, as a C string for a C ABI.
    pub const fn c_name(self) -> &'static CStr {
        match self {
            ModeId::Downgraded => c"downgraded",
            ModeId::Held => c"held",
            ModeId::Read => c"read",
            ModeId::Speculate => c"speculate",
            ModeId::Write => c"write",
        }
    }
}

/// A link from one object to another (`vm_area_struct.mm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkId {
    /// `vm_area_struct.mm` (`vma->vm_mm`).
    VmAreaStructMm,
    /// `vm_area_struct.anon_vma` (`vma->anon_vma`).
    VmAreaStructAnonVma,
    /// `vm_area_struct.mapping` (`vma->vm_file->f_mapping`).
    VmAreaStructMapping,
    /// `anon_vma.root` (`anon_vma->root`).
    AnonVmaRoot,
    /// `anon_vma.parent` (`anon_vma->parent`).
    AnonVmaParent,
    /// `address_space.host` (`mapping->host`).
    AddressSpaceHost,
    /// `inode.mapping` (`inode->i_mapping`).
    InodeMapping,
    /// `folio.mapping` (`folio->mapping`).
    FolioMapping,
    /// `folio.anon_vma` (`folio_anon_vma(folio)`).
    FolioAnonVma,
    /// `pmd_table.mm` (`mm`).
    PmdTableMm,
    /// `pte_table.mm` (`mm`).
    PteTableMm,
    /// `pte_table.pmd` (`pmd`).
    PteTablePmd,
}

impl LinkId {
    /// `object.link`, as a C string for a C ABI.
    pub const fn c_name(self) -> &'static CStr {
        match self {
            LinkId::VmAreaStructMm => c"vm_area_struct.mm",
            LinkId::VmAreaStructAnonVma => c"vm_area_struct.anon_vma",
            LinkId::VmAreaStructMapping => c"vm_area_struct.mapping",
            LinkId::AnonVmaRoot => c"anon_vma.root",
            LinkId::AnonVmaParent => c"anon_vma.parent",
            LinkId::AddressSpaceHost => c"address_space.host",
            LinkId::InodeMapping => c"inode.mapping",
            LinkId::FolioMapping => c"folio.mapping",
            LinkId::FolioAnonVma => c"folio.anon_vma",
            LinkId::PmdTableMm => c"pmd_table.mm",
            LinkId::PteTableMm => c"pte_table.mm",
            LinkId::PteTablePmd => c"pte_table.pmd",
        }
    }
}

/// A real implementation under the type-state API: the pure-Rust
/// [`crate::test_backend::TestBackend`] or, with feature `ffi`, the reference core.
///
/// # Safety
///
/// An implementation takes and releases real locks with the spec's semantics (a shared mode
/// coexists only with shared holds, an exclusive one with none), and [`Backend::follow`]
/// returns objects that live at least as long as the object they were reached from.
pub unsafe trait Backend: Sized + 'static {
    /// Takes `lock` in `mode` on `instance` (`None` for a global lock), waiting as needed.
    ///
    /// # Safety
    ///
    /// The caller releases the hold exactly once, with [`Backend::release`] or
    /// [`Backend::downgrade`], and respects the lock order.
    unsafe fn acquire(lock: LockId, mode: ModeId, instance: Option<Instance>);

    /// Tries once to take `lock` in `mode`; `true` means it is held.
    ///
    /// # Safety
    ///
    /// As [`Backend::acquire`] when it returns `true`.
    unsafe fn try_acquire(lock: LockId, mode: ModeId, instance: Option<Instance>) -> bool;

    /// Runs the spec's try API `api` (`lock_vma_under_rcu`): finds the instance from `from`
    /// and `address` and locks it, or returns `None`.
    ///
    /// # Safety
    ///
    /// As [`Backend::acquire`] for the instance returned.
    unsafe fn try_acquire_at(api: &'static str, from: Instance, address: u64) -> Option<Instance>;

    /// Releases a hold of `lock` in `mode`.
    ///
    /// # Safety
    ///
    /// The calling thread holds it.
    unsafe fn release(lock: LockId, mode: ModeId, instance: Option<Instance>);

    /// Converts a hold of `lock` from mode `from` to mode `to` without leaving the lock.
    ///
    /// # Safety
    ///
    /// The calling thread holds it in `from`.
    unsafe fn downgrade(lock: LockId, from: ModeId, to: ModeId, instance: Option<Instance>);

    /// The object `link` reaches from `from`, or `None` when it is not set.
    fn follow(link: LinkId, from: Instance) -> Option<Instance>;
}
