// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-lock-handed-through-field.c with the caller's unlock of the VMA it was handed
// removed: the leak is the caller's.
struct behavior { struct mm_struct *mm; struct vm_area_struct *vma; int lock_mode; };

static bool try_vma_lock(struct behavior *b, unsigned long start)
{
	struct mm_struct *mm = b->mm;
	struct vm_area_struct *vma;

	vma = lock_vma_under_rcu(mm, start);
	if (!vma)
		goto fallback;
	if (vma->vm_flags & VM_SHARED) {
		vma_end_read(vma);
		goto fallback;
	}
	b->vma = vma;
	return true;

fallback:
	b->lock_mode = 1;
	return false;
}

int advise_range(struct mm_struct *mm, unsigned long start)
{
	struct behavior b = { .mm = mm };

	if (try_vma_lock(&b, start)) {
		zap_vma(b.vma, start);

// CHECK: :[[@LINE+1]]:3: error: 'vma_lock' of 'b.vma' is still held at return
		return 0;
	}
	mmap_read_lock(mm);
	zap_range(mm, start);
	mmap_read_unlock(mm);
	return 0;
}
