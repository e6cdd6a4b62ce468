// RUN: %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Kernel annotations tree-sitter would take for types (__always_inline, __releases(...)) are
// blanked before parsing, so these functions are checked rather than skipped.
static __always_inline void unlock_mm(struct mm_struct *mm)
	__releases(&mm->mmap_lock)
{
// CHECK: :[[@LINE+1]]:2: note: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which this function has not taken: assumed held by its caller
	mmap_read_unlock(mm);
}

static int __init __maybe_unused walk_init(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
	return 0;
}
