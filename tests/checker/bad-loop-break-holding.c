// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Breaking out of the loop skips the unlock.
void scan(struct mm_struct *mm, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		spin_lock(&mm->page_table_lock);
		if (scan_one(mm, i))
			break;
		spin_unlock(&mm->page_table_lock);
	}
// CHECK: :[[@LINE+1]]:1: warning: 'page_table_lock' of 'mm' may still be held at return
}
