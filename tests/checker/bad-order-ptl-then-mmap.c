// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The mmap lock is outermost: taking it under the page-table lock inverts the order.
void inverted(struct mm_struct *mm)
{
	spin_lock(&mm->page_table_lock);
// CHECK: :[[@LINE+3]]:2: error: 'mmap_read_lock' takes 'mmap_lock' of 'mm' while 'page_table_lock' of 'mm' is held, against the lock order (order 'rmap_main')
// CHECK: :[[@LINE-2]]:2: note: 'page_table_lock' taken here
// CHECK: order.rules:{{[0-9]+}}:{{[0-9]+}}: note: 'mmap_lock' is ordered before 'page_table_lock' here
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
	spin_unlock(&mm->page_table_lock);
}
