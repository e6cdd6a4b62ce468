// RUN: %check %s | count 0
// A static function defined in both branches of a file-level #if is called by its name in
// either configuration: neither definition is a root with nothing held, so the second
// definition's requirement goes to the caller, which meets it.
#ifdef CONFIG_A
static void set_flags(struct vm_area_struct *vma, vm_flags_t flags)
{
	vm_flags_set(vma, flags);
}
#else
static void set_flags(struct vm_area_struct *vma, vm_flags_t flags)
{
	vm_flags_set(vma, flags);
}
#endif

SYSCALL_DEFINE2(setflags, unsigned long, addr, vm_flags_t, flags)
{
	struct vm_area_struct *vma;

	mmap_write_lock(current->mm);
	vma = find_vma(current->mm, addr);
	if (vma)
		set_flags(vma, flags);
	mmap_write_unlock(current->mm);
	return 0;
}
