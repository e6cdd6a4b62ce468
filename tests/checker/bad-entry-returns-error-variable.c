// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A function code outside the files may call takes the rmap lock and returns `error`, which
// it may have set to -ENOMEM on the way: a zero result is no sign the lock is held, so
// returning holding it leaks it whatever the caller tests.
int expand_down(struct vm_area_struct *vma, unsigned long address)
{
	int error = 0;

	if (address < mmap_min_addr)
		return -EPERM;
	if (unlikely(anon_vma_prepare(vma)))
		return -ENOMEM;
	anon_vma_lock_write(vma->anon_vma);
	if (address < vma->vm_start) {
		unsigned long grow = (vma->vm_start - address) >> PAGE_SHIFT;

		error = -ENOMEM;
		if (grow <= vma->vm_pgoff)
			error = acct_stack_growth(vma, vma->vm_end - address, grow);
	}
// CHECK: :[[@LINE+2]]:2: error: 'anon_vma_lock' of 'vma->anon_vma' is still held at return{{$}}
// CHECK: :[[@LINE-9]]:2: note: taken here
	return error;
}
