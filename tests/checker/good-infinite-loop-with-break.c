// RUN: %check %s | count 0
void forever(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	for (;;) {
		if (done(mm))
			break;
	}
	mmap_read_unlock(mm);
}
