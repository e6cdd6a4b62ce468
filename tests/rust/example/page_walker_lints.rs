//! What a Rust user sees for a guard dropped as soon as it is taken: compiled with
//! `-D unused_must_use`, so the warning every guard's `#[must_use]` gives is an error;
//! `page_walker_lints.expected` pins it.  (It cannot share `page_walker_errors.rs`: rustc
//! runs lints only on a crate that type-checks.)
#![allow(dead_code)]

use lockspec_mm::objects::MmStruct;
use lockspec_mm::order::{Ctx, Unlocked};
use lockspec_mm::test_backend::TestBackend as B;

/// The guard and its context dropped at once: the lock is released before the walk.
fn dropped_mmap_guard(mm: &MmStruct<B>, ctx: &mut Ctx<'_, Unlocked>) {
    mm.mmap_read_lock(ctx);
}

/// A global lock's guard dropped at once: the RCU read section ends where it starts.
fn dropped_rcu_guard() {
    lockspec_mm::guards::rcu_read_lock::<B>();
}

/// A downgrade whose result is dropped: the lock is released, not kept for reading.
fn dropped_downgrade(mm: &MmStruct<B>, ctx: &mut Ctx<'_, Unlocked>) {
    let (mmap, _) = mm.mmap_write_lock(ctx);
    mmap.mmap_write_downgrade();
}

/// A try-lock's result dropped unread: an `Option` is not `#[must_use]`, so the function is.
fn dropped_try_guard(mm: &MmStruct<B>, ctx: &mut Ctx<'_, Unlocked>) {
    mm.get_locked_pte(0x1000, ctx);
}
