// RUN: %check %s | count 0
void count_locked(struct anon_vma *anon_vma)
{
	anon_vma_lock_write(anon_vma);
	anon_vma->num_children++;
	anon_vma->num_active_vmas += 1;
	anon_vma_unlock_write(anon_vma);
}
