// RUN: %check %s | count 0
void rmap_ordered(struct address_space *mapping, struct anon_vma *anon_vma)
{
	i_mmap_lock_write(mapping);
	anon_vma_lock_write(anon_vma);
	anon_vma_unlock_write(anon_vma);
	i_mmap_unlock_write(mapping);
}
