// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A caller that takes for read a lock its callee needs for write cannot leave the write mode
// to its own callers: the callee's requirement is reported at the call, as the wrong mode.
static void unshare_one(struct vm_area_struct *vma, unsigned long addr)
{
	i_mmap_assert_write_locked(vma->vm_file->f_mapping);
	huge_pmd_unshare_one(vma, addr);
}

static void unshare_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct address_space *mapping = vma->vm_file->f_mapping;
	unsigned long addr;

	i_mmap_lock_read(mapping);
	for (addr = start; addr < end; addr += PUD_SIZE)
// CHECK: :[[@LINE+3]]:3: error: call to 'unshare_one' needs 'i_mmap_lock' of 'vma->vm_file->f_mapping' held for write, but it is held for read (through unshare_one)
// CHECK: :[[@LINE-3]]:2: note: taken for read here
// CHECK: :[[@LINE+1]]:3: note: needed by {{.*}}bad-summary-write-mode-needed.c:6: 'i_mmap_assert_write_locked' asserts 'i_mmap_lock' of 'vma->vm_file->f_mapping' held
		unshare_one(vma, addr);
	i_mmap_unlock_read(mapping);
}

static int register_locked(struct mmu_notifier *subscription, struct mm_struct *mm)
{
	return __mmu_notifier_register(subscription, mm);
}

static int notifier_register(struct mmu_notifier *subscription, struct mm_struct *mm)
{
	int ret;

	mmap_read_lock(mm);
// CHECK: :[[@LINE+3]]:8: error: call to 'register_locked' needs 'mmap_lock' of 'mm' held for write, but it is held for read (through register_locked)
// CHECK: :[[@LINE-2]]:2: note: taken for read here
// CHECK: :[[@LINE+1]]:8: note: needed by {{.*}}bad-summary-write-mode-needed.c:26: call to '__mmu_notifier_register' (mmu_notifier_register_locked), which requires mmap_lock.write & mm_users_held
	ret = register_locked(subscription, mm);
	mmap_read_unlock(mm);
	return ret;
}

static int register_read(struct mmu_notifier *subscription, struct mm_struct *mm)
{
	int ret;

	mmap_read_lock(mm);
// CHECK: :[[@LINE+3]]:8: error: call to '__mmu_notifier_register' needs 'mmap_lock' of 'mm' held for write, but it is held for read (operation 'mmu_notifier_register_locked')
// CHECK: :[[@LINE-2]]:2: note: taken for read here
// CHECK: operations.rules:{{[0-9]+}}:{{[0-9]+}}: note: operation 'mmu_notifier_register_locked' is declared here
	ret = __mmu_notifier_register(subscription, mm);
	mmap_read_unlock(mm);
	return ret;
}

int notifier_register_read(struct mmu_notifier *subscription, struct mm_struct *mm)
{
	return register_read(subscription, mm);
}

void unshare_all(struct vm_area_struct *vma)
{
	unshare_range(vma, ALIGN(vma->vm_start, PUD_SIZE), ALIGN_DOWN(vma->vm_end, PUD_SIZE));
}

int notifier_get(struct mmu_notifier *subscription, struct mm_struct *mm)
{
	return notifier_register(subscription, mm);
}
