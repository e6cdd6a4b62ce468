// lockspec-case: operation move_ptes | satisfied rmap_locked | positive
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
    let r_new_vma = TestObject::new();
    let r_old_pte = TestObject::new();
    let r_new_pte = TestObject::new();
    // SAFETY: this thread holds no lock.
    let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
    let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_write_lock(&mut c0);
    let (g3, mut c3) = g1.vma_start_write(r_new_vma.as_vm_area_struct(), &mut c1);
    let (g5, mut c5) = g1.vma_start_write(o_vm_area_struct.as_vm_area_struct(), &mut c3);
    let (g6, mut c6) = o_address_space.as_address_space().i_mmap_lock_write(&mut c5);
    let (g7, mut c7) = o_anon_vma.as_anon_vma().anon_vma_lock_write(&mut c6);
    let (g8, mut c8) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c7).unwrap();
    let (g9, mut c9) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c8).unwrap();
    let permit = ops::move_ptes(&g1, &g8, &g9, &g3, &g5, (Conditional::Held(&g7), Conditional::Held(&g6)));
}
