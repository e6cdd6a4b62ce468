// lockspec-case: operation mark_vma_attached | satisfied | positive
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
    let (g2, mut c2) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
    let (g3, mut c3) = g2.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c2);
    let permit = ops::mark_vma_attached(&g3);
}
