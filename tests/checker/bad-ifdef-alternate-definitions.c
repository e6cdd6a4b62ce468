// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The caller of a function defined in both branches of a file-level #if must meet what
// either definition needs: here only the #else branch needs the write lock.
#ifdef CONFIG_A
static int peek(struct vm_area_struct *vma)
{
	return vma->vm_start != 0;
}
#else
static int peek(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_LOCKED);
	return 1;
}
#endif

SYSCALL_DEFINE1(peekvma, unsigned long, addr)
{
	struct vm_area_struct *vma;
	int ret = 0;

	mmap_read_lock(current->mm);
	vma = find_vma(current->mm, addr);
// CHECK: :[[@LINE+2]]:9: error: call to 'peek' without 'mmap_lock' of 'vma->vm_mm' for write (it holds 'mmap_lock' of 'current->mm' for read), which no caller in the files checked takes: the helpers write-lock the VMA themselves, which needs the mmap write lock (through peek)
	if (vma)
		ret = peek(vma);
	mmap_read_unlock(current->mm);
	return ret;
}
