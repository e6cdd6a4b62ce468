// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void bump(struct mm_struct *mm)
{
	mmap_read_lock(mm);
// CHECK: :[[@LINE+2]]:2: error: write to 'mm->map_count' needs 'mmap_lock' of 'mm' held for write, but it is held for read (field 'mm_struct.map_count')
// CHECK: :[[@LINE-2]]:2: note: taken for read here
	mm->map_count++;
	mmap_read_unlock(mm);
}
