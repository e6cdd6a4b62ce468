//! The same page walker written correctly, run on the pure-Rust test backend: the fault path
//! with its fallback, a fully locked walk, a VMA write proof ended by the downgrade.

use lockspec_mm::backend::LinkId;
use lockspec_mm::ops;
use lockspec_mm::order::Ctx;
use lockspec_mm::test_backend::TestObject;

fn main() {
    let (mm, vma, pte) = (TestObject::new(), TestObject::new(), TestObject::new());
    vma.link_to(LinkId::VmAreaStructMm, &mm);
    pte.link_to(LinkId::PteTableMm, &mm);
    mm.set_found("lock_vma_under_rcu", &vma);
    mm.set_found("get_locked_pte", &pte);
    let (mm_obj, vma_obj) = (mm.as_mm_struct(), vma.as_vm_area_struct());
    // SAFETY: this thread holds no lock and makes no other context.
    let mut ctx = unsafe { Ctx::new() };

    // The fault path: the VMA read lock, else the mmap read lock.
    let per_vma = match mm_obj.lock_vma_under_rcu(0x1000, &mut ctx) {
        Some((vma_read, _)) => ops::page_fault(vma_obj, &vma_read).alternative() == "vma_lock",
        None => false,
    };
    assert!(per_vma);

    // A fully locked walk: the mmap read lock, then the PTE lock.
    {
        let (mmap, mut after) = mm_obj.mmap_read_lock(&mut ctx);
        let (ptl, _) = mm_obj.get_locked_pte(0x1000, &mut after).unwrap();
        let permit = ops::traverse(vma_obj, ptl.object(), (&mmap, &ptl));
        assert_eq!(permit.alternative(), "fully_locked");
        assert_eq!(pte.lock_word(lockspec_mm::backend::LockId::PteLock), -1);
    }
    assert_eq!(pte.lock_word(lockspec_mm::backend::LockId::PteLock), 0);

    // A VMA write proof borrows the mmap write guard; the downgrade ends both write holds.
    let (mmap, mut after) = mm_obj.mmap_write_lock(&mut ctx);
    {
        let (vma_write, _) = mmap.vma_start_write(vma_obj, &mut after);
        ops::reset_vma_flags(&mmap, &vma_write);
        assert_eq!(vma.lock_word(lockspec_mm::backend::LockId::VmaLock), -1);
    }
    let downgraded = mmap.mmap_write_downgrade();
    assert_eq!(vma.lock_word(lockspec_mm::backend::LockId::VmaLock), 0);
    drop(downgraded);
    assert_eq!(mm.lock_word(lockspec_mm::backend::LockId::MmapLock), 0);

    // Another mm's write guard: the API can tell at run time, through the VMA's mm link.
    let other = TestObject::new();
    // SAFETY: the earlier context and every guard taken with it are gone.
    let mut ctx = unsafe { Ctx::new() };
    let (other_write, mut after) = other.as_mm_struct().mmap_write_lock(&mut ctx);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = other_write.vma_start_write(vma_obj, &mut after);
    }));
    let message = *caught.expect_err("another mm's guard").downcast::<&str>().unwrap();
    assert!(message.contains("vma_write_needs_mmap_write"), "{message}");
    println!("page walker: ok");
}
