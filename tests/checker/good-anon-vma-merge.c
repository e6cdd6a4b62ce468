// RUN: %check %s | count 0
// A merge gives an unfaulted VMA the anon_vma of the one it absorbs under the mmap and VMA
// write locks, without page_table_lock (v7.0 dup_anon_vma), and a clone that fails before
// linking the new chain sets it back without the anon_vma lock (cleanup_partial_anon_vmas).
static int clone_chain(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct anon_vma_chain *avc;

	avc = anon_vma_chain_alloc(GFP_KERNEL);
	if (!avc) {
		dst->anon_vma = NULL;
		return -ENOMEM;
	}
	anon_vma_lock_write(src->anon_vma);
	anon_vma_chain_free(avc);
	anon_vma_unlock_write(src->anon_vma);
	return 0;
}

static int merge_into(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	vma_assert_write_locked(dst);
	if (src->anon_vma && !dst->anon_vma) {
		dst->anon_vma = src->anon_vma;
		return clone_chain(dst, src);
	}
	return 0;
}

SYSCALL_DEFINE2(merge_two, unsigned long, a, unsigned long, b)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *prev, *next;
	int err = -EFAULT;

	mmap_write_lock(mm);
	prev = find_vma(mm, a);
	next = find_vma(mm, b);
	if (prev && next) {
		vma_start_write(prev);
		err = merge_into(prev, next);
	}
	mmap_write_unlock(mm);
	return err;
}
