// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A static function nothing calls: no caller can hold anything on entry.
static void zap_unstable(struct vm_area_struct *vma, unsigned long addr)
{
// CHECK: :[[@LINE+2]]:2: error: call to 'zap_page_range_single' without the locks operation 'zap' requires: (stable) & (pte_lock@pte)
// CHECK: note: any of these would do: mmap_lock.read of 'vma->vm_mm' & pte_lock; pte_lock & vma_lock.read of 'vma';
	zap_page_range_single(vma, addr, PAGE_SIZE, NULL);
}
