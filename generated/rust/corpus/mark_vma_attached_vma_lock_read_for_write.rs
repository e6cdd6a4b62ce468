// lockspec-case: operation mark_vma_attached | read_for_write vma_lock | negative
// lockspec-expect: E0308 | expected `&VmaLockWriteGuard
#![allow(unused, clippy::all)]
use lockspec_mm::facts;
use lockspec_mm::guards::*;
use lockspec_mm::ops::{self, Conditional};
use lockspec_mm::order::Ctx;
use lockspec_mm::test_backend::{TestBackend, TestObject};

pub fn case() {
    let o_mm_struct = TestObject::new();
    let o_vm_area_struct = TestObject::new();
    let o_anon_vma = TestObject::new();
    let o_address_space = TestObject::new();
    let o_inode = TestObject::new();
    let o_folio = TestObject::new();
    let o_pmd_table = TestObject::new();
    let o_pte_table = TestObject::new();
    let o_lruvec = TestObject::new();
    let o_bdi_writeback = TestObject::new();
    // SAFETY: this thread holds no lock.
    let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
    let (g1, mut c1) = o_vm_area_struct.as_vm_area_struct().vma_start_read_locked(&mut c0).unwrap();
    let permit = ops::mark_vma_attached(&g1);
}
