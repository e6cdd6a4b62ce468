// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void count(struct anon_vma *anon_vma)
{
	anon_vma_lock_read(anon_vma);
// CHECK: :[[@LINE+1]]:2: error: write to 'anon_vma->num_children' needs 'anon_vma_lock' of 'anon_vma' held for write, but it is held for read (field 'anon_vma.num_children')
	anon_vma->num_children++;
	anon_vma_unlock_read(anon_vma);
}
