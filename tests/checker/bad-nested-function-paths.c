// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Two functions in one file are checked independently.
void first(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
}

void second(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which is not held here
	mmap_read_unlock(mm);
}
