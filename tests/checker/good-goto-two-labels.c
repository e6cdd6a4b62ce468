// RUN: %check %s | count 0
int two_labels(struct mm_struct *mm, struct anon_vma *anon_vma)
{
	int err;

	if (mmap_read_lock_killable(mm))
		return -EINTR;
	err = prepare(mm);
	if (err)
		goto out_mmap;
	anon_vma_lock_write(anon_vma);
	err = link(anon_vma);
	if (err)
		goto out_anon;
	finish(anon_vma);
out_anon:
	anon_vma_unlock_write(anon_vma);
out_mmap:
	mmap_read_unlock(mm);
	return err;
}
