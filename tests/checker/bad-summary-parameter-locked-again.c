// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// good-summary-parameter-locked-again.c with the unlock after the fill loop removed: the
// VMA it holds there, the caller's or the one it locked again, stays locked.
static struct vm_area_struct *lock_vma_or_err(struct mm_struct *mm, unsigned long address)
{
	struct vm_area_struct *vma;

	vma = lock_vma_under_rcu(mm, address);
	if (vma)
		return vma;

	mmap_read_lock(mm);
	vma = find_vma_prepared(mm, address);
	if (!IS_ERR(vma)) {
		bool locked = vma_start_read_locked(vma);

		if (!locked)
			vma = ERR_PTR(-EAGAIN);
	}
	mmap_read_unlock(mm);
	return vma;
}

static struct vm_area_struct *lock_dst_vma(struct mm_struct *mm, unsigned long dst_start,
					   unsigned long len)
{
	struct vm_area_struct *dst_vma;

	dst_vma = lock_vma_or_err(mm, dst_start);
	if (IS_ERR(dst_vma) || dst_start + len <= dst_vma->vm_end)
		return dst_vma;

	vma_end_read(dst_vma);
	return ERR_PTR(-ENOENT);
}

static ssize_t fill_hugetlb(struct vm_area_struct *dst_vma, unsigned long dst_start,
			    unsigned long len, unsigned int flags)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm;
	ssize_t err = 0;
	long copied = 0;

	if (flags & FILL_ZEROPAGE) {
		vma_end_read(dst_vma);
		return -EINVAL;
	}

retry:
	if (!dst_vma) {
		dst_vma = lock_dst_vma(dst_mm, dst_start, len);
		if (IS_ERR(dst_vma)) {
			err = PTR_ERR(dst_vma);
			goto out;
		}
	}

	while (copied < len) {
		err = fill_one_page(dst_vma, dst_start + copied);
		if (unlikely(err == -ENOENT)) {
			vma_end_read(dst_vma);
			if (copy_page_from_user(dst_start + copied)) {
				err = -EFAULT;
				goto out;
			}
			dst_vma = NULL;
			goto retry;
		}
		if (err)
			break;
		copied += PAGE_SIZE;
	}

out:
	return copied ? copied : err;
}

ssize_t fill_range(struct mm_struct *mm, unsigned long dst_start, unsigned long len,
		   unsigned int flags)
{
	struct vm_area_struct *dst_vma;

	dst_vma = lock_dst_vma(mm, dst_start, len);
	if (IS_ERR(dst_vma))
		return PTR_ERR(dst_vma);

// CHECK: :[[@LINE+3]]:3: warning: 'vma_lock' of 'dst_vma' may still be held at return (it is held on some paths only)
// CHECK: :[[@LINE-5]]:12: note: taken here
	if (is_vm_hugetlb_page(dst_vma))
		return fill_hugetlb(dst_vma, dst_start, len, flags);

	vma_end_read(dst_vma);
	return -EINVAL;
}
