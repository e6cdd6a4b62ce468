// RUN: %check %s | count 0
void fall(struct mm_struct *mm, int kind)
{
	mmap_read_lock(mm);
	switch (kind) {
	case 0:
		prepare(mm);
		fallthrough;
	case 1:
		work(mm);
		break;
	default:
		mmap_read_unlock(mm);
		return;
	}
	mmap_read_unlock(mm);
}
