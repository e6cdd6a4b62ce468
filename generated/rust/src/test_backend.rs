//! A pure-Rust backend for tests and doctests: one lock word per lock class per object
//! (readers count up, an exclusive hold is -1), spinning waits, and a panic for a release of
//! a hold that does not exist.  No thread is ever blocked by the OS: it is a checker, not a
//! lock library.
//!
//! # Examples
//!
//! ```
//! use lockspec_mm::test_backend::TestObject;
//! let mm = TestObject::new();
//! let vma = TestObject::new();
//! vma.link_to(lockspec_mm::backend::LinkId::VmAreaStructMm, &mm);
//! assert_eq!(vma.as_vm_area_struct().mm().unwrap().as_raw(), mm.as_mm_struct().as_raw());
//! ```

use core::ptr::{self, NonNull};
use core::sync::atomic::{AtomicIsize, AtomicPtr, Ordering};

use crate::backend::{Backend, Instance, LinkId, LockId, ModeId};
#[allow(unused_imports)]
use crate::objects::*;

const LOCKS: usize = 26;
const LINKS: usize = 12;
const FINDERS: usize = 2;

/// The finders (`try` APIs that return the instance they lock), their lock and mode.
const FINDER_APIS: [(&str, LockId, ModeId); FINDERS] = [
    ("lock_vma_under_rcu", LockId::VmaLock, ModeId::Read),
    ("get_locked_pte", LockId::PteLock, ModeId::Held),
];

/// Holds that end with another: (lock, mode, ended by lock, mode).
const ENDS_WITH: [(LockId, ModeId, LockId, ModeId); 2] = [
    (LockId::VmaLock, ModeId::Write, LockId::MmapLock, ModeId::Write),
    (LockId::MmLockSeq, ModeId::Write, LockId::MmapLock, ModeId::Write),
];

fn lock_index(lock: LockId) -> usize {
    match lock {
        LockId::MmapLock => 0,
        LockId::MmLockSeq => 1,
        LockId::VmaLock => 2,
        LockId::AnonVmaLock => 3,
        LockId::IMmapLock => 4,
        LockId::PageTableLock => 5,
        LockId::PmdLock => 6,
        LockId::PteLock => 7,
        LockId::Rcu => 8,
        LockId::WriteProtectSeq => 9,
        LockId::IRwsem => 10,
        LockId::InvalidateLock => 11,
        LockId::FolioLock => 12,
        LockId::HugetlbFolioLock => 13,
        LockId::HugetlbfsIMmapRwsem => 14,
        LockId::HugetlbFaultMutex => 15,
        LockId::HugetlbVmaLock => 16,
        LockId::SwapLock => 17,
        LockId::MmlistLock => 18,
        LockId::PrivateLock => 19,
        LockId::IPages => 20,
        LockId::LruLock => 21,
        LockId::ILock => 22,
        LockId::WbListLock => 23,
        LockId::SbLock => 24,
        LockId::TasklistLock => 25,
    }
}

fn link_index(link: LinkId) -> usize {
    match link {
        LinkId::VmAreaStructMm => 0,
        LinkId::VmAreaStructAnonVma => 1,
        LinkId::VmAreaStructMapping => 2,
        LinkId::AnonVmaRoot => 3,
        LinkId::AnonVmaParent => 4,
        LinkId::AddressSpaceHost => 5,
        LinkId::InodeMapping => 6,
        LinkId::FolioMapping => 7,
        LinkId::FolioAnonVma => 8,
        LinkId::PmdTableMm => 9,
        LinkId::PteTableMm => 10,
        LinkId::PteTablePmd => 11,
    }
}

/// Whether a hold of `mode` on `lock` may coexist with another (the spec's sharing).
fn shared(lock: LockId, mode: ModeId) -> bool {
    matches!(
        (lock, mode),
        (LockId::MmapLock, ModeId::Read)
            | (LockId::MmapLock, ModeId::Downgraded)
            | (LockId::MmLockSeq, ModeId::Speculate)
            | (LockId::VmaLock, ModeId::Read)
            | (LockId::AnonVmaLock, ModeId::Read)
            | (LockId::IMmapLock, ModeId::Read)
            | (LockId::Rcu, ModeId::Read)
            | (LockId::WriteProtectSeq, ModeId::Read)
    )
}

impl TestObject {
    /// This object as a `mm_struct` of the test backend.
    pub fn as_mm_struct(&self) -> &MmStruct<TestBackend> {
        // SAFETY: a test object lives as long as the reference to it, and the test
        // backend reads every object as a `TestObject`.
        unsafe { MmStruct::from_raw(self.raw()) }
    }

    /// This object as a `vm_area_struct` of the test backend.
    pub fn as_vm_area_struct(&self) -> &VmAreaStruct<TestBackend> {
        // SAFETY: a test object lives as long as the reference to it, and the test
        // backend reads every object as a `TestObject`.
        unsafe { VmAreaStruct::from_raw(self.raw()) }
    }

    /// This object as a `anon_vma` of the test backend.
    pub fn as_anon_vma(&self) -> &AnonVma<TestBackend> {
        // SAFETY: a test object lives as long as the reference to it, and the test
        // backend reads every object as a `TestObject`.
        unsafe { AnonVma::from_raw(self.raw()) }
    }

    /// This object as a `address_space` of the test backend.
    pub fn as_address_space(&self) -> &AddressSpace<TestBackend> {
        // SAFETY: a test object lives as long as the reference to it, and the test
        // backend reads every object as a `TestObject`.
        unsafe { AddressSpace::from_raw(self.raw()) }
    }

    /// This object as a `inode` of the test backend.
    pub fn as_inode(&self) -> &Inode<TestBackend> {
        // SAFETY: a test object lives as long as the reference to it, and the test
        // backend reads every object as a `TestObject`.
        unsafe { Inode::from_raw(self.raw()) }
    }

    /// This object as a `folio` of the test backend.
    pub fn as_folio(&self) -> &Folio<TestBackend> {
        // SAFETY: a test object lives as long as the reference to it, and the test
        // backend reads every object as a `TestObject`.
        unsafe { Folio::from_raw(self.raw()) }
    }

    /// This object as a `pmd_table` of the test backend.
    pub fn as_pmd_table(&self) -> &PmdTable<TestBackend> {
        // SAFETY: a test object lives as long as the reference to it, and the test
        // backend reads every object as a `TestObject`.
        unsafe { PmdTable::from_raw(self.raw()) }
    }

    /// This object as a `pte_table` of the test backend.
    pub fn as_pte_table(&self) -> &PteTable<TestBackend> {
        // SAFETY: a test object lives as long as the reference to it, and the test
        // backend reads every object as a `TestObject`.
        unsafe { PteTable::from_raw(self.raw()) }
    }

    /// This object as a `lruvec` of the test backend.
    pub fn as_lruvec(&self) -> &Lruvec<TestBackend> {
        // SAFETY: a test object lives as long as the reference to it, and the test
        // backend reads every object as a `TestObject`.
        unsafe { Lruvec::from_raw(self.raw()) }
    }

    /// This object as a `bdi_writeback` of the test backend.
    pub fn as_bdi_writeback(&self) -> &BdiWriteback<TestBackend> {
        // SAFETY: a test object lives as long as the reference to it, and the test
        // backend reads every object as a `TestObject`.
        unsafe { BdiWriteback::from_raw(self.raw()) }
    }
}

/// An object of the test backend: a lock word per lock class, a pointer per link, and the
/// object each finder (`lock_vma_under_rcu` ...) returns.
pub struct TestObject {
    locks: [AtomicIsize; LOCKS],
    links: [AtomicPtr<TestObject>; LINKS],
    found: [AtomicPtr<TestObject>; FINDERS],
}

impl Default for TestObject {
    fn default() -> Self {
        Self::new()
    }
}

impl TestObject {
    /// An object with every lock free and no link set.
    pub const fn new() -> Self {
        TestObject {
            locks: [const { AtomicIsize::new(0) }; LOCKS],
            links: [const { AtomicPtr::new(ptr::null_mut()) }; LINKS],
            found: [const { AtomicPtr::new(ptr::null_mut()) }; FINDERS],
        }
    }

    /// Sets `link` of this object to `to`.
    pub fn link_to(&self, link: LinkId, to: &TestObject) {
        self.links[link_index(link)].store(ptr::from_ref(to).cast_mut(), Ordering::Release);
    }

    /// Makes the finder `api` (`lock_vma_under_rcu`) called on this object find `target`.
    ///
    /// # Panics
    ///
    /// When `api` is not a finder of the spec.
    pub fn set_found(&self, api: &str, target: &TestObject) {
        let i = FINDER_APIS.iter().position(|f| f.0 == api).expect("not a finder API");
        self.found[i].store(ptr::from_ref(target).cast_mut(), Ordering::Release);
    }

    /// The lock word of `lock`: 0 free, n > 0 readers, -1 exclusive.
    pub fn lock_word(&self, lock: LockId) -> isize {
        self.locks[lock_index(lock)].load(Ordering::Acquire)
    }

    fn raw(&self) -> Instance {
        NonNull::from(self).cast()
    }
}

/// The object of the global locks (`rcu` ...).
pub static GLOBAL: TestObject = TestObject::new();

/// Holds that end with another (a VMA write lock ends with the mmap write hold): ended when
/// any hold of that lock and mode is released (the test backend does not tell mms apart).
static ENDING: [AtomicPtr<TestObject>; 64] = [const { AtomicPtr::new(ptr::null_mut()) }; 64];

fn object<'a>(instance: Option<Instance>) -> &'a TestObject {
    match instance {
        // SAFETY: every instance of this backend is a `TestObject` (see `TestObject::as_*`).
        Some(p) => unsafe { p.cast::<TestObject>().as_ref() },
        None => &GLOBAL,
    }
}

fn ends_with(lock: LockId, mode: ModeId) -> Option<(LockId, ModeId)> {
    ENDS_WITH.iter().find(|e| e.0 == lock && e.1 == mode).map(|e| (e.2, e.3))
}

fn end_dependents(lock: LockId, mode: ModeId) {
    for e in ENDS_WITH.iter().filter(|e| e.2 == lock && e.3 == mode) {
        for slot in ENDING.iter() {
            let p = slot.load(Ordering::Acquire);
            if p.is_null() {
                continue;
            }
            // SAFETY: only live test objects are recorded, and each is removed here.
            let o = unsafe { &*p };
            let word = &o.locks[lock_index(e.0)];
            if word.compare_exchange(-1, 0, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
                slot.store(ptr::null_mut(), Ordering::Release);
            }
        }
    }
}

/// The pure-Rust backend.
pub enum TestBackend {}

// SAFETY: the lock words implement the spec's sharing for every lock class and mode; links
// point at objects the test keeps alive.
unsafe impl Backend for TestBackend {
    unsafe fn acquire(lock: LockId, mode: ModeId, instance: Option<Instance>) {
        // SAFETY: forwarded contract.
        while !unsafe { Self::try_acquire(lock, mode, instance) } {
            core::hint::spin_loop();
        }
    }

    unsafe fn try_acquire(lock: LockId, mode: ModeId, instance: Option<Instance>) -> bool {
        let o = object(instance);
        let word = &o.locks[lock_index(lock)];
        if shared(lock, mode) {
            let cur = word.load(Ordering::Acquire);
            return cur >= 0
                && word
                    .compare_exchange(cur, cur + 1, Ordering::AcqRel, Ordering::Relaxed)
                    .is_ok();
        }
        let ok = word.compare_exchange(0, -1, Ordering::AcqRel, Ordering::Relaxed).is_ok();
        if ok && ends_with(lock, mode).is_some() {
            let p = ptr::from_ref(o).cast_mut();
            let free = ENDING.iter().find(|s| {
                s.compare_exchange(ptr::null_mut(), p, Ordering::AcqRel, Ordering::Relaxed).is_ok()
            });
            assert!(free.is_some(), "test backend: too many holds waiting to end");
        }
        ok
    }

    unsafe fn try_acquire_at(api: &'static str, from: Instance, _address: u64) -> Option<Instance> {
        let i = FINDER_APIS.iter().position(|f| f.0 == api)?;
        let (_, lock, mode) = FINDER_APIS[i];
        let found = NonNull::new(object(Some(from)).found[i].load(Ordering::Acquire))?.cast();
        // SAFETY: forwarded contract.
        if unsafe { Self::try_acquire(lock, mode, Some(found)) } {
            Some(found)
        } else {
            None
        }
    }

    unsafe fn release(lock: LockId, mode: ModeId, instance: Option<Instance>) {
        let word = &object(instance).locks[lock_index(lock)];
        if shared(lock, mode) {
            let prev = word.fetch_sub(1, Ordering::AcqRel);
            assert!(prev > 0, "test backend: {lock:?} {mode:?} released but not held");
        } else {
            let ok = word.compare_exchange(-1, 0, Ordering::AcqRel, Ordering::Relaxed).is_ok();
            assert!(ok, "test backend: {lock:?} {mode:?} released but not held");
            end_dependents(lock, mode);
        }
    }

    unsafe fn downgrade(lock: LockId, from: ModeId, _to: ModeId, instance: Option<Instance>) {
        let word = &object(instance).locks[lock_index(lock)];
        end_dependents(lock, from);
        let ok = word.compare_exchange(-1, 1, Ordering::AcqRel, Ordering::Relaxed).is_ok();
        assert!(ok, "test backend: {lock:?} downgraded but not held exclusively");
    }

    fn follow(link: LinkId, from: Instance) -> Option<Instance> {
        let p = object(Some(from)).links[link_index(link)].load(Ordering::Acquire);
        NonNull::new(p).map(NonNull::cast)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::order::Ctx;

    #[test]
    fn mmap_read_lock_holds_until_drop() {
        let o = TestObject::new();
        // SAFETY: the test thread holds no lock.
        let mut ctx = unsafe { Ctx::new() };
        {
            let (_guard, _after) = o.as_mm_struct().mmap_read_lock(&mut ctx);
            assert_eq!(o.lock_word(LockId::MmapLock), 1);
            let (id, mode) = (LockId::MmapLock, ModeId::Read);
            // SAFETY: a failed try holds nothing; a successful one is released here.
            let second = unsafe { TestBackend::try_acquire(id, mode, Some(o.raw())) };
            assert!(second, "a shared hold admits another");
            // SAFETY: taken just above.
            unsafe { TestBackend::release(id, mode, Some(o.raw())) };
        }
        assert_eq!(o.lock_word(LockId::MmapLock), 0);
    }

    #[test]
    fn mmap_write_lock_holds_until_drop() {
        let o = TestObject::new();
        // SAFETY: the test thread holds no lock.
        let mut ctx = unsafe { Ctx::new() };
        {
            let (_guard, _after) = o.as_mm_struct().mmap_write_lock(&mut ctx);
            assert_eq!(o.lock_word(LockId::MmapLock), -1);
            let (id, mode) = (LockId::MmapLock, ModeId::Write);
            // SAFETY: a failed try holds nothing; a successful one is released here.
            let second = unsafe { TestBackend::try_acquire(id, mode, Some(o.raw())) };
            assert!(!second, "an exclusive hold excludes another");
        }
        assert_eq!(o.lock_word(LockId::MmapLock), 0);
    }

    #[test]
    fn anon_vma_lock_read_holds_until_drop() {
        let o = TestObject::new();
        // SAFETY: the test thread holds no lock.
        let mut ctx = unsafe { Ctx::new() };
        {
            let (_guard, _after) = o.as_anon_vma().anon_vma_lock_read(&mut ctx);
            assert_eq!(o.lock_word(LockId::AnonVmaLock), 1);
            let (id, mode) = (LockId::AnonVmaLock, ModeId::Read);
            // SAFETY: a failed try holds nothing; a successful one is released here.
            let second = unsafe { TestBackend::try_acquire(id, mode, Some(o.raw())) };
            assert!(second, "a shared hold admits another");
            // SAFETY: taken just above.
            unsafe { TestBackend::release(id, mode, Some(o.raw())) };
        }
        assert_eq!(o.lock_word(LockId::AnonVmaLock), 0);
    }

    #[test]
    fn anon_vma_lock_write_holds_until_drop() {
        let o = TestObject::new();
        // SAFETY: the test thread holds no lock.
        let mut ctx = unsafe { Ctx::new() };
        {
            let (_guard, _after) = o.as_anon_vma().anon_vma_lock_write(&mut ctx);
            assert_eq!(o.lock_word(LockId::AnonVmaLock), -1);
            let (id, mode) = (LockId::AnonVmaLock, ModeId::Write);
            // SAFETY: a failed try holds nothing; a successful one is released here.
            let second = unsafe { TestBackend::try_acquire(id, mode, Some(o.raw())) };
            assert!(!second, "an exclusive hold excludes another");
        }
        assert_eq!(o.lock_word(LockId::AnonVmaLock), 0);
    }

    #[test]
    fn i_mmap_lock_read_holds_until_drop() {
        let o = TestObject::new();
        // SAFETY: the test thread holds no lock.
        let mut ctx = unsafe { Ctx::new() };
        {
            let (_guard, _after) = o.as_address_space().i_mmap_lock_read(&mut ctx);
            assert_eq!(o.lock_word(LockId::IMmapLock), 1);
            let (id, mode) = (LockId::IMmapLock, ModeId::Read);
            // SAFETY: a failed try holds nothing; a successful one is released here.
            let second = unsafe { TestBackend::try_acquire(id, mode, Some(o.raw())) };
            assert!(second, "a shared hold admits another");
            // SAFETY: taken just above.
            unsafe { TestBackend::release(id, mode, Some(o.raw())) };
        }
        assert_eq!(o.lock_word(LockId::IMmapLock), 0);
    }

    #[test]
    fn i_mmap_lock_write_holds_until_drop() {
        let o = TestObject::new();
        // SAFETY: the test thread holds no lock.
        let mut ctx = unsafe { Ctx::new() };
        {
            let (_guard, _after) = o.as_address_space().i_mmap_lock_write(&mut ctx);
            assert_eq!(o.lock_word(LockId::IMmapLock), -1);
            let (id, mode) = (LockId::IMmapLock, ModeId::Write);
            // SAFETY: a failed try holds nothing; a successful one is released here.
            let second = unsafe { TestBackend::try_acquire(id, mode, Some(o.raw())) };
            assert!(!second, "an exclusive hold excludes another");
        }
        assert_eq!(o.lock_word(LockId::IMmapLock), 0);
    }

    #[test]
    fn spin_lock_holds_until_drop() {
        let o = TestObject::new();
        // SAFETY: the test thread holds no lock.
        let mut ctx = unsafe { Ctx::new() };
        {
            let (_guard, _after) = o.as_mm_struct().spin_lock(&mut ctx);
            assert_eq!(o.lock_word(LockId::PageTableLock), -1);
            let (id, mode) = (LockId::PageTableLock, ModeId::Held);
            // SAFETY: a failed try holds nothing; a successful one is released here.
            let second = unsafe { TestBackend::try_acquire(id, mode, Some(o.raw())) };
            assert!(!second, "an exclusive hold excludes another");
        }
        assert_eq!(o.lock_word(LockId::PageTableLock), 0);
    }

    #[test]
    fn pmd_lock_holds_until_drop() {
        let o = TestObject::new();
        // SAFETY: the test thread holds no lock.
        let mut ctx = unsafe { Ctx::new() };
        {
            let (_guard, _after) = o.as_pmd_table().pmd_lock(&mut ctx);
            assert_eq!(o.lock_word(LockId::PmdLock), -1);
            let (id, mode) = (LockId::PmdLock, ModeId::Held);
            // SAFETY: a failed try holds nothing; a successful one is released here.
            let second = unsafe { TestBackend::try_acquire(id, mode, Some(o.raw())) };
            assert!(!second, "an exclusive hold excludes another");
        }
        assert_eq!(o.lock_word(LockId::PmdLock), 0);
    }
}
