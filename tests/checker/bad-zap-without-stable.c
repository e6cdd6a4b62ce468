// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A static function nothing calls: no caller can hold anything on entry.
static void zap_unstable(struct vm_area_struct *vma, unsigned long addr)
{
// CHECK: :[[@LINE+2]]:2: error: call to 'zap_page_range_single' (zap) without 'mmap_lock' of 'vma->vm_mm' for read, 'vma_lock' of 'vma' for read, 'anon_vma_lock' of 'vma->anon_vma' for read or 'i_mmap_lock' of 'vma->vm_file->f_mapping' for read, and without 'pte_lock' (it holds none of its locks): the VMA must not change or go away while its entries are cleared; and entries are changed only under the lock of their table{{$}}
// CHECK: note: operation 'zap' requires (stable) & (pte_lock@pte); any of these would do: mmap_lock.read of 'vma->vm_mm' & pte_lock; pte_lock & vma_lock.read of 'vma';
	zap_page_range_single(vma, addr, PAGE_SIZE, NULL);
}
