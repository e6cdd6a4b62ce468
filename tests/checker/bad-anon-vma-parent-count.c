// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-anon-vma-parent-count.c under the read lock: rmap walkers hold it too, so the
// parent's count of children (reached through the spec's `parent` link) changes under
// their feet.
int fork_anon_vma(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma_chain *avc;
	struct anon_vma *anon_vma;

	anon_vma = anon_vma_alloc();
	if (!anon_vma)
		return -ENOMEM;
	avc = anon_vma_chain_alloc(GFP_KERNEL);
	if (!avc) {
		put_anon_vma(anon_vma);
		return -ENOMEM;
	}
	anon_vma->num_active_vmas = 1;
	anon_vma->root = pvma->anon_vma->root;
	anon_vma->parent = pvma->anon_vma;
	get_anon_vma(anon_vma->root);
	vma->anon_vma = anon_vma;
	anon_vma_chain_assign(vma, avc, anon_vma);
	anon_vma_lock_read(anon_vma);
	anon_vma_interval_tree_insert(avc, &anon_vma->rb_root);
// CHECK: :[[@LINE+2]]:2: error: write to 'anon_vma->parent->num_children' needs 'anon_vma_lock' of 'anon_vma->parent' held for write, but it is held for read (field 'anon_vma.num_children')
// CHECK: :[[@LINE-3]]:2: note: taken for read here
	anon_vma->parent->num_children++;
	anon_vma_unlock_read(anon_vma);
	return 0;
}
