// RUN: %check %s | count 0
int by_kind(struct mm_struct *mm, int kind)
{
	mmap_read_lock(mm);
	switch (kind) {
	case 0:
		mmap_read_unlock(mm);
		return 0;
	case 1:
		walk(mm);
		break;
	default:
		break;
	}
	mmap_read_unlock(mm);
	return 1;
}
