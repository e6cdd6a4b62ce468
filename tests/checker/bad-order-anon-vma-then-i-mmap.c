// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// mm/rmap.c: i_mmap_rwsem is taken before anon_vma->rwsem.
void rmap_inverted(struct address_space *mapping, struct anon_vma *anon_vma)
{
	anon_vma_lock_write(anon_vma);
// CHECK: :[[@LINE+1]]:2: error: 'i_mmap_lock_write' takes 'i_mmap_lock' of 'mapping' while 'anon_vma_lock' of 'anon_vma' is held, against the lock order
	i_mmap_lock_write(mapping);
	i_mmap_unlock_write(mapping);
	anon_vma_unlock_write(anon_vma);
}
