// RUN: %check %s | count 0
// A forked VMA's own anon_vma is linked under its parent's: the parent's count of children
// changes under the anon_vma write lock (the tree's root lock, shared by parent and child),
// as every other anon_vma field write does.  Before anon_vma_chain_assign publishes it, the
// new anon_vma's own fields need no lock.
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
	anon_vma_lock_write(anon_vma);
	anon_vma_interval_tree_insert(avc, &anon_vma->rb_root);
	anon_vma->parent->num_children++;
	anon_vma_unlock_write(anon_vma);
	return 0;
}
