//! A concurrent Rust workload on the reference core through the FFI backend: several threads
//! fault, zap, pin and walk one address space, every lock taken through the type-state API
//! (so the order, the modes and the evidence are the compiler's to check), and the core's
//! invariants and runtime validator are checked at the end.

use std::thread;

use lockspec_mm::ffi::{self, AddressSpace, Pin};
use lockspec_mm::ops;
use lockspec_mm::order::Ctx;

const BASE: u64 = 1 << 32;
const PAGES: u64 = 2048;
const PAGE: u64 = 4096;

#[derive(Default, Debug)]
struct Counts {
    faults_per_vma: u64,
    faults_mmap: u64,
    zapped: u64,
    pins: u64,
    walks: u64,
    mapped_seen: u64,
    vma_writes: u64,
}

fn worker(space: &AddressSpace, seed: u64, ops_count: u64) -> Counts {
    // SAFETY: a fresh thread holds no lock and makes no other context.
    let mut ctx = unsafe { Ctx::new() };
    let mm = space.mm();
    let mut counts = Counts::default();
    let mut pins: Vec<Pin<'_>> = Vec::new();
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for _ in 0..ops_count {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let addr = BASE + (x % PAGES) * PAGE;
        match (x >> 32) % 8 {
            // The fault path: the VMA read lock found under RCU, else the mmap read lock.
            // The fault path: the VMA read lock found under RCU, else the mmap read lock.  The
            // try ends with its statement, so the fallback may take the context again.
            0..=3 => {
                let per_vma = match mm.lock_vma_under_rcu(addr, &mut ctx) {
                    Some((vma_guard, _)) => {
                        let vma = vma_guard.object();
                        let permit = ops::page_fault(vma, &vma_guard);
                        assert_eq!(ffi::fault(&permit, vma, addr, true), 0);
                        true
                    }
                    None => false,
                };
                if per_vma {
                    counts.faults_per_vma += 1;
                } else {
                    let (mmap, _) = mm.mmap_read_lock(&mut ctx);
                    let vma = ffi::find_vma(&mmap, addr).expect("the range is mapped");
                    let permit = ops::page_fault(vma, &mmap);
                    assert_eq!(ffi::fault(&permit, vma, addr, true), 0);
                    counts.faults_mmap += 1;
                }
            }
            // madvise(DONTNEED)-style zap of eight pages under the mmap read lock.
            4 => {
                let (mmap, _) = mm.mmap_read_lock(&mut ctx);
                let vma = ffi::find_vma(&mmap, addr).expect("the range is mapped");
                let end = (addr + 8 * PAGE).min(BASE + PAGES * PAGE);
                let permit = ops::page_fault(vma, &mmap);
                counts.zapped += ffi::zap(&permit, vma, addr, end);
            }
            // pin_user_pages: the core takes the mmap lock itself, so the context is unlocked.
            5 => {
                if let Some(pin) = ffi::pin(&mut ctx, mm, addr) {
                    counts.pins += 1;
                    pins.push(pin);
                }
                if pins.len() > 16 {
                    pins.drain(..8);
                }
            }
            // The mmap write lock and a VMA write proof made from it; the write holds end
            // together at the downgrade, which the proof must not outlive.
            6 if (x >> 40) % 4 == 0 => {
                let (mmap, mut after_mmap) = mm.mmap_write_lock(&mut ctx);
                let vma = ffi::find_vma(&mmap, addr).expect("the range is mapped");
                {
                    let (vma_write, _) = mmap.vma_start_write(vma, &mut after_mmap);
                    let permit = ops::reset_vma_flags(&mmap, &vma_write);
                    assert_eq!(permit.alternative(), "");
                    counts.vma_writes += 1;
                }
                let _downgraded = mmap.mmap_write_downgrade();
            }
            // A fully locked walk: mmap read lock, then the PTE lock of the table.
            _ => {
                let (mmap, mut after_mmap) = mm.mmap_read_lock(&mut ctx);
                let vma = ffi::find_vma(&mmap, addr).expect("the range is mapped");
                let found = mm.get_locked_pte(addr, &mut after_mmap);
                if let Some((pte, _)) = found {
                    let permit = ops::traverse(vma, pte.object(), (&mmap, &pte));
                    if ffi::read_pte(&permit, &pte, addr) != 0 {
                        counts.mapped_seen += 1;
                    }
                    counts.walks += 1;
                }
            }
        }
    }
    counts
}

fn main() {
    let threads: u64 = std::env::args().nth(1).map_or(4, |a| a.parse().expect("threads"));
    let ops_count: u64 = std::env::args().nth(2).map_or(4000, |a| a.parse().expect("ops"));
    let space = AddressSpace::new();
    assert!(space.map(BASE, PAGES * PAGE, true));
    let all: Vec<Counts> = thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let space = &space;
                s.spawn(move || worker(space, t + 1, ops_count))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("worker")).collect()
    });
    let mut sum = Counts::default();
    for c in &all {
        sum.faults_per_vma += c.faults_per_vma;
        sum.faults_mmap += c.faults_mmap;
        sum.zapped += c.zapped;
        sum.pins += c.pins;
        sum.walks += c.walks;
        sum.mapped_seen += c.mapped_seen;
        sum.vma_writes += c.vma_writes;
    }
    let broken = space.check();
    println!(
        "rust ffi workload: {threads} threads x {ops_count} ops: faults {} per-VMA + {} mmap, \
         {} entries zapped, {} pins, {} walks ({} mapped), {} VMA write locks; invariant \
         violations and validator reports: {broken}",
        sum.faults_per_vma,
        sum.faults_mmap,
        sum.zapped,
        sum.pins,
        sum.walks,
        sum.mapped_seen,
        sum.vma_writes
    );
    assert!(sum.faults_per_vma > 0 && sum.zapped > 0 && sum.pins > 0 && sum.walks > 0);
    assert!(sum.vma_writes > 0);
    assert_eq!(broken, 0, "the core reported broken invariants");
}
