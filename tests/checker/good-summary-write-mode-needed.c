// RUN: %check %s | count 0
// A helper asserts the rmap write lock its callers take; a caller that takes it for write
// meets it, and so does one that holds the mmap write lock a registration needs.
static void unshare_one(struct vm_area_struct *vma, unsigned long addr)
{
	i_mmap_assert_write_locked(vma->vm_file->f_mapping);
	huge_pmd_unshare_one(vma, addr);
}

static void unshare_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct address_space *mapping = vma->vm_file->f_mapping;
	unsigned long addr;

	i_mmap_lock_write(mapping);
	for (addr = start; addr < end; addr += PUD_SIZE)
		unshare_one(vma, addr);
	i_mmap_unlock_write(mapping);
}

static int register_locked(struct mmu_notifier *subscription, struct mm_struct *mm)
{
	return __mmu_notifier_register(subscription, mm);
}

static int notifier_register(struct mmu_notifier *subscription, struct mm_struct *mm)
{
	int ret;

	mmap_write_lock(mm);
	ret = register_locked(subscription, mm);
	mmap_write_unlock(mm);
	return ret;
}

void unshare_all(struct vm_area_struct *vma)
{
	unshare_range(vma, ALIGN(vma->vm_start, PUD_SIZE), ALIGN_DOWN(vma->vm_end, PUD_SIZE));
}

int notifier_get(struct mmu_notifier *subscription, struct mm_struct *mm)
{
	return notifier_register(subscription, mm);
}
