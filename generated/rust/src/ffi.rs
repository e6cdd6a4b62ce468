//! The FFI backend: the reference page-table core (`core/`) through its C ABI
//! (`core/ffi.h`).  The program that enables feature `ffi` links `liblockspec_core_ffi.a`,
//! the core, liburcu and the C++ runtime.
//!
//! Every lock is the core's own (taken through the generated C++ wrappers, with the core's
//! runtime validator on), so a Rust program that type-checks here runs the kernel's
//! protocols on the real core.

use core::ffi::{c_char, c_int, c_void};
use core::ptr::NonNull;

use crate::backend::{Backend, Instance, LinkId, LockId, ModeId};
use crate::guards::{Guard, PteLockHeldGuard};
use crate::objects::{MmStruct, VmAreaStruct};
use crate::ops::{self, Permit};
use crate::order::{Ctx, LockAfter, LockClass, MmapLock};

extern "C" {
    fn lsc_space_new() -> *mut c_void;
    fn lsc_space_free(space: *mut c_void);
    fn lsc_space_mm(space: *mut c_void) -> *mut c_void;
    fn lsc_space_check(space: *mut c_void) -> i64;
    fn lsc_map(space: *mut c_void, addr: u64, len: u64, writable: c_int) -> c_int;
    fn lsc_acquire(
        lock: *const c_char,
        mode: *const c_char,
        inst: *mut c_void,
        once: c_int,
    ) -> c_int;
    fn lsc_release(lock: *const c_char, mode: *const c_char, inst: *mut c_void);
    fn lsc_downgrade(
        lock: *const c_char,
        from: *const c_char,
        to: *const c_char,
        inst: *mut c_void,
    );
    fn lsc_try_acquire_at(api: *const u8, len: usize, from: *mut c_void, addr: u64) -> *mut c_void;
    fn lsc_follow(link: *const c_char, from: *mut c_void) -> *mut c_void;
    fn lsc_find_vma(mm: *mut c_void, addr: u64) -> *mut c_void;
    fn lsc_fault(vma: *mut c_void, addr: u64, write: c_int, per_vma: c_int) -> c_int;
    fn lsc_zap(vma: *mut c_void, start: u64, end: u64, per_vma: c_int) -> u64;
    fn lsc_pte_entry(pte: *mut c_void, addr: u64) -> u64;
    fn lsc_pin(mm: *mut c_void, addr: u64) -> *mut c_void;
    fn lsc_unpin(mm: *mut c_void, folio: *mut c_void);
}

fn raw(i: Option<Instance>) -> *mut c_void {
    i.map_or(core::ptr::null_mut(), |p| p.as_ptr().cast())
}

/// The reference core as a backend.
pub enum Ffi {}

// SAFETY: every call reaches the core's own locks through the generated C++ wrappers.
unsafe impl Backend for Ffi {
    unsafe fn acquire(lock: LockId, mode: ModeId, instance: Option<Instance>) {
        // SAFETY: forwarded contract.
        let ok = unsafe {
            lsc_acquire(lock.c_name().as_ptr(), mode.c_name().as_ptr(), raw(instance), 0)
        };
        assert!(ok == 1, "the core has no {lock:?} {mode:?} to take");
    }

    unsafe fn try_acquire(lock: LockId, mode: ModeId, instance: Option<Instance>) -> bool {
        // SAFETY: forwarded contract.
        unsafe {
            lsc_acquire(lock.c_name().as_ptr(), mode.c_name().as_ptr(), raw(instance), 1) == 1
        }
    }

    unsafe fn try_acquire_at(api: &'static str, from: Instance, address: u64) -> Option<Instance> {
        // SAFETY: forwarded contract; the name is passed with its length.
        let p =
            unsafe { lsc_try_acquire_at(api.as_ptr(), api.len(), from.as_ptr().cast(), address) };
        NonNull::new(p.cast())
    }

    unsafe fn release(lock: LockId, mode: ModeId, instance: Option<Instance>) {
        // SAFETY: forwarded contract.
        unsafe { lsc_release(lock.c_name().as_ptr(), mode.c_name().as_ptr(), raw(instance)) }
    }

    unsafe fn downgrade(lock: LockId, from: ModeId, to: ModeId, instance: Option<Instance>) {
        // SAFETY: forwarded contract.
        unsafe {
            lsc_downgrade(
                lock.c_name().as_ptr(),
                from.c_name().as_ptr(),
                to.c_name().as_ptr(),
                raw(instance),
            )
        }
    }

    fn follow(link: LinkId, from: Instance) -> Option<Instance> {
        // SAFETY: the core reads a pointer field of a live object.
        let p = unsafe { lsc_follow(link.c_name().as_ptr(), from.as_ptr().cast()) };
        NonNull::new(p.cast())
    }
}

/// One address space of the core, with its folio pool and invariant report.
pub struct AddressSpace {
    raw: NonNull<c_void>,
}

// SAFETY: the core's address space is built for concurrent use; every lock is its own.
unsafe impl Send for AddressSpace {}
// SAFETY: as above.
unsafe impl Sync for AddressSpace {}

impl Default for AddressSpace {
    fn default() -> Self {
        Self::new()
    }
}

impl AddressSpace {
    /// A new, empty address space.
    pub fn new() -> Self {
        // SAFETY: no precondition; the result is owned here and freed in Drop.
        let raw = NonNull::new(unsafe { lsc_space_new() }).expect("lsc_space_new");
        AddressSpace { raw }
    }

    /// Its `mm_struct`.
    pub fn mm(&self) -> &MmStruct<Ffi> {
        // SAFETY: the mm lives as long as the address space.
        unsafe {
            MmStruct::from_raw(NonNull::new(lsc_space_mm(self.raw.as_ptr())).expect("mm").cast())
        }
    }

    /// Maps `[addr, addr + len)` anonymous (mmap with MAP_FIXED_NOREPLACE); false when taken.
    pub fn map(&self, addr: u64, len: u64, writable: bool) -> bool {
        // SAFETY: the core takes its own locks.
        unsafe { lsc_map(self.raw.as_ptr(), addr, len, c_int::from(writable)) == 1 }
    }

    /// Checks every invariant of the core at a quiescent point; the number broken so far.
    pub fn check(&self) -> i64 {
        // SAFETY: the caller stops every thread using the space first (documented contract).
        unsafe { lsc_space_check(self.raw.as_ptr()) }
    }
}

impl Drop for AddressSpace {
    fn drop(&mut self) {
        // SAFETY: nothing borrows the space any more (objects borrow `self`).
        unsafe { lsc_space_free(self.raw.as_ptr()) }
    }
}

/// The VMA covering `address`, found under the mmap lock the guard holds (in any mode).
///
/// # Panics
///
/// When the guard is not an mmap lock guard.
pub fn find_vma<'g, G: Guard<Ffi>>(guard: &'g G, address: u64) -> Option<&'g VmAreaStruct<Ffi>> {
    assert!(G::LOCK == LockId::MmapLock, "find_vma needs the mmap lock");
    let mm = guard.instance().expect("mmap_lock has an owner");
    // SAFETY: the mmap lock is held, so the VMA map is stable for 'g.
    let p = NonNull::new(unsafe { lsc_find_vma(mm.as_ptr().cast(), address) })?;
    // SAFETY: a VMA of the map stays valid while the mmap lock is held.
    Some(unsafe { VmAreaStruct::from_raw(p.cast()) })
}

/// Whether the `page_fault` permit's alternative is the VMA read lock (1) or the mmap read
/// lock (0): the core runs a different path for each.
///
/// # Panics
///
/// On a label the spec no longer has: a renamed alternative must not silently select the
/// other path.
fn per_vma(permit: &Permit<'_, ops::PageFault>) -> c_int {
    match permit.alternative() {
        "vma_lock" => 1,
        "mmap_lock" => 0,
        other => panic!("page_fault alternative `{other}` unknown to the FFI backend"),
    }
}

/// Handles a fault at `address` in `vma` under the hold the `page_fault` permit names
/// (`vma_lock` or `mmap_lock`): the core's anonymous fault handler.  Returns the core's `Fault`
/// (0 ok, 1 retry, 2 / 3 SIGSEGV, 4 OOM).
pub fn fault(
    permit: &Permit<'_, ops::PageFault>,
    vma: &VmAreaStruct<Ffi>,
    address: u64,
    write: bool,
) -> i32 {
    let per_vma = per_vma(permit);
    // SAFETY: the permit proves the VMA is stabilised by the lock it names.
    unsafe { lsc_fault(vma.as_raw().as_ptr().cast(), address, c_int::from(write), per_vma) }
}

/// Zaps `[start, end)` of `vma` under the stabilising hold the `page_fault` permit names; the
/// core takes each PTE lock itself (requirement `zap`).  Returns the entries cleared.
pub fn zap(
    permit: &Permit<'_, ops::PageFault>,
    vma: &VmAreaStruct<Ffi>,
    start: u64,
    end: u64,
) -> u64 {
    let per_vma = per_vma(permit);
    // SAFETY: as for `fault`.
    unsafe { lsc_zap(vma.as_raw().as_ptr().cast(), start, end, per_vma) }
}

/// Reads the entry for `address` of the PTE table the guard locks, under a `traverse` permit.
pub fn read_pte(
    _permit: &Permit<'_, ops::Traverse>,
    pte: &PteLockHeldGuard<'_, Ffi>,
    address: u64,
) -> u64 {
    // SAFETY: the PTE lock is held.
    unsafe { lsc_pte_entry(pte.object().as_raw().as_ptr().cast(), address) }
}

/// A FOLL_PIN pin of one folio (pin_user_pages); unpinned on drop.
pub struct Pin<'m> {
    mm: &'m MmStruct<Ffi>,
    folio: NonNull<c_void>,
}

// SAFETY: a pin is a reference count, dropped from any thread (unpin_user_page).
unsafe impl Send for Pin<'_> {}

/// Pins the page at `address` (`gup_pin`, slow path): the core takes the mmap read lock
/// itself, so the context must be at a level where `mmap_lock` may be taken.
pub fn pin<'m, L: LockClass>(
    _ctx: &mut Ctx<'_, L>,
    mm: &'m MmStruct<Ffi>,
    address: u64,
) -> Option<Pin<'m>>
where
    MmapLock: LockAfter<L>,
{
    // SAFETY: the core takes and releases its own locks; no lock after mmap_lock is held.
    let f = NonNull::new(unsafe { lsc_pin(mm.as_raw().as_ptr().cast(), address) })?;
    Some(Pin { mm, folio: f })
}

impl Drop for Pin<'_> {
    fn drop(&mut self) {
        // SAFETY: the folio was pinned by `pin` and is unpinned once.
        unsafe { lsc_unpin(self.mm.as_raw().as_ptr().cast(), self.folio.as_ptr()) }
    }
}
