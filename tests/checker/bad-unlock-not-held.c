// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void unbalanced(struct mm_struct *mm)
{
// CHECK: :[[@LINE+1]]:2: error: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which is not held here
	mmap_read_unlock(mm);
}
