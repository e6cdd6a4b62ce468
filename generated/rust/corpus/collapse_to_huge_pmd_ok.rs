// lockspec-case: operation collapse_to_huge_pmd | satisfied | positive
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
    let r_pmd = TestObject::new();
    // SAFETY: this thread holds no lock.
    let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
    let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
    let (g3, mut c3) = g1.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c1);
    let (g4, mut c4) = o_anon_vma.as_anon_vma().anon_vma_lock_write(&mut c3);
    let (g5, mut c5) = r_pmd.as_pmd_table().pmd_lock(&mut c4);
    let permit = ops::collapse_to_huge_pmd(&g4, &g1, &g5, &g3);
}
