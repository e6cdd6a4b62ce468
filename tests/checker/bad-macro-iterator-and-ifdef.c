// RUN: not %check %s 2> %t.err | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: FileCheck --check-prefix=COVERAGE %s < %t.err
// Iterator macros are loops (kernel_macros.hints) and a conditional inside a body keeps its
// first branch: both functions are analysed, and findings keep their exact lines and columns.
// COVERAGE: functions analysed: 3 of 4
// COVERAGE-NEXT: bad-macro-iterator-and-ifdef.c:[[@LINE+31]]: broken: does not parse
static void __init lock_each_vma(struct mm_struct *mm, struct vma_iterator vmi)
{
	struct vm_area_struct *vma;

	for_each_vma(vmi, vma) {
		mmap_read_lock(mm);
		work(container_of(vma, struct foo, bar));
	}
// CHECK: :[[@LINE+1]]:1: warning: 'mmap_lock' of 'mm' may still be held at return
}

static int unlock_under_ifdef(struct mm_struct *mm)
{
	mmap_read_lock(mm);
#ifdef CONFIG_SOMETHING
	if (mm->flags) {
#else
	if (!mm->flags) {
#endif
		mmap_read_unlock(mm);
		return 1;
	}
#ifdef CONFIG_OTHER
out:
#endif
// CHECK: :[[@LINE+2]]:2: error: 'mmap_lock' of 'mm' is still held at return
// CHECK: :[[@LINE-13]]:2: note: taken here
	return 0;
}

static void broken(struct mm_struct *mm)
{
	mmap_read_lock(mm) +;
}

SYSCALL_DEFINE2(lockme, unsigned long, start, size_t, len)
{
	mmap_write_lock(current->mm);
// CHECK: :[[@LINE+1]]:1: error: 'mmap_lock' of 'current->mm' is still held at return
}
