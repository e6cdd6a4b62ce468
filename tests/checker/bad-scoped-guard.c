// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A scoped_guard holds its lock in its statement only: code after it does not hold it.
void after_the_scope(struct mm_struct *mm, struct vm_area_struct *vma)
{
	scoped_guard(mmap_read_lock, mm) {
		vma_set_atomic_flag(vma, 0);
	}
// CHECK: :[[@LINE+1]]:2: error: call to 'vma_set_atomic_flag' (set_atomic_vma_flag) without 'mmap_lock' of 'vma->vm_mm' for read or 'vma_lock' of 'vma' for read (it holds none of its locks)
	vma_set_atomic_flag(vma, 0);
}

void write_under_read_scope(struct mm_struct *mm, struct vm_area_struct *vma)
{
	scoped_guard(mmap_read_lock, mm) {
// CHECK: :[[@LINE+1]]:3: error: 'vma_start_write' takes 'vma_lock' of 'vma' for write without 'mmap_lock' of 'vma->vm_mm' for write (it holds 'mmap_lock' of 'mm' for read)
		vma_start_write(vma);
	}
}

void nested_take(struct mm_struct *mm)
{
	scoped_guard(mmap_read_lock, mm) {
// CHECK: :[[@LINE+1]]:3: error: 'mmap_write_lock' takes 'mmap_lock' of 'mm', which is already held here
		mmap_write_lock(mm);
		mmap_write_unlock(mm);
	}
}
