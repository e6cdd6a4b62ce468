// RUN: %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A function the grammar cannot parse (an unexpanded macro in statement position) is
// skipped with one located note; the next function is still checked.
void macro_heavy(struct mm_struct *mm)
{
	mmap_read_lock(mm);
// CHECK: :[[@LINE+1]]:{{[0-9]+}}: note: function 'macro_heavy' is not checked: it does not parse here
	for_each_thing(mm, x) do_it(x) +;
}

void fine(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
}
