/* A small C ABI over the reference core, for the FFI backend of the generated Rust
 * type-state stubs (generated/rust/src/ffi.rs).  Locks, modes, links and try APIs are named
 * as the spec names them; every lock is the core's own, taken through the generated C++
 * wrappers with the runtime validator on.  Objects are passed as the core's own pointers
 * (Mm *, Vma *, PteTable *, AnonVma *) behind `void *`. */
#ifndef LOCKSPEC_CORE_FFI_H
#define LOCKSPEC_CORE_FFI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An address space with its folio pool and invariant report; freed by lsc_space_free. */
void *lsc_space_new(void);
void lsc_space_free(void *space);
/* Its mm (an Mm *). */
void *lsc_space_mm(void *space);
/* Invariants checked at a quiescent point, plus every report so far (invariant or validator). */
int64_t lsc_space_check(void *space);
/* mmap(MAP_FIXED_NOREPLACE) of anonymous memory; 1 on success. */
int lsc_map(void *space, uint64_t addr, uint64_t len, int writable);

/* Takes `lock` in `mode` on `inst` (NULL for a global lock); with `once`, tries once.
 * 1: held; 0: not taken (try failed, or the core has no such lock). */
int lsc_acquire(const char *lock, const char *mode, void *inst, int once);
void lsc_release(const char *lock, const char *mode, void *inst);
void lsc_downgrade(const char *lock, const char *from, const char *to, void *inst);
/* The try API `api` (not NUL-terminated, `len` bytes): lock_vma_under_rcu(mm, addr) or
 * get_locked_pte(mm, addr); the locked instance or NULL. */
void *lsc_try_acquire_at(const uint8_t *api, size_t len, void *from, uint64_t addr);
/* The object `link` ("vm_area_struct.mm") reaches from `from`, or NULL. */
void *lsc_follow(const char *link, void *from);

/* The VMA covering addr; the caller holds the mmap lock. */
void *lsc_find_vma(void *mm, uint64_t addr);
/* The anonymous fault handler under the VMA read lock (per_vma) or the mmap lock. */
int lsc_fault(void *vma, uint64_t addr, int write, int per_vma);
/* zap of [start, end) under the VMA read lock (per_vma) or the mmap lock; entries cleared. */
uint64_t lsc_zap(void *vma, uint64_t start, uint64_t end, int per_vma);
/* The entry for addr of a PTE table whose lock the caller holds. */
uint64_t lsc_pte_entry(void *pte, uint64_t addr);
/* pin_user_pages (FOLL_PIN | FOLL_WRITE) of one page; the folio or NULL.  Takes the mmap read
 * lock itself. */
void *lsc_pin(void *mm, uint64_t addr);
void lsc_unpin(void *mm, void *folio);

#ifdef __cplusplus
}
#endif

#endif
