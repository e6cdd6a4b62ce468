// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The helper installs with no lock, so its callers must hold the PTL and either the mmap or
// the VMA lock.  The root holds the mmap read lock: what it lacks is the PTL, said once
// (not "'pte_lock' or 'pte_lock' and 'vma_lock'"), with the reason of the PTL's clause only.
static void install_unlocked(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
			     pte_t entry)
{
	set_pte_at(vma->vm_mm, addr, pte, entry);
}

SYSCALL_DEFINE2(installone, unsigned long, addr, pte_t, entry)
{
	struct vm_area_struct *vma;

	mmap_read_lock(current->mm);
	vma = find_vma(current->mm, addr);
// CHECK: :[[@LINE+2]]:2: error: call to 'install_unlocked' without 'pte_lock' (it holds 'mmap_lock' of 'current->mm' for read), which no caller in the files checked takes: entries are changed only under the lock of their table (through install_unlocked){{$}}
// CHECK: note: needed by {{.*}}bad-summary-said-once.c:8: call to 'set_pte_at' (install), which requires (any { mmap_lock: mmap_lock.read; vma_lock: vma_lock.read; }) & (pte_lock@pte){{$}}
	install_unlocked(vma, NULL, addr, entry);
	mmap_read_unlock(current->mm);
	return 0;
}
