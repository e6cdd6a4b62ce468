// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void install_nolock(struct vm_area_struct *vma, pte_t *pte, unsigned long addr, pte_t entry)
{
	mmap_read_lock(vma->vm_mm);
// CHECK: :[[@LINE+2]]:2: error: call to 'set_pte_at' (install) without 'pte_lock' (it holds 'mmap_lock' of 'vma->vm_mm' for read): entries are changed only under the lock of their table{{$}}
// CHECK-NEXT: {{^}}	set_pte_at(vma->vm_mm, addr, pte, entry);
	set_pte_at(vma->vm_mm, addr, pte, entry);
// CHECK: note: operation 'install' requires (any { mmap_lock: mmap_lock.read; vma_lock: vma_lock.read; }) & (pte_lock@pte); any of these would do: mmap_lock: mmap_lock.read & pte_lock; vma_lock: pte_lock & vma_lock.read{{$}}
// CHECK: operations.rules:{{[0-9]+}}:{{[0-9]+}}: note: operation 'install' is declared here
	mmap_read_unlock(vma->vm_mm);
}
