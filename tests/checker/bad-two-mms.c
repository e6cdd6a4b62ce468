// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Two distinct variables are two objects: unlocking `mm` does not release `oldmm`.
void dup(struct mm_struct *mm, struct mm_struct *oldmm)
{
	mmap_write_lock(oldmm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_write_unlock' releases 'mmap_lock' of 'mm', which is not held here
	mmap_write_unlock(mm);
// CHECK: :[[@LINE+1]]:1: error: 'mmap_lock' of 'oldmm' is still held at return
}
