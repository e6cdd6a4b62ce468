//! What a Rust user of the generated stubs sees for each kind of mistake: every function
//! below has one, and `page_walker_errors.expected` pins the error rustc prints for it.
#![allow(unused)]

use lockspec_mm::facts;
use lockspec_mm::guards::*;
use lockspec_mm::objects::{MmStruct, VmAreaStruct};
use lockspec_mm::ops;
use lockspec_mm::order::{Ctx, Unlocked};
use lockspec_mm::test_backend::TestBackend as B;

/// A missing lock: zapping needs a stabilising lock *and* the PTE lock.
fn missing_pte_lock(mm: &MmStruct<B>, vma: &VmAreaStruct<B>, ctx: &mut Ctx<'_, Unlocked>) {
    let (mmap, _) = mm.mmap_read_lock(ctx);
    let permit = ops::zap(vma, vma.mm().unwrap(), &mmap);
}

/// A read hold where the rule needs a write hold: changing VMA flags takes the mmap write lock.
fn read_for_write(mm: &MmStruct<B>, vma: &VmAreaStruct<B>, ctx: &mut Ctx<'_, Unlocked>) {
    let (mmap, _) = mm.mmap_read_lock(ctx);
    let permit = ops::change_vma_flags(vma, &mmap);
}

/// A lock set the rule rejects: an rmap lock does not allow installing a PTE.
fn rmap_lock_for_install(
    mm: &MmStruct<B>,
    vma: &VmAreaStruct<B>,
    av: &lockspec_mm::objects::AnonVma<B>,
    ctx: &mut Ctx<'_, Unlocked>,
) {
    let (rmap, mut after) = av.anon_vma_lock_write(ctx);
    let (pte, _) = mm.get_locked_pte(0, &mut after).unwrap();
    let permit = ops::install(vma, &pte, &rmap);
}

/// Locks in the wrong order: the mmap lock after a PTE lock.
fn wrong_order(mm: &MmStruct<B>, ctx: &mut Ctx<'_, Unlocked>) {
    let (pte, mut after) = mm.get_locked_pte(0, ctx).unwrap();
    let (mmap, _) = mm.mmap_read_lock(&mut after);
}

/// A VMA write proof kept past the downgrade that ends it.
fn proof_outlives(mm: &MmStruct<B>, vma: &VmAreaStruct<B>, ctx: &mut Ctx<'_, Unlocked>) {
    let (mmap, mut after) = mm.mmap_write_lock(ctx);
    let (vma_write, _) = mmap.vma_start_write(vma, &mut after);
    let downgraded = mmap.mmap_write_downgrade();
    let still = &vma_write;
}

/// A guard sent to another thread: the unlock must happen on the locking thread.
fn guard_to_thread(mm: &'static MmStruct<B>, ctx: &mut Ctx<'static, Unlocked>) {
    let (mmap, _) = mm.mmap_read_lock(ctx);
    std::thread::spawn(move || drop(mmap));
}

/// A fact token made without the promise.
fn fact_without_unsafe() {
    let irqs = facts::IrqsDisabled::assume();
}

/// A PMD lock guard kept past the table it locks: the guard borrows its table, so an
/// operation that takes it (retract_pte_table) reads the table from it and cannot be given
/// another table's guard.
fn guard_outlives_table(ctx: &mut Ctx<'_, Unlocked>) {
    let guard = {
        let table = lockspec_mm::test_backend::TestObject::new();
        table.as_pmd_table().pmd_lock(ctx).0
    };
}
