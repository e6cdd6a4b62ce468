// lockspec-case: operation reclaim_empty_pte_table | satisfied alt1 | positive
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
    let r_pte = TestObject::new();
    // SAFETY: this thread holds no lock.
    let mut c0: Ctx<'static, _> = unsafe { Ctx::new() };
    let (g1, mut c1) = o_mm_struct.as_mm_struct().mmap_read_lock(&mut c0);
    let (g2, mut c2) = r_pmd.as_pmd_table().pmd_lock(&mut c1);
    let (g3, mut c3) = o_mm_struct.as_mm_struct().get_locked_pte(0, &mut c2).unwrap();
    // SAFETY: the example promises the fact `freed_after_grace_period`.
    let f1 = unsafe { facts::FreedAfterGracePeriod::assume() };
    // SAFETY: the example promises the fact `pte_table_empty`.
    let f2 = unsafe { facts::PteTableEmpty::assume() };
    let permit = ops::reclaim_empty_pte_table(o_vm_area_struct.as_vm_area_struct(), &g2, &g3, &f1, &f2, &g1);
}
