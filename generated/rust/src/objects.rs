//! The spec's objects as opaque types of a backend: only references exist, one pointer
//! each, made by the backend.

use core::marker::{PhantomData, PhantomPinned};
use core::ptr::NonNull;

use crate::backend::{Backend, Instance, LinkId};

/// `struct mm_struct`: One virtual address space (`struct mm_struct`), shared by every thread
/// of a process. It owns the maple tree of its VMAs, the mmap lock, the VMA-lock sequence
/// count, the page tables and the `page_table_lock`.
///
/// Spec: `mm_struct` (rules/objects.rules:13); source: `include/linux/mm_types.h`. Docs:
/// `mm/objects.html#mm_struct`.
#[repr(C)]
pub struct MmStruct<B: Backend> {
    _opaque: [u8; 0],
    _backend: PhantomData<fn() -> B>,
    _pinned: PhantomPinned,
}

impl<B: Backend> MmStruct<B> {
    /// The object at `raw`.
    ///
    /// # Safety
    ///
    /// `raw` is a `mm_struct` of backend `B` that stays valid for `'a`.
    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {
        // SAFETY: the caller promises a live object of this type; the type has no
        // bytes of its own, so the reference only carries the address.
        unsafe { raw.cast::<Self>().as_ref() }
    }

    /// Its address, as the backend knows it.
    pub fn as_raw(&self) -> Instance {
        NonNull::from(self).cast()
    }
}

/// `struct vm_area_struct`: One virtual memory area (`struct vm_area_struct`): a contiguous
/// range of an address space with uniform attributes. Every VMA belongs to exactly one mm; user
/// accesses outside any VMA are invalid, except that a fault just beyond a stack VMA may grow
/// the stack to cover it. The architecture "gate" VMA of vsyscall is the one exception to mm
/// ownership: a static object that belongs to no mm.
///
/// Spec: `vm_area_struct` (rules/objects.rules:127); source: `include/linux/mm_types.h`. Docs:
/// `mm/objects.html#vm_area_struct`.
#[repr(C)]
pub struct VmAreaStruct<B: Backend> {
    _opaque: [u8; 0],
    _backend: PhantomData<fn() -> B>,
    _pinned: PhantomPinned,
}

impl<B: Backend> VmAreaStruct<B> {
    /// The object at `raw`.
    ///
    /// # Safety
    ///
    /// `raw` is a `vm_area_struct` of backend `B` that stays valid for `'a`.
    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {
        // SAFETY: the caller promises a live object of this type; the type has no
        // bytes of its own, so the reference only carries the address.
        unsafe { raw.cast::<Self>().as_ref() }
    }

    /// Its address, as the backend knows it.
    pub fn as_raw(&self) -> Instance {
        NonNull::from(self).cast()
    }

    /// The `mm_struct` reached through `vma->vm_mm`, or `None` when it is not set.
    pub fn mm(&self) -> Option<&MmStruct<B>> {
        let to = B::follow(LinkId::VmAreaStructMm, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { MmStruct::from_raw(to) })
    }

    /// The `anon_vma` reached through `vma->anon_vma`, or `None` when it is not set.
    pub fn anon_vma(&self) -> Option<&AnonVma<B>> {
        let to = B::follow(LinkId::VmAreaStructAnonVma, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { AnonVma::from_raw(to) })
    }

    /// The `address_space` reached through `vma->vm_file->f_mapping`, or `None` when it is not set.
    pub fn mapping(&self) -> Option<&AddressSpace<B>> {
        let to = B::follow(LinkId::VmAreaStructMapping, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { AddressSpace::from_raw(to) })
    }
}

/// `struct anon_vma`: A node of the anonymous reverse mapping (`struct anon_vma`). Anonymous
/// folios point at one (through `folio->mapping`), and its interval tree links, through `struct
/// anon_vma_chain` entries, every VMA that may map those folios, across fork. anon_vmas form a
/// tree per original VMA; all members of a tree share the rwsem of the `root`.
///
/// Spec: `anon_vma` (rules/objects.rules:511); source: `include/linux/rmap.h`. Docs:
/// `mm/objects.html#anon_vma`.
#[repr(C)]
pub struct AnonVma<B: Backend> {
    _opaque: [u8; 0],
    _backend: PhantomData<fn() -> B>,
    _pinned: PhantomPinned,
}

impl<B: Backend> AnonVma<B> {
    /// The object at `raw`.
    ///
    /// # Safety
    ///
    /// `raw` is a `anon_vma` of backend `B` that stays valid for `'a`.
    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {
        // SAFETY: the caller promises a live object of this type; the type has no
        // bytes of its own, so the reference only carries the address.
        unsafe { raw.cast::<Self>().as_ref() }
    }

    /// Its address, as the backend knows it.
    pub fn as_raw(&self) -> Instance {
        NonNull::from(self).cast()
    }

    /// The `anon_vma` reached through `anon_vma->root`, or `None` when it is not set.
    pub fn root(&self) -> Option<&AnonVma<B>> {
        let to = B::follow(LinkId::AnonVmaRoot, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { AnonVma::from_raw(to) })
    }

    /// The `anon_vma` reached through `anon_vma->parent`, or `None` when it is not set.
    pub fn parent(&self) -> Option<&AnonVma<B>> {
        let to = B::follow(LinkId::AnonVmaParent, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { AnonVma::from_raw(to) })
    }
}

/// `struct address_space`: The page cache and mapping state of a file (`struct address_space`).
/// For mm locking its important part is the `i_mmap` interval tree of all VMAs mapping the
/// file, guarded by `i_mmap_rwsem`; it also carries the `invalidate_lock`, the private
/// (buffer-head) lock and the `i_pages` xarray.
///
/// Spec: `address_space` (rules/objects.rules:566); source: `include/linux/fs.h`. Docs:
/// `mm/objects.html#address_space`.
#[repr(C)]
pub struct AddressSpace<B: Backend> {
    _opaque: [u8; 0],
    _backend: PhantomData<fn() -> B>,
    _pinned: PhantomPinned,
}

impl<B: Backend> AddressSpace<B> {
    /// The object at `raw`.
    ///
    /// # Safety
    ///
    /// `raw` is a `address_space` of backend `B` that stays valid for `'a`.
    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {
        // SAFETY: the caller promises a live object of this type; the type has no
        // bytes of its own, so the reference only carries the address.
        unsafe { raw.cast::<Self>().as_ref() }
    }

    /// Its address, as the backend knows it.
    pub fn as_raw(&self) -> Instance {
        NonNull::from(self).cast()
    }

    /// The `inode` reached through `mapping->host`, or `None` when it is not set.
    pub fn host(&self) -> Option<&Inode<B>> {
        let to = B::follow(LinkId::AddressSpaceHost, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { Inode::from_raw(to) })
    }
}

/// `struct inode`: A file's inode; it owns `i_rwsem`, `i_lock` and (through `i_mapping`) the
/// address_space.
///
/// Spec: `inode` (rules/objects.rules:586); source: `include/linux/fs.h`. Docs:
/// `mm/objects.html#inode`.
#[repr(C)]
pub struct Inode<B: Backend> {
    _opaque: [u8; 0],
    _backend: PhantomData<fn() -> B>,
    _pinned: PhantomPinned,
}

impl<B: Backend> Inode<B> {
    /// The object at `raw`.
    ///
    /// # Safety
    ///
    /// `raw` is a `inode` of backend `B` that stays valid for `'a`.
    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {
        // SAFETY: the caller promises a live object of this type; the type has no
        // bytes of its own, so the reference only carries the address.
        unsafe { raw.cast::<Self>().as_ref() }
    }

    /// Its address, as the backend knows it.
    pub fn as_raw(&self) -> Instance {
        NonNull::from(self).cast()
    }

    /// The `address_space` reached through `inode->i_mapping`, or `None` when it is not set.
    pub fn mapping(&self) -> Option<&AddressSpace<B>> {
        let to = B::follow(LinkId::InodeMapping, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { AddressSpace::from_raw(to) })
    }
}

/// `struct folio`: A folio of memory. For locking it matters as the starting point of
/// reverse-mapping walks (`folio->mapping` leads to an address_space or, for anonymous folios,
/// an anon_vma) and as the owner of the folio lock.
///
/// Spec: `folio` (rules/objects.rules:593); source: `include/linux/mm_types.h`. Docs:
/// `mm/objects.html#folio`.
#[repr(C)]
pub struct Folio<B: Backend> {
    _opaque: [u8; 0],
    _backend: PhantomData<fn() -> B>,
    _pinned: PhantomPinned,
}

impl<B: Backend> Folio<B> {
    /// The object at `raw`.
    ///
    /// # Safety
    ///
    /// `raw` is a `folio` of backend `B` that stays valid for `'a`.
    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {
        // SAFETY: the caller promises a live object of this type; the type has no
        // bytes of its own, so the reference only carries the address.
        unsafe { raw.cast::<Self>().as_ref() }
    }

    /// Its address, as the backend knows it.
    pub fn as_raw(&self) -> Instance {
        NonNull::from(self).cast()
    }

    /// The `address_space` reached through `folio->mapping`, or `None` when it is not set.
    pub fn mapping(&self) -> Option<&AddressSpace<B>> {
        let to = B::follow(LinkId::FolioMapping, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { AddressSpace::from_raw(to) })
    }

    /// The `anon_vma` reached through `folio_anon_vma(folio)`, or `None` when it is not set.
    pub fn anon_vma(&self) -> Option<&AnonVma<B>> {
        let to = B::follow(LinkId::FolioAnonVma, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { AnonVma::from_raw(to) })
    }
}

/// `struct pmd_table`: A PMD-level page table, named by a pointer `pmd` to one of its entries.
/// It holds the PMD lock (in its `struct ptdesc` when PMD locks are split). The page-table
/// helpers always take the mm alongside the entry pointer (`pmd_lock(mm, pmd)`), so the link to
/// the owning mm is the caller's `mm` variable.
///
/// Spec: `pmd_table` (rules/objects.rules:609); source: `include/linux/mm.h`. Docs:
/// `mm/objects.html#pmd_table`.
#[repr(C)]
pub struct PmdTable<B: Backend> {
    _opaque: [u8; 0],
    _backend: PhantomData<fn() -> B>,
    _pinned: PhantomPinned,
}

impl<B: Backend> PmdTable<B> {
    /// The object at `raw`.
    ///
    /// # Safety
    ///
    /// `raw` is a `pmd_table` of backend `B` that stays valid for `'a`.
    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {
        // SAFETY: the caller promises a live object of this type; the type has no
        // bytes of its own, so the reference only carries the address.
        unsafe { raw.cast::<Self>().as_ref() }
    }

    /// Its address, as the backend knows it.
    pub fn as_raw(&self) -> Instance {
        NonNull::from(self).cast()
    }

    /// The `mm_struct` reached through `mm`, or `None` when it is not set.
    pub fn mm(&self) -> Option<&MmStruct<B>> {
        let to = B::follow(LinkId::PmdTableMm, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { MmStruct::from_raw(to) })
    }
}

/// `struct pte_table`: A PTE-level (leaf) page table, named by a pointer `pte` to one of its
/// entries and reached through the PMD entry `pmd` above it. It holds the PTE lock. On 32-bit
/// kernels with `CONFIG_HIGHPTE` it may live in high memory and must be mapped before use; it
/// can be detached and RCU-freed while only the PMD and PTE locks are held.
///
/// Spec: `pte_table` (rules/objects.rules:621); source: `include/linux/mm.h`. Docs:
/// `mm/objects.html#pte_table`.
#[repr(C)]
pub struct PteTable<B: Backend> {
    _opaque: [u8; 0],
    _backend: PhantomData<fn() -> B>,
    _pinned: PhantomPinned,
}

impl<B: Backend> PteTable<B> {
    /// The object at `raw`.
    ///
    /// # Safety
    ///
    /// `raw` is a `pte_table` of backend `B` that stays valid for `'a`.
    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {
        // SAFETY: the caller promises a live object of this type; the type has no
        // bytes of its own, so the reference only carries the address.
        unsafe { raw.cast::<Self>().as_ref() }
    }

    /// Its address, as the backend knows it.
    pub fn as_raw(&self) -> Instance {
        NonNull::from(self).cast()
    }

    /// The `mm_struct` reached through `mm`, or `None` when it is not set.
    pub fn mm(&self) -> Option<&MmStruct<B>> {
        let to = B::follow(LinkId::PteTableMm, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { MmStruct::from_raw(to) })
    }

    /// The `pmd_table` reached through `pmd`, or `None` when it is not set.
    pub fn pmd(&self) -> Option<&PmdTable<B>> {
        let to = B::follow(LinkId::PteTablePmd, self.as_raw())?;
        // SAFETY: `Backend::follow` returns an object that lives as long as `self`.
        Some(unsafe { PmdTable::from_raw(to) })
    }
}

/// `struct lruvec`: The per-node, per-memcg set of LRU lists; owns `lru_lock`.
///
/// Spec: `lruvec` (rules/objects.rules:638); source: `include/linux/mmzone.h`. Docs:
/// `mm/objects.html#lruvec`.
#[repr(C)]
pub struct Lruvec<B: Backend> {
    _opaque: [u8; 0],
    _backend: PhantomData<fn() -> B>,
    _pinned: PhantomPinned,
}

impl<B: Backend> Lruvec<B> {
    /// The object at `raw`.
    ///
    /// # Safety
    ///
    /// `raw` is a `lruvec` of backend `B` that stays valid for `'a`.
    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {
        // SAFETY: the caller promises a live object of this type; the type has no
        // bytes of its own, so the reference only carries the address.
        unsafe { raw.cast::<Self>().as_ref() }
    }

    /// Its address, as the backend knows it.
    pub fn as_raw(&self) -> Instance {
        NonNull::from(self).cast()
    }
}

/// `struct bdi_writeback`: A writeback context of a backing device (`bdi.wb`); owns the
/// writeback `list_lock`.
///
/// Spec: `bdi_writeback` (rules/objects.rules:644); source: `include/linux/backing-dev-defs.h`.
/// Docs: `mm/objects.html#bdi_writeback`.
#[repr(C)]
pub struct BdiWriteback<B: Backend> {
    _opaque: [u8; 0],
    _backend: PhantomData<fn() -> B>,
    _pinned: PhantomPinned,
}

impl<B: Backend> BdiWriteback<B> {
    /// The object at `raw`.
    ///
    /// # Safety
    ///
    /// `raw` is a `bdi_writeback` of backend `B` that stays valid for `'a`.
    pub unsafe fn from_raw<'a>(raw: Instance) -> &'a Self {
        // SAFETY: the caller promises a live object of this type; the type has no
        // bytes of its own, so the reference only carries the address.
        unsafe { raw.cast::<Self>().as_ref() }
    }

    /// Its address, as the backend knows it.
    pub fn as_raw(&self) -> Instance {
        NonNull::from(self).cast()
    }
}
